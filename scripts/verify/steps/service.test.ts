import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  RenderedService,
  ServiceRenderer,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { CheckFailure } from '../common';
import { VariantContext } from '../context';
import { freePort } from '../network';
import { killAllGroups, startBackground } from '../processes';
import { CheckRecorder } from '../runner';
import { releaseService, stopStep } from './service';

/** What the stop step reads of a rendered service: the liveness path, no activation. */
const service = {
  spec: { api: { paths: { liveness: '/healthz', readiness: '/healthz' } } },
  context: { stack: { command: {} } },
} as unknown as RenderedService;
let root: string;

function context(): VariantContext {
  const ctx = new VariantContext(
    'stk',
    { name: 'var', description: '', input: {} },
    root,
    {
      stacks: [],
      variants: [],
      blueprintDirectories: [],
      keep: false,
      reporter: { line: () => {} },
    },
    {} as ServiceRenderer,
  );
  ctx.service = service;
  return ctx;
}

/** Starts `script` as the variant's service, as the boot step would. */
function boot(ctx: VariantContext, script: string) {
  const logFile = path.join(ctx.logDir, 'service.log');
  fs.writeFileSync(logFile, '$ service\n');
  ctx.app = startBackground(script, { cwd: root, env: process.env, logFile });
  return ctx.app;
}

/** A service that answers every GET with 200, as the boot step leaves it. */
async function serve(ctx: VariantContext) {
  const port = await freePort();
  ctx.baseUrl = `http://127.0.0.1:${port}`;
  const server = `require('http').createServer((q, s) => s.end('ok')).listen(${port}, () => console.log('listening'))`;
  const app = boot(ctx, `exec "${process.execPath}" -e "${server}"`);
  for (let i = 0; i < 100; i++) {
    const log = fs.readFileSync(app.logFile, 'utf8');
    if (log.includes('listening')) return app;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('the test service did not start');
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-test-'));
});
afterEach(() => {
  killAllGroups();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('stop', () => {
  it('fails when the service exited on its own before stop, with its log', async () => {
    const ctx = context();
    const app = boot(ctx, 'echo "Traceback: boom"; exit 3');
    await app.exited;
    const error = await stopStep.run(ctx).catch(e => e);
    expect(error).toBeInstanceOf(CheckFailure);
    expect(error.message).toBe(
      'the service exited on its own (exit 3) before stop: it died while being probed',
    );
    expect(error.detail.join('\n')).toMatch(
      /service's log[\s\S]*\| Traceback: boom/,
    );
    expect(ctx.app).toBeUndefined();
  });

  it('is recorded as FAIL (counted), not as SKIP', async () => {
    const ctx = context();
    await boot(ctx, 'exit 0').exited;
    const lines: string[] = [];
    const rec = new CheckRecorder('stk', 'var', { line: l => lines.push(l) });
    await rec.check(stopStep, ctx);
    expect(rec.checks[0].status).toBe('fail');
    expect(lines[0]).toMatch(/^ {2}FAIL stk\/var stop /);
  });

  it('passes when SIGTERM ends a service that still answers liveness', async () => {
    const ctx = context();
    await serve(ctx);
    await expect(stopStep.run(ctx)).resolves.toMatch(
      /^stopped \d+\.\ds after SIGTERM to its process group/,
    );
  });

  it('fails when the service was killed just before stop (its exit not yet seen)', async () => {
    const ctx = context();
    const app = await serve(ctx);
    process.kill(app.pid, 'SIGKILL');
    const error = await stopStep.run(ctx).catch(e => e);
    expect(error).toBeInstanceOf(CheckFailure);
    expect(error.message).toBe(
      'the service exited on its own (SIGKILL) before stop: it died while being probed',
    );
    expect(error.detail.join('\n')).toMatch(/\| listening/);
  });

  it('fails, and stops it, when the service runs but no longer answers liveness', async () => {
    const ctx = context();
    ctx.baseUrl = `http://127.0.0.1:${await freePort()}`;
    const app = boot(ctx, 'sleep 30');
    await expect(stopStep.run(ctx)).rejects.toThrow(
      /^the service no longer answered \/healthz before stop/,
    );
    expect(app.hasExited()).toBe(true);
    expect(ctx.app).toBeUndefined();
  });

  it('fails when no service was booted', async () => {
    await expect(stopStep.run(context())).rejects.toThrow(
      /no service was booted/,
    );
  });

  it('still stops the service when skipped after a failure', async () => {
    const ctx = context();
    const app = boot(ctx, 'sleep 30');
    await releaseService(ctx);
    expect(app.hasExited()).toBe(true);
    expect(ctx.app).toBeUndefined();
  });
});

describe('probes of a service that died', () => {
  it('fail saying the service exited, with its log', async () => {
    const ctx = context();
    ctx.baseUrl = `http://127.0.0.1:${await freePort()}`;
    await boot(ctx, 'echo "bound and crashed"; exit 1').exited;
    const error = await ctx.get('/healthz').catch(e => e);
    expect(error).toBeInstanceOf(CheckFailure);
    expect(error.message).toBe(
      'the service exited on its own (exit 1) before GET /healthz answered',
    );
    expect(error.detail.join('\n')).toMatch(/\| bound and crashed/);
  });
});
