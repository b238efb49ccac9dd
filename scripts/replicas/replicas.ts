/**
 * `npm run test:replicas`: two backend replicas (app-config.production.yaml) share one real
 * PostgreSQL and the GitHub stand-in on loopback. 20 tasks go to both; replica B is stopped
 * while its tasks are in flight, two of them held mid-publish: first with SIGKILL (a crash, a node
 * lost), then with SIGTERM (a deploy, a drain). Replica A must carry on serving, every task must
 * end completed (resumed by A, or failed with a message and completed on one retry), each
 * repository made once and pushed by its own task, each service registered once. Every wait is
 * bounded. Ends with `N passed, N failed`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGithubStandIn, type GithubStandIn } from 'github-stand-in';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { ensureAppBuilt } from '../../packages/app/scripts/ensureBuilt.mjs';
import { PostgresCluster } from '../verify/postgres';
import {
  guestApi,
  serviceValues,
  TEMPLATE_REF,
  type ScaffolderApi,
} from '../lib/scaffolderApi';
import { startBackendReplica, type BackendReplica } from './backendReplica';
import { waitForTasks, type TaskOutcome } from './tasks';

const root = path.resolve(__dirname, '../..');
const PORTS = { a: 7007, b: 7008, standIn: 7080 };
const TASKS = 20;
/** The held requests wait this long: replica B is stopped meanwhile. */
const HOLD_MS = 15_000;
const READY_WITHIN_MS = 180_000;
/** Replica B's exit: at once on SIGKILL; on SIGTERM after its tasks (the held ones included). */
const EXIT_WITHIN_MS = { SIGKILL: 10_000, SIGTERM: 120_000 };
/** Every task final: recovery starts after the 30 s staleTimeout, plus the recovery loop's 10 s. */
const FINAL_WITHIN_MS = 240_000;
const TASK_TRAILER = 'Scaffolder-Task';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

