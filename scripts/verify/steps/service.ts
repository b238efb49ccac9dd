/**
 * boot: `commands.start` in the background on a free port until liveness answers 200; stop:
 * SIGTERM to its process group, which must end within the grace period. A service that exited
 * on its own before `stop` fails it: it died while being probed.
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

const LIVENESS_TIMEOUT_MS = 2000;
/** How long a service that stopped answering gets for its exit to be seen. */
const EXIT_SEEN_MS = 2000;
import type { HarnessStep } from './step';

/** The start command with facts.port replaced by a free port (or facts.port, if it is free). */
async function startCommand(
  ctx: VariantContext,
): Promise<{ command: string; port: number }> {
  const start = requiredCommand(ctx, 'start');
  const portPattern = new RegExp(`(^|[^0-9])${ctx.facts.port}(?![0-9])`, 'g');
  if (portPattern.test(start)) {
    const port = await freePort();
    return { command: start.replace(portPattern, `$1${port}`), port };
  }
  if (!(await isPortFree(ctx.facts.port))) {
    throw new CheckFailure(`port ${ctx.facts.port} (facts.port) is in use`);
  }
  return { command: start, port: ctx.facts.port };
}

export const bootStep: HarnessStep = {
  name: 'boot',
  async run(ctx) {
    const { command, port } = await startCommand(ctx);
    const { liveness } = ctx.facts.health;
    ctx.baseUrl = `http://127.0.0.1:${port}`;
    const logFile = path.join(ctx.logDir, 'service.log');
    fs.writeFileSync(logFile, `$ ${command}\n`);
    const app = startBackground(activationScript(ctx.facts, command), {
      cwd: ctx.serviceDir,
      env: ctx.serviceEnv({ PORT: String(port) }),
      logFile,
    });
    ctx.app = app;
    const started = Date.now();
    let last = 'no answer';
    while (Date.now() - started < BOOT_TIMEOUT_MS) {
      if (app.hasExited()) {
        const { code, signal } = await app.exited;
        throw new CheckFailure(
          `\`${command}\` exited (${code ?? signal}) before ${liveness} answered`,
          [`command: ${command}`, ...ctx.appLogTail()],
        );
      }
      try {
        const response = await http('GET', ctx.baseUrl + liveness, {
          timeoutMs: LIVENESS_TIMEOUT_MS,
        });
        if (response.status === 200) {
          const moved =
            port !== ctx.facts.port
              ? ` instead of facts.port ${ctx.facts.port}`
              : '';
          return `\`${command}\` (port ${port}${moved}); ${liveness} answered after ${seconds(Date.now() - started)}`;
        }
        last = `${response.status} ${brief(response.text, 100)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new CheckFailure(
      `${liveness} did not answer 200 within ${seconds(BOOT_TIMEOUT_MS)} (last: ${last})`,
      [`command: ${command}`, ...ctx.appLogTail()],
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
  const { liveness } = ctx.facts.health;
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
