/**
 * Tasks through the scaffolder's REST API on the real backend (`npm start`: SQLite in memory, the
 * GitHub stand-in on loopback): dry-run latency; sequential tasks with the time of each step
 * (check, render, publish, register) read from the task's own events; concurrent tasks; the
 * backend's resident memory before and after many tasks. Every loop is bounded by a count and a
 * deadline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarise, type Timing } from './stats';
import { residentMiB, pidListeningOn } from './processes';
import { PostgresCluster } from '../verify/postgres';
import {
  guestApi,
  serviceValues as values,
  TEMPLATE_REF,
  type ScaffolderApi,
} from '../lib/scaffolderApi';

const root = path.resolve(__dirname, '../..');
const BASE_URL = 'http://localhost:7007';
const STAND_IN_URL = 'http://localhost:7080';
const TEMPLATE_ENTITY =
  '/catalog/entities/by-name/template/default/microservice';
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export interface TaskOptions {
  dryRuns: number;
  sequential: number;
  concurrent: number;
  /** Tasks between the two memory readings (run `concurrent` at a time). */
  soak: number;
  /** A deadline per task; a task past it counts as failed. */
  taskTimeoutMs: number;
}

export interface TaskFigures {
  dryRun: Timing;
  /** POST to completion, as the caller sees it. */
  sequential: Timing;
  /** Per step id, from its first to its last event; `queued` is creation to the first event. */
  steps: Record<string, Timing>;
  concurrent: {
    tasks: number;
    completed: number;
    failed: number;
    wallMs: number;
  };
  rss: { tasks: number; failed: number; beforeMiB: number; afterMiB: number };
  failures: string[];
}

interface TaskEvent {
  type: string;
  createdAt: string;
  body: { stepId?: string; status?: string; message?: string };
}

type Api = ScaffolderApi;

/**
 * Runs one task: its wall time is the POST to the status "completed" (polled every 20 ms; the
 * events endpoint is no clock: it long-polls the database once a second). Its steps are timed
 * from the events' own timestamps, which PostgreSQL keeps to the microsecond.
 */
async function runTask(
  api: Api,
  name: string,
  timeoutMs: number,
): Promise<{
  ok: boolean;
  wallMs: number;
  steps: Record<string, number>;
  why?: string;
}> {
  const started = performance.now();
  const created = await api('/scaffolder/v2/tasks', {
    templateRef: TEMPLATE_REF,
    values: values(name),
  });
  if (created.status !== 201) {
    return {
      ok: false,
      wallMs: 0,
      steps: {},
      why: `POST answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`,
    };
  }
  const deadline = Date.now() + timeoutMs;
  let task: { status: string; createdAt: string } = {
    status: 'open',
    createdAt: '',
  };
  while (!['completed', 'failed', 'cancelled'].includes(task.status)) {
    if (Date.now() > deadline)
      return { ok: false, wallMs: 0, steps: {}, why: 'timed out' };
    await sleep(20);
    task = (await api(`/scaffolder/v2/tasks/${created.body.id}`)).body;
  }
  const wallMs = performance.now() - started;
  const events: TaskEvent[] = (
    await api(`/scaffolder/v2/tasks/${created.body.id}/events`)
  ).body;
  const failed = events.find(e => e.body.status === 'failed');
  return {
    ok: task.status === 'completed',
    wallMs,
    steps: stepDurations(events, Date.parse(task.createdAt)),
    why:
      task.status === 'completed'
        ? undefined
        : `${task.status}: ${String(failed?.body.message ?? '').split('\n')[0]}`,
  };
}

/**
 * Milliseconds per step, by the events' timestamps: from a step's first event to the next
 * step's (the last step: to the completion), so every moment of the run belongs to a step;
 * `queued` is the task's creation to its first event (the claim).
 */
function stepDurations(
  events: TaskEvent[],
  createdAt: number,
): Record<string, number> {
  const at = (event: TaskEvent) => Date.parse(event.createdAt);
  const firstSeen = new Map<string, number>();
  for (const event of events) {
    const id = event.body.stepId;
    if (id && !firstSeen.has(id)) firstSeen.set(id, at(event));
  }
  const starts = [...firstSeen];
  const end = events.length ? at(events[events.length - 1]) : NaN;
  return {
    queued: events.length ? at(events[0]) - createdAt : NaN,
    ...Object.fromEntries(
      starts.map(([id, begun], i) => [id, (starts[i + 1]?.[1] ?? end) - begun]),
    ),
  };
}

