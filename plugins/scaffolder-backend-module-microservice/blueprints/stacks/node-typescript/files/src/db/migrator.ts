/**
 * Applies and undoes the SQL migrations in migrations/, in the order of drizzle-kit's journal
 * (migrations/meta/_journal.json): `<tag>.sql` goes up, `<tag>.down.sql` beside it goes down.
 * drizzle-kit writes the up files; the down files are written by hand, with the up ones.
 *
 * Each migration runs in its own transaction and is recorded in schema_migrations with a
 * checksum, so an applied migration that was edited afterwards is refused rather than silently
 * skipped. A session advisory lock keeps two runners (two pods, a Job and a developer) from
 * migrating at once. A migration that cannot run in a transaction (CREATE INDEX CONCURRENTLY)
 * starts with the line `-- migrate:no-transaction`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { z } from 'zod';

export const MIGRATIONS_TABLE = 'schema_migrations';
/** migrations/ at the repository root, from src/db/ and dist/db/ alike. */
export const MIGRATIONS_FOLDER = new URL('../../migrations/', import.meta.url);
const NO_TRANSACTION = /^--\s*migrate:no-transaction\b/;
const STATEMENT_BREAKPOINT = /^--> statement-breakpoint$/m;

export interface Migration {
  tag: string;
  up: string;
  /** Absent when no `<tag>.down.sql` was written: going down past it is refused. */
  down: string | undefined;
  checksum: string;
}

export interface MigrationLog {
  info(message: string): void;
  warn(message: string): void;
}

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), tag: z.string().regex(/^[\w-]+$/) })),
});

/** Line endings do not change a migration (a checkout on Windows must not look edited). */
function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replaceAll('\r\n', '\n')).digest('hex');
}

/** The migrations of `folder` (a directory URL ending in /), in journal order. */
export function readMigrations(folder: URL): Migration[] {
  const journal = journalSchema.parse(JSON.parse(readFileSync(new URL('meta/_journal.json', folder), 'utf8')));
  return journal.entries
    .toSorted((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const up = readFileSync(new URL(`${tag}.sql`, folder), 'utf8');
      const downFile = new URL(`${tag}.down.sql`, folder);
      return {
        tag,
        up,
        down: existsSync(downFile) ? readFileSync(downFile, 'utf8') : undefined,
        checksum: checksumOf(up),
      };
    });
}

/** Runs a migration's SQL, then `record` (its row in the migrations table). */
async function run(client: pg.ClientBase, sql: string, record: string): Promise<void> {
  if (NO_TRANSACTION.test(sql)) {
    // Each statement on its own (CREATE INDEX CONCURRENTLY refuses any transaction).
    for (const statement of sql.split(STATEMENT_BREAKPOINT)) {
      if (statement.trim() !== '') await client.query(statement);
    }
    await client.query(record);
    return;
  }
  await client.query('begin');
  try {
    // One multi-statement query: the breakpoints drizzle-kit writes are SQL comments.
    await client.query(sql);
    await client.query(record);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

async function withLock<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query(`create table if not exists ${MIGRATIONS_TABLE} (
    tag text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  await client.query(`select pg_advisory_lock(hashtext(current_database() || '.${MIGRATIONS_TABLE}'))`);
  try {
    return await work();
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext(current_database() || '.${MIGRATIONS_TABLE}'))`);
  }
}

async function applied(client: pg.ClientBase): Promise<Map<string, string>> {
  const result = await client.query<{ tag: string; checksum: string }>(
    `select tag, checksum from ${MIGRATIONS_TABLE} order by applied_at, tag`,
  );
  return new Map(result.rows.map((row) => [row.tag, row.checksum]));
}

/** Applies every migration not applied yet; returns their tags. */
export async function migrateUp(client: pg.ClientBase, migrations: Migration[], log: MigrationLog): Promise<string[]> {
  return withLock(client, async () => {
    const done = await applied(client);
    const known = new Set(migrations.map((m) => m.tag));
    for (const tag of done.keys()) {
      // A newer release migrated this database and an older one is running (a rollback): its
      // migrations were written to work with this code too (expand, then contract).
      if (!known.has(tag)) log.warn(`${tag} is applied but unknown to this code (a newer release's): left as it is`);
    }
    const ran: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.tag);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `${migration.tag}.sql was changed after it was applied: write a new migration instead of editing an applied one`,
          );
        }
        continue;
      }
      log.info(`applying ${migration.tag}`);
      await run(
        client,
        migration.up,
        `insert into ${MIGRATIONS_TABLE} (tag, checksum) values ('${migration.tag}', '${migration.checksum}')`,
      );
      ran.push(migration.tag);
    }
    return ran;
  });
}

/** Undoes the last `steps` applied migrations (all by default), newest first; returns their tags. */
export async function migrateDown(
  client: pg.ClientBase,
  migrations: Migration[],
  log: MigrationLog,
  steps = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  return withLock(client, async () => {
    const done = await applied(client);
    const undone: string[] = [];
    for (const migration of migrations.toReversed()) {
      if (undone.length >= steps) break;
      if (!done.has(migration.tag)) continue;
      if (migration.down === undefined) {
        throw new Error(`${migration.tag} has no ${migration.tag}.down.sql: it cannot be undone`);
      }
      log.info(`undoing ${migration.tag}`);
      await run(client, migration.down, `delete from ${MIGRATIONS_TABLE} where tag = '${migration.tag}'`);
      undone.push(migration.tag);
    }
    return undone;
  });
}
