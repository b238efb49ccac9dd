/**
 * Generated services under load: each stack rendered with the form's defaults and booted the way
 * the verification harness boots it (its own install, migrations and start command, one private
 * PostgreSQL), then wrk on list, get-by-id and create at a fixed concurrency, each next to
 * pgbench running the same SQL on the same database (the floor). Also the time from the start
 * command to readiness (a second start: build caches warm) and the service's resident memory,
 * idle and at its highest under load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceRenderer } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import type { Reporter } from '../verify/common';
import { VariantContext } from '../verify/context';
import { http } from '../verify/network';
import { registerTemporaryDirectory, releaseAll } from '../verify/resources';
import { CheckRecorder, type Step } from '../verify/runner';
import { migrateUpStep, provisionDatabases } from '../verify/steps/database';
import { readinessStep } from '../verify/steps/probes';
import { renderStep } from '../verify/steps/render';
import { bootStep, releaseService } from '../verify/steps/service';
import { installStep, setupStep } from '../verify/steps/toolchain';
import { variantsFor } from '../verify/variants';
import { createBody, floorScripts, floorTps, type Endpoint } from './pgbench';
import { pidListeningOn, treeResidentMiB } from './processes';
import { ensureWrk, load, type LoadResult } from './wrk';

export interface ServiceLoadOptions {
  /** Seconds of each measured load, and of the unmeasured warm-up before it. */
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Rows created before the loads, so a list returns a full page. */
  seedRows: number;
}

export interface EndpointFigures {
  service: LoadResult;
  /** pgbench's transactions per second on the same SQL. */
  floorTps: number;
}

export interface ServiceFigures {
  stack: string;
  options: ServiceLoadOptions;
  /** From the start command to readiness answering 200, on a second start. */
  startToReadyMs: number;
  rssIdleMiB: number;
  rssLoadMiB: number;
  endpoints: Record<Endpoint, EndpointFigures>;
}

const ENDPOINTS: readonly Endpoint[] = ['list', 'get', 'create'];
/** Ids get-by-id takes in turn (pgbench takes at most 128 scripts). */
const GET_IDS = 100;

const databasesStep: Step<VariantContext> = {
  name: 'databases',
  run: provisionDatabases,
};

/** Up to a running service: the harness's own steps, without its checks. */
const BOOT_STEPS: readonly Step<VariantContext>[] = [
  renderStep,
  setupStep,
  installStep,
  databasesStep,
  migrateUpStep,
  bootStep,
  readinessStep,
];

async function bootService(ctx: VariantContext, reporter: Reporter) {
  const recorder = new CheckRecorder(ctx.stack, ctx.variant.name, reporter);
  for (const step of BOOT_STEPS) {
    await recorder.check(step, ctx);
    const failed = recorder.checks.find(c => c.status === 'fail');
    if (failed) throw new Error(`${ctx.stack}: ${failed.step} failed`);
  }
}

/** The start command again (its builds now cached), timed until readiness answers 200. */
async function restartTimed(ctx: VariantContext): Promise<number> {
  await releaseService(ctx);
  const started = Date.now();
  await bootStep.run(ctx);
  const deadline = started + 60_000;
  while (Date.now() < deadline) {
    const ready = await http('GET', ctx.baseUrl + ctx.spec.api.paths.readiness);
    if (ready.status === 200) return Date.now() - started;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`${ctx.stack}: not ready within 60 s of a restart`);
}

/** Creates `count` rows through the API, eight at a time; their ids. */
async function seed(
  ctx: VariantContext,
  body: Record<string, unknown>,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 8) {
    const batch = Array.from({ length: Math.min(8, count - start) }, () =>
      http('POST', ctx.baseUrl + ctx.collectionPath, {
        body,
        headers: ctx.authHeaders,
      }),
    );
    for (const created of await Promise.all(batch)) {
      const id = (created.json as { id?: unknown } | undefined)?.id;
      if (created.status !== 201 || typeof id !== 'string') {
        throw new Error(
          `${ctx.stack}: seeding answered ${created.status} ${created.text.slice(0, 200)}`,
        );
      }
      ids.push(id);
    }
  }
  return ids;
}

