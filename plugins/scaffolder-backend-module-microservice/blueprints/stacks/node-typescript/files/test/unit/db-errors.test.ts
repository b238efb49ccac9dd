import { describe, expect, it } from 'vitest';
import { constraintOf, isDatabaseUnavailable, sqlState } from '../../src/db/errors.ts';

/** What node-postgres throws for a server error, wrapped as drizzle wraps it. */
function serverError(code: string, constraint?: string): Error {
  const cause = Object.assign(new Error('server says no'), { severity: 'ERROR', code, constraint });
  return new Error('Failed query', { cause });
}

describe('database errors', () => {
  it('read the SQLSTATE and the constraint through the wrapping', () => {
    expect(sqlState(serverError('23505', 'items_code_key'))).toBe('23505');
    expect(constraintOf(serverError('23505', 'items_code_key'))).toBe('items_code_key');
    expect(sqlState(new Error('no cause'))).toBeUndefined();
  });

  it.each([
    ['the server shutting down', serverError('57P01')],
    ['too many connections', serverError('53300')],
    ['a database not accepting connections', serverError('55000')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a dropped connection', new Error('Failed query', { cause: new Error('Connection terminated unexpectedly') })],
  ])('call %s unavailable (503)', (_why, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', serverError('23505')],
    ['a syntax error', serverError('42601')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('call %s no outage', (_why, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
