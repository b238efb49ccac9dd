/**
 * The connection pool and the typed query layer over it.
 *
 * Why drizzle: the table is declared once, in TypeScript (schema.ts), and both the row types and
 * the SQL migrations come from that declaration (drizzle-kit generates them; the drift test fails
 * while they disagree). Queries are typed SQL, not an object graph, so what runs is what you read.
 * It is plain JavaScript on node-postgres: no engine binary to download at install or run time.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import * as schema from './schema.ts';

export type Database = NodePgDatabase<typeof schema>;

export interface PoolSettings {
  databaseUrl: string;
  /** Connections this process keeps at most. */
  size: number;
  /** How long a query waits for a free connection before it fails (answered 503). */
  timeoutMs: number;
  applicationName: string;
}

export function createPool(settings: PoolSettings, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.databaseUrl,
    max: settings.size,
    connectionTimeoutMillis: settings.timeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: settings.applicationName,
    // Timestamps come back in UTC: values.toRfc3339 writes them with a Z.
    options: '-c TimeZone=UTC',
  });
  // An idle connection the server closed (a restart, a failover) must not end the process: the
  // pool drops it and opens another on the next query.
  pool.on('error', (error) => {
    logger.warn({ err: error }, 'an idle database connection failed');
  });
  return pool;
}

export function createDatabase(pool: pg.Pool): Database {
  return drizzle({ client: pool, schema });
}