/** The highest resident memory of the service's processes while `during` runs. */
async function peakResident<T>(
  pid: number,
  during: Promise<T>,
): Promise<{ result: T; peakMiB: number }> {
  let peakMiB = treeResidentMiB(pid);
  const timer = setInterval(() => {
    peakMiB = Math.max(peakMiB, treeResidentMiB(pid));
  }, 250);
  try {
    return { result: await during, peakMiB };
  } finally {
    clearInterval(timer);
  }
}

async function measureStack(
  renderer: ServiceRenderer,
  stack: string,
  root: string,
  options: ServiceLoadOptions,
  reporter: Reporter,
): Promise<ServiceFigures> {
  const variant = variantsFor(stack, renderer.choices).find(
    v => v.name === 'default',
  )!;
  const ctx = new VariantContext(
    stack,
    variant,
    path.join(root, stack),
    {
      stacks: [stack],
      variants: [variant.name],
      blueprintDirectories: [],
      keep: false,
      reporter,
    },
    renderer,
  );
  try {
    await bootService(ctx, reporter);
    const startToReadyMs = await restartTimed(ctx);
    const body = createBody(ctx.spec);
    const ids = await seed(ctx, body, options.seedRows);
    const pid = pidListeningOn(ctx.ports!.service);
    // Idle: after the seeding's requests, settled.
    await new Promise(resolve => setTimeout(resolve, 1000));
    const rssIdleMiB = treeResidentMiB(pid);
    const collection = ctx.collectionPath;
    const requests = {
      list: { method: 'GET', path: collection },
      get: {
        method: 'GET',
        pathPrefix: `${collection}/`,
        ids: ids.slice(0, GET_IDS),
      },
      create: { method: 'POST', path: collection, body },
    } as const;
    const floor = floorScripts(ctx.spec, ids.slice(0, GET_IDS));
    const loadOptions = {
      connections: options.connections,
      headers: ctx.authHeaders,
      scriptDir: ctx.logDir,
    };
    const endpoints = {} as Record<Endpoint, EndpointFigures>;
    let rssLoadMiB = rssIdleMiB;
    for (const endpoint of ENDPOINTS) {
      await load(ctx.baseUrl, requests[endpoint], {
        ...loadOptions,
        seconds: options.warmupSeconds,
      });
      const { result: service, peakMiB } = await peakResident(
        pid,
        load(ctx.baseUrl, requests[endpoint], {
          ...loadOptions,
          seconds: options.seconds,
        }),
      );
      rssLoadMiB = Math.max(rssLoadMiB, peakMiB);
      const tps = await floorTps(ctx.databaseUrl!, floor[endpoint], {
        connections: options.connections,
        seconds: options.seconds,
        scriptDir: ctx.logDir,
      });
      endpoints[endpoint] = { service, floorTps: tps };
      reporter.line(
        `  ${stack} ${endpoint}: ${service.perSecond.toFixed(0)} req/s (p99 ${service.p99Ms.toFixed(1)} ms, ${service.errors} errors); floor ${tps.toFixed(0)} tps`,
      );
    }
    return {
      stack,
      options,
      startToReadyMs,
      rssIdleMiB,
      rssLoadMiB,
      endpoints,
    };
  } finally {
    await releaseService(ctx);
  }
}

/** Every stack in turn; one stack failing to boot still lets the others be measured. */
export async function benchmarkServices(
  renderer: ServiceRenderer,
  stacks: string[],
  options: ServiceLoadOptions,
  reporter: Reporter,
): Promise<{ figures: ServiceFigures[]; failures: string[] }> {
  await ensureWrk();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-services-'));
  registerTemporaryDirectory(root);
  const figures: ServiceFigures[] = [];
  const failures: string[] = [];
  try {
    for (const stack of stacks) {
      reporter.line(`services: ${stack}…`);
      try {
        figures.push(
          await measureStack(renderer, stack, root, options, reporter),
        );
      } catch (error) {
        failures.push(`services ${stack}: ${(error as Error).message}`);
      }
    }
  } finally {
    releaseAll();
  }
  return { figures, failures };
}