async function dryRuns(api: Api, count: number): Promise<Timing> {
  const template = (await api(TEMPLATE_ENTITY)).body;
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const answer = await api('/scaffolder/v2/dry-run', {
      template,
      values: values(`dry-run-${i}`),
      secrets: {},
      directoryContents: [],
    });
    if (answer.status !== 200)
      throw new Error(
        `dry-run answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

async function inBatches(
  api: Api,
  names: string[],
  width: number,
  timeoutMs: number,
) {
  const results: Awaited<ReturnType<typeof runTask>>[] = [];
  for (let i = 0; i < names.length; i += width) {
    results.push(
      ...(await Promise.all(
        names.slice(i, i + width).map(name => runTask(api, name, timeoutMs)),
      )),
    );
  }
  return results;
}

/** Starts the local stack as `npm start` does, measures, and stops it. */
export async function benchmarkTasks(
  options: TaskOptions,
): Promise<TaskFigures> {
  // The portal test's launcher: installs what is missing, starts the stand-in and the backend.
  const launcher = path.join(root, 'packages/app/e2e/lib/localStack.mjs');
  const { startLocalStack, answers } = await import(launcher);
  if (await answers(BASE_URL)) {
    throw new Error(
      `${BASE_URL} is in use: stop what runs there (an earlier npm start?)`,
    );
  }
  // The backend's database is PostgreSQL, as in production: its event timestamps time the steps
  // (SQLite's have whole seconds).
  const postgres = await PostgresCluster.start(line =>
    process.stdout.write(`${line}\n`),
  );
  const logFile = path.join(os.tmpdir(), `bench-tasks-${process.pid}.log`);
  let measured = false;
  let stack: { ready(): Promise<number>; stop(): Promise<void> } | undefined;
  try {
    const launched = startLocalStack({
      root,
      baseUrl: BASE_URL,
      standInUrl: STAND_IN_URL,
      logFile,
      // Backstage reads APP_CONFIG_* over app-config.yaml.
      extraEnv: {
        APP_CONFIG_backend_database_client: 'pg',
        APP_CONFIG_backend_database_connection: JSON.stringify({
          host: '127.0.0.1',
          port: postgres.port,
          user: 'postgres',
          password: 'trust',
        }),
      },
    });
    stack = launched;
    await launched.ready();
    const api = await guestApi(BASE_URL);
    const run = Date.now().toString(36);
    const failures: string[] = [];
    // The template reaches the catalog a moment after readiness.
    for (let i = 0; i < 120; i++) {
      const { status } = await api(TEMPLATE_ENTITY);
      if (status === 200) break;
      await sleep(500);
    }

    const dryRun = await dryRuns(api, options.dryRuns);

    const sequentialWall: number[] = [];
    const perStep = new Map<string, number[]>();
    for (let i = 0; i < options.sequential; i++) {
      const result = await runTask(
        api,
        `seq-${run}-${i}`,
        options.taskTimeoutMs,
      );
      if (!result.ok) {
        failures.push(`sequential task ${i}: ${result.why}`);
        continue;
      }
      sequentialWall.push(result.wallMs);
      for (const [step, ms] of Object.entries(result.steps)) {
        perStep.set(step, [...(perStep.get(step) ?? []), ms]);
      }
    }

    const concurrentStarted = performance.now();
    const together = await inBatches(
      api,
      Array.from({ length: options.concurrent }, (_, i) => `par-${run}-${i}`),
      options.concurrent,
      options.taskTimeoutMs,
    );
    const concurrentWall = performance.now() - concurrentStarted;
    together.forEach((r, i) => {
      if (!r.ok) failures.push(`concurrent task ${i}: ${r.why}`);
    });

    const backend = pidListeningOn(Number(new URL(BASE_URL).port));
    const beforeMiB = residentMiB(backend);
    const soaked = await inBatches(
      api,
      Array.from({ length: options.soak }, (_, i) => `soak-${run}-${i}`),
      options.concurrent,
      options.taskTimeoutMs,
    );
    const afterMiB = residentMiB(backend);
    soaked.forEach((r, i) => {
      if (!r.ok) failures.push(`soak task ${i}: ${r.why}`);
    });

    const figures: TaskFigures = {
      dryRun,
      sequential: summarise(sequentialWall),
      steps: Object.fromEntries(
        [...perStep].map(([step, samples]) => [step, summarise(samples)]),
      ),
      concurrent: {
        tasks: together.length,
        completed: together.filter(r => r.ok).length,
        failed: together.filter(r => !r.ok).length,
        wallMs: concurrentWall,
      },
      rss: {
        tasks: soaked.length,
        failed: soaked.filter(r => !r.ok).length,
        beforeMiB,
        afterMiB,
      },
      failures,
    };
    measured = true;
    return figures;
  } finally {
    await stack?.stop();
    postgres.stop();
    // Kept when the run broke off: the backend's own account of it.
    if (measured) fs.rmSync(logFile, { force: true });
    else process.stdout.write(`the backend's log: ${logFile}\n`);
  }
}
