/**
 * Reading PostgreSQL errors: the SQLSTATE of an error (drizzle wraps the driver's in `cause`),
 * and whether it means the database is unavailable (answered 503: retry) rather than a bug.
 */

/** SQLSTATE classes and codes that mean "no usable connection right now". */
const UNAVAILABLE_STATES = /^(?:08|53|57P0)|^55000$|^3D000$|^28P01$/;
/** Node's socket errors and pg-pool's own. */
const UNAVAILABLE_MESSAGES =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|timeout exceeded when trying to connect|Connection terminated|Connection ended|connect ETIMEDOUT|Client has encountered a connection error/;

function* causes(error: unknown): Generator {
  let current = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    yield current;
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
}

/** The SQLSTATE of the error or of what caused it (`23505` for a unique violation). */
export function sqlState(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    // The server's errors carry a severity; Node's socket errors (EPIPE, …) do not.
    if (typeof cause === 'object' && cause !== null && 'severity' in cause && 'code' in cause) {
      if (typeof cause.code === 'string') return cause.code;
    }
  }
  return undefined;
}

/** The constraint an integrity error names (`order_lines_code_key`). */
export function constraintOf(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    if (typeof cause === 'object' && cause !== null && 'constraint' in cause && typeof cause.constraint === 'string') {
      return cause.constraint;
    }
  }
  return undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined) return UNAVAILABLE_STATES.test(state);
  for (const cause of causes(error)) {
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    const message = cause instanceof Error ? cause.message : '';
    if (UNAVAILABLE_MESSAGES.test(`${code} ${message}`)) return true;
  }
  return false;
}
