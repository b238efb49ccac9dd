/**
 * boot: the stack's start command in the background, told its port by the port variable
 * (`runtime.portVariable`, a free port) and, with metrics on, METRICS_PORT, until liveness answers
 * 200; stop: SIGTERM to its process group, which must end within the grace period. A service that
 * exited on its own before `stop` fails it: it died while being probed.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  BOOT_TIMEOUT_MS,
  CheckFailure,
  seconds,
  STOP_GRACE_MS,
} from '../common';
import { activationScript, requiredCommand } from '../commands';
import type { VariantContext } from '../context';
import { brief, freePort, http, isPortFree } from '../network';
import { startBackground } from '../processes';
import { harnessVariables, writeDotenv } from './database';
import type { HarnessStep } from './step';

const LIVENESS_TIMEOUT_MS = 2000;
/** How long a service that stopped answering gets for its exit to be seen. */
const EXIT_SEEN_MS = 2000;

/** The ports chosen with `.env`, or new free ones (and `.env` rewritten) if one was taken since. */
async function freePorts(ctx: VariantContext): Promise<string> {
  const ports = ctx.ports!;
  let moved = false;
  if (!(await isPortFree(ports.service))) {
    ports.service = await freePort();
    moved = true;
  }
  if (ports.metrics !== undefined && !(await isPortFree(ports.metrics))) {
    ports.metrics = await freePort();
    moved = true;
  }
  return moved ? `; a port was taken since, ${writeDotenv(ctx)}` : '';
}

export const bootStep: HarnessStep = {
  name: 'boot',
  async run(ctx) {
    const command = requiredCommand(ctx, 'start');
    const { liveness } = ctx.spec.api.paths;
    const moved = await freePorts(ctx);
    const ports = ctx.ports!;
    const { portVariable } = ctx.manifest.runtime;
    ctx.baseUrl = `http://127.0.0.1:${ports.service}`;
    ctx.metricsUrl =
      ports.metrics !== undefined
        ? `http://127.0.0.1:${ports.metrics}`
        : undefined;
    const logFile = path.join(ctx.logDir, 'service.log');
    fs.writeFileSync(logFile, `$ ${command}\n`);
    const app = startBackground(activationScript(ctx.manifest, command), {
      cwd: ctx.serviceDir,
      env: ctx.serviceEnv(harnessVariables(ctx)),
      logFile,
    });
    ctx.app = app;
    const started = Date.now();
    let last = 'no answer';
    const told = `${portVariable}=${ports.service}${
      ports.metrics !== undefined ? ` METRICS_PORT=${ports.metrics}` : ''
    }`;
    while (Date.now() - started < BOOT_TIMEOUT_MS) {
      if (app.hasExited()) {
        const { code, signal } = await app.exited;
        throw new CheckFailure(
          `\`${command}\` exited (${code ?? signal}) before ${liveness} answered`,
          [`command: ${command}`, `environment: ${told}`, ...ctx.appLogTail()],
        );
      }
      try {
        const response = await http('GET', ctx.baseUrl + liveness, {
          timeoutMs: LIVENESS_TIMEOUT_MS,
        });
        if (response.status === 200) {
          return `\`${command}\` with ${told}; ${liveness} answered on port ${ports.service} after ${seconds(Date.now() - started)}${moved}`;
        }
        last = `${response.status} ${brief(response.text, 100)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new CheckFailure(
      `${liveness} did not answer 200 on port ${ports.service} (${portVariable}) within ${seconds(BOOT_TIMEOUT_MS)} (last: ${last})`,
      [`command: ${command}`, `environment: ${told}`, ...ctx.appLogTail()],
    );
  },
};

/** Stops the booted service, if any, without recording a check (after a failure, on exit). */
export async function releaseService(ctx: VariantContext): Promise<void> {
  const app = ctx.app;
  ctx.app = undefined;
  if (app && !app.hasExited()) await app.stop(STOP_GRACE_MS);
}

/**
 * Whether the service still runs and answers liveness. Its exit may not have been seen yet when
 * it died a moment ago, so a service that does not answer gets a moment to be seen exiting.
 */
async function stillServing(
  ctx: VariantContext,
): Promise<CheckFailure | undefined> {
  const diedBeforeStop = 'before stop: it died while being probed';
  const died = await ctx.serviceDied(diedBeforeStop);
  if (died) return died;
  const { liveness } = ctx.spec.api.paths;
  let last: string;
  try {
    const response = await http('GET', ctx.baseUrl + liveness, {
      timeoutMs: LIVENESS_TIMEOUT_MS,
    });
    if (response.status === 200) return undefined;
    last = `${response.status} ${brief(response.text, 100)}`;
  } catch (error) {
    last = (error as Error).message;
  }
  const app = ctx.app!;
  await Promise.race([
    app.exited,
    new Promise(resolve => setTimeout(resolve, EXIT_SEEN_MS).unref()),
  ]);
  return (
    (await ctx.serviceDied(diedBeforeStop)) ??
    new CheckFailure(
      `the service no longer answered ${liveness} before stop (${last})`,
      ctx.appLogTail(),
    )
  );
}

export const stopStep: HarnessStep = {
  name: 'stop',
  async run(ctx) {
    const app = ctx.app;
    if (!app) throw new CheckFailure('no service was booted, so none stopped');
    const gone = await stillServing(ctx);
    if (gone) {
      await releaseService(ctx);
      throw gone;
    }
    ctx.app = undefined;
    const started = Date.now();
    const { graceful, code, signal } = await app.stop(STOP_GRACE_MS);
    if (!graceful) {
      throw new CheckFailure(
        `no exit within ${seconds(STOP_GRACE_MS)} of SIGTERM; killed`,
        ctx.appLogTail(app),
      );
    }
    if (signal === 'SIGKILL') {
      // The harness sends SIGKILL only after the grace period: something else killed it.
      throw new CheckFailure(
        'the service was killed (SIGKILL) before stop, not by the harness',
        ctx.appLogTail(app),
      );
    }
    const how = `its shell ended by ${code === null ? signal : `exit ${code}`}`;
    return `stopped ${seconds(Date.now() - started)} after SIGTERM to its process group (${how})`;
  },
  cleanUp: releaseService,
};