class Checks {
  readonly results: { name: string; ok: boolean; detail: string }[] = [];
  record(name: string, ok: boolean, detail = '') {
    this.results.push({ name, ok, detail });
    say(`  ${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  }
}

/** Asks replica A for the template and the catalog every 250 ms until stopped. */
function probeServing(api: ScaffolderApi) {
  let running = true;
  const counts = { ok: 0, failed: 0, firstFailure: '' };
  const done = (async () => {
    while (running) {
      for (const url of [
        '/catalog/entities/by-name/template/default/microservice',
        '/catalog/entities?limit=5',
      ]) {
        const answer = await api(url).catch((e: Error) => ({
          status: 0,
          body: e.message,
        }));
        if (answer.status === 200) counts.ok += 1;
        else {
          counts.failed += 1;
          counts.firstFailure ||= `${url} → ${answer.status}`;
        }
      }
      await sleep(250);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return counts;
    },
  };
}

async function createTask(api: ScaffolderApi, name: string) {
  const created = await api('/scaffolder/v2/tasks', {
    templateRef: TEMPLATE_REF,
    values: serviceValues(name),
  });
  if (created.status !== 201) {
    throw new Error(
      `creating ${name} answered ${created.status}: ${JSON.stringify(created.body)}`,
    );
  }
  return created.body.id as string;
}

async function until(what: string, test: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The checks on what one task left behind: its repository and its registration. */
async function checkTaskResult(
  checks: Checks,
  api: ScaffolderApi,
  standIn: GithubStandIn,
  outcome: TaskOutcome,
) {
  const { name, id } = outcome;
  checks.record(
    `${name}: completed`,
    outcome.status === 'completed',
    [
      outcome.resumed && 'resumed by replica A',
      outcome.retried && `retried after: ${outcome.firstFailure}`,
      outcome.status !== 'completed' && outcome.lastMessage,
    ]
      .filter(Boolean)
      .join('; '),
  );
  const head = await standIn.store.commit('acme', name, 'main');
  const catalogFile = await standIn.store.readFile(
    'acme',
    name,
    'main',
    'catalog-info.yaml',
  );
  checks.record(
    `${name}: one repository, fully pushed by its own task`,
    Boolean(head?.message.includes(`${TASK_TRAILER}: ${id}`) && catalogFile),
    head ? head.sha.slice(0, 12) : 'no commit on main',
  );
  const locations = (await api('/catalog/locations')).body as {
    data: { target: string };
  }[];
  const mine = locations.filter(l => l.data.target.includes(`/acme/${name}/`));
  let entity = 0;
  for (let i = 0; i < 120 && entity !== 200; i++) {
    entity = (await api(`/catalog/entities/by-name/component/default/${name}`))
      .status;
    if (entity !== 200) await sleep(500);
  }
  checks.record(
    `${name}: registered once`,
    mine.length === 1 && entity === 200,
    `${mine.length} Location(s); Component ${entity === 200 ? 'in the catalog' : `answered ${entity}`}`,
  );
}

interface RoundFigures {
  signal: string;
  inFlightAtStop: number;
  resumed: number;
  retried: number;
  exitMs: number;
  recoveredAfterMs: number | undefined;
  allFinalMs: number;
  probes: number;
  workspaceKiB: number | undefined;
}

async function runRound(
  signal: 'SIGKILL' | 'SIGTERM',
  postgres: PostgresCluster,
  standIn: GithubStandIn,
  checks: Checks,
): Promise<RoundFigures> {
  say(`\n=== ${signal}: replica B stopped with ${signal} mid-push`);
  const prefix = `replicas_${signal.toLowerCase()}_`;
  const replica = (name: string, port: number) =>
    startBackendReplica({
      root,
      name,
      port,
      postgresPort: postgres.port,
      databasePrefix: prefix,
      logFile: path.join(os.tmpdir(), `replicas-${signal}-${port}.log`),
    });
  const a = replica('replica A', PORTS.a);
  let b: BackendReplica | undefined;
  try {
    // One after the other: both would run the same database migrations at once.
    say(`  replica A ready in ${await a.ready(READY_WITHIN_MS)} ms`);
    b = replica('replica B', PORTS.b);
    say(`  replica B ready in ${await b.ready(READY_WITHIN_MS)} ms`);
    const apiA = await guestApi(a.baseUrl);
    const apiB = await guestApi(b.baseUrl);
    const probe = probeServing(apiA);

    const names = Array.from(
      { length: TASKS },
      (_, i) =>
        `${signal.toLowerCase()}-service-${String(i + 1).padStart(2, '0')}`,
    );
    // Two of B's tasks are held at the stand-in when B stops: one mid-push, one after its push
    // landed (at the branch protection that follows it), the two states a re-run must tell apart.
    const holds = [
      {
        name: names[0],
        moment: 'mid-push',
        method: 'POST',
        path: `^/acme/${names[0]}\\.git/git-receive-pack$`,
      },
      {
        name: names[2],
        moment: 'after its push landed',
        method: 'PUT',
        path: `^/api/v3/repos/acme/${names[2]}/branches/main/protection$`,
      },
    ];
    for (const hold of holds) {
      standIn.faults.add({
        method: hold.method,
        path: hold.path,
        times: 1,
        delayMs: HOLD_MS,
      });
    }
    // The held tasks first, on B; the rest alternate, so B has several in flight when it stops.
    const ids: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      ids[name] = await createTask(i % 2 === 0 ? apiB : apiA, name);
    }
    await until(
      'both held requests reached the stand-in',
      () => standIn.faults.remaining() === 0,
      120_000,
    );

    const inFlight = await waitForTasks(apiA, ids, 0);
    // The in-flight tasks' workspaces, as the database keeps them (a finished task's is deleted).
    const workspace = await postgres
      .psql(`${prefix}scaffolder`, [
        'SELECT coalesce(max(octet_length(workspace)), 0) FROM scaffolder_task_workspaces',
      ])
      .then(out => Number(out.trim()) / 1024)
      .catch(() => undefined);
    const stoppedAt = Date.now();
    b.signal(signal);
    if (signal === 'SIGTERM') {
      // Draining: the load balancer must see it leave at once.
      await sleep(1000);
      const readiness = await fetch(
        `${b.baseUrl}/.backstage/health/v1/readiness`,
        { signal: AbortSignal.timeout(2000) },
      ).then(
        r => r.status,
        () => 0,
      );
      checks.record(
        'replica B answered 503 on readiness while it drained',
        readiness === 503,
        `answered ${readiness || 'nothing'} 1 s after SIGTERM`,
      );
    }
    const exit = await Promise.race([
      b.exited,
      sleep(EXIT_WITHIN_MS[signal]).then(() => 'still running'),
    ]);
    const exitMs = Date.now() - stoppedAt;
    checks.record(
      `replica B stopped on ${signal}`,
      exit !== 'still running',
      `${exit} after ${exitMs} ms`,
    );
    if (exit === 'still running') b.signal('SIGKILL');

    let outcomes = await waitForTasks(apiA, ids, FINAL_WITHIN_MS);
    // A task that failed gets one retry, as its user would click "Retry".
    const failed = outcomes.filter(o => o.status !== 'completed');
    for (const outcome of failed) {
      await apiA(`/scaffolder/v2/tasks/${outcome.id}/retry`, {});
    }
    if (failed.length) {
      outcomes = await waitForTasks(apiA, ids, FINAL_WITHIN_MS, failed);
    }
    const allFinalMs = Date.now() - stoppedAt;
    const counts = await probe.stop();
    checks.record(
      'replica A served the template and the catalog throughout',
      counts.ok > 0 && counts.failed === 0,
      `${counts.ok} answers, ${counts.failed} failed${counts.firstFailure ? ` (first: ${counts.firstFailure})` : ''}`,
    );
    for (const outcome of outcomes) {
      await checkTaskResult(checks, apiA, standIn, outcome);
    }
    const repositories = standIn.store
      .list()
      .filter(r => r.name.startsWith(signal.toLowerCase()));
    checks.record(
      'no repository made twice or left over',
      repositories.length === TASKS,
      `${repositories.length} repositories for ${TASKS} tasks`,
    );
    if (signal === 'SIGKILL') {
      for (const hold of holds) {
        const outcome = outcomes.find(o => o.name === hold.name)!;
        checks.record(
          `the task killed ${hold.moment} was resumed by replica A and completed`,
          outcome.resumed &&
            outcome.status === 'completed' &&
            !outcome.retried &&
            Boolean(outcome.publishLog),
          outcome.publishLog || 'its publish step did not find its earlier run',
        );
      }
    } else {
      const onB = outcomes.filter((_, i) => i % 2 === 0);
      checks.record(
        'every task B was running when SIGTERM came finished without a retry',
        onB.every(o => o.status === 'completed' && !o.retried),
        onB
          .filter(o => o.retried || o.status !== 'completed')
          .map(o => `${o.name}: ${o.firstFailure ?? o.lastMessage}`)
          .join('; ') ||
          `${onB.filter(o => o.resumed).length} handed over to replica A, the others finished by B (the held ones included)`,
      );
    }
    const recovered = outcomes
      .map(o => o.recoveredAt)
      .filter((t): t is number => t !== undefined);
    return {
      signal,
      // B's tasks are the even ones (created on B, claimed by B).
      inFlightAtStop: inFlight.filter(
        (o, i) => i % 2 === 0 && o.status === 'processing',
      ).length,
      resumed: outcomes.filter(o => o.resumed).length,
      retried: failed.length,
      exitMs,
      recoveredAfterMs: recovered.length
        ? Math.min(...recovered) - stoppedAt
        : undefined,
      allFinalMs,
      probes: counts.ok,
      workspaceKiB: workspace,
    };
  } finally {
    b?.signal('SIGKILL');
    a.signal('SIGTERM');
    await Promise.race([a.exited, sleep(20_000)]);
    a.signal('SIGKILL');
    await Promise.race([b?.exited, sleep(5_000)]);
  }
}

async function main() {
  for (const port of Object.values(PORTS)) {
    const inUse = await fetch(`http://localhost:${port}`, {
      signal: AbortSignal.timeout(1000),
    }).then(
      () => true,
      () => false,
    );
    if (inUse)
      throw new Error(`port ${port} is in use (an earlier npm start?)`);
  }
  ensureAppBuilt();
  const postgres = await PostgresCluster.start(say);
  const standIn = await startGithubStandIn({
    dataDirectory: fs.mkdtempSync(path.join(os.tmpdir(), 'replicas-github-')),
    token: 'stand-in-token',
    login: 'backstage-dev',
    organizations: ['acme'],
    port: PORTS.standIn,
  });
  const started = Date.now();
  const checks = new Checks();
  const figures: RoundFigures[] = [];
  try {
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      try {
        figures.push(await runRound(signal, postgres, standIn, checks));
      } catch (error) {
        checks.record(`${signal} round ran`, false, (error as Error).message);
      }
    }
  } finally {
    await standIn.stop();
    postgres.stop();
  }
  say('\n=== Figures');
  for (const f of figures) {
    say(
      `${f.signal}: ${f.inFlightAtStop} of B's tasks in flight at the stop; B exited after ${f.exitMs} ms; ` +
        `${f.resumed} resumed by A (first ${f.recoveredAfterMs ?? '–'} ms after the stop), ${f.retried} retried; ` +
        `all ${TASKS} final ${f.allFinalMs} ms after the stop; ${f.probes} answers from A meanwhile; ` +
        `largest stored workspace ${f.workspaceKiB?.toFixed(0) ?? '–'} KiB`,
    );
  }
  say(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  const failed = checks.results.filter(r => !r.ok);
  for (const r of failed)
    say(`FAIL ${r.name}${r.detail ? ` — ${r.detail}` : ''}`);
  say(
    `${checks.results.length - failed.length} passed, ${failed.length} failed`,
  );
  return failed.length ? 1 : 0;
}

// Exits when done: a connection or child left behind by a stopped replica must not hold the run.
main().then(
  code => process.exit(code),
  error => {
    say(`${(error as Error).stack ?? error}`);
    say('0 passed, 1 failed');
    process.exit(1);
  },
);
