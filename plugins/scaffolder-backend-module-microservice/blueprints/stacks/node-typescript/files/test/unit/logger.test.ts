import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

describe('logs', () => {
  it('are JSON lines with an ISO 8601 UTC time, a level name and a message', () => {
    const { logger, lines } = capture();
    logger.info({ requestId: 'r-1' }, 'hello');
    expect(lines[0]).toMatchObject({ level: 'info', message: 'hello', requestId: 'r-1' });
    expect(lines[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('leave out what is below their level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line.message)).toEqual(['loud']);
  });

  it('never hold an Authorization header', () => {
    const { logger, lines } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer secret' } } }, 'request');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });
});
