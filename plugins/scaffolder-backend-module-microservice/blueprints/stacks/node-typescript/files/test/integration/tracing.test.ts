/**
 * With tracing on, the service runs with `--import ./dist/tracing.js`: node:http and Express are
 * traced from the first request (an ES module hook), and a request's log lines carry its trace id.
 * Run in a child process, as the service starts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const script = `
const { activeTraceIds } = await import('./src/logger.ts');
const { default: express } = await import('express');
const app = express();
app.get('/trace', (_req, res) => { res.json(activeTraceIds()); });
const server = app.listen(0, async () => {
  const answer = await fetch('http://127.0.0.1:' + server.address().port + '/trace');
  console.log(JSON.stringify(await answer.json()));
  server.close();
});
`;

describe('tracing', () => {
  it.each(['none', 'console'])('traces requests from the start (OTEL_TRACES_EXPORTER=%s)', (exporter) => {
    const child = spawnSync(
      process.execPath,
      ['--import', './src/tracing.ts', '--input-type=module', '--eval', script],
      {
        encoding: 'utf8',
        env: { ...process.env, OTEL_TRACES_EXPORTER: exporter, OTEL_SERVICE_NAME: 'tracing-test' },
        timeout: 20_000,
      },
    );
    expect(child.status, child.stderr).toBe(0);
    const ids = JSON.parse(child.stdout.split('\n')[0] ?? '{}') as Record<string, string>;
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
  });
});
