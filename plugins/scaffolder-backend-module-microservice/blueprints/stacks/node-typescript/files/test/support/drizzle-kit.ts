/**
 * drizzle-kit's programmatic API, typed by what the tests use: its published declarations import
 * optional drivers (pglite, libsql, …) that are not installed, so its own types resolve to `any`.
 */
import * as api from 'drizzle-kit/api';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

export interface Snapshot {
  id: string;
}

interface DrizzleKit {
  /** The snapshot of the schema in code (what `drizzle-kit generate` would write next). */
  generateDrizzleJson(imports: Record<string, unknown>, prevId?: string): Snapshot;
  /** The SQL that takes a database from `previous` to `current`. */
  generateMigration(previous: Snapshot, current: Snapshot): Promise<string[]>;
  /** What `drizzle-kit push` would run to give the database the schema in code. */
  pushSchema(
    imports: Record<string, unknown>,
    db: NodePgDatabase,
    schemaFilters?: string[],
    tablesFilter?: string[],
  ): Promise<{ statementsToExecute: string[] }>;
}

export const drizzleKit = api as unknown as DrizzleKit;
