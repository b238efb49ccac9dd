/**
 * The migrations on the test database: they go down and up again, and the SQL they run gives the
 * database the schema in code (drizzle-kit compares them, as `drizzle-kit push` would).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import {
  MIGRATIONS_FOLDER,
  MIGRATIONS_TABLE,
  migrateDown,
  migrateUp,
  readMigrations,
  type Migration,
} from '../../src/db/migrator.ts';
import * as schema from '../../src/db/schema.ts';
import { drizzleKit } from '../support/drizzle-kit.ts';

const migrations = readMigrations(MIGRATIONS_FOLDER);
const log = { info: vi.fn(), warn: vi.fn() };
let client: pg.Client;

async function tables(): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
  );
  return result.rows.map((row) => row.name);
}

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
});
afterAll(async () => {
  // The other test files need the schema: leave every migration applied.
  await migrateUp(client, migrations, log);
  await client.end();
});

describe('migrations', () => {
  it('go down, leaving only their own empty table, and up again', async () => {
    const before = await tables();
    expect(await migrateDown(client, migrations, log)).toEqual(migrations.map((m) => m.tag).reverse());
    expect(await tables()).toEqual([MIGRATIONS_TABLE]);
    expect((await client.query(`select count(*)::int as n from ${MIGRATIONS_TABLE}`)).rows).toEqual([{ n: 0 }]);
    expect(await migrateUp(client, migrations, log)).toEqual(migrations.map((m) => m.tag));
    expect(await tables()).toEqual(before);
    expect(await migrateUp(client, migrations, log)).toEqual([]);
  });

  it('give the database the schema in code', async () => {
    const pool = new pg.Pool({ connectionString: inject('databaseUrl') });
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      // Only the tables of the schema: the runner's own table is not drizzle's to drop.
      const { statementsToExecute } = await drizzleKit.pushSchema(
        schema,
        drizzle({ client: pool }),
        ['public'],
        [`!${MIGRATIONS_TABLE}`],
      );
      expect(statementsToExecute).toEqual([]);
    } finally {
      write.mockRestore();
      await pool.end();
    }
  });

  it('refuse to run when an applied migration was edited', async () => {
    const [first, ...rest] = migrations;
    if (first === undefined) return;
    const edited: Migration[] = [{ ...first, checksum: 'edited' }, ...rest];
    await expect(migrateUp(client, edited, log)).rejects.toThrow(/changed after it was applied/);
  });

  it("leave a newer release's migrations alone (a rollback runs older code)", async () => {
    await client.query(`insert into ${MIGRATIONS_TABLE} (tag, checksum) values ('9999_newer', 'x')`);
    try {
      expect(await migrateUp(client, migrations, log)).toEqual([]);
      expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('9999_newer'));
    } finally {
      await client.query(`delete from ${MIGRATIONS_TABLE} where tag = '9999_newer'`);
    }
  });

  it('roll a failing migration back whole', async () => {
    const failing: Migration = {
      tag: '9998_failing',
      up: 'create table half_done (); select 1 / 0;',
      down: undefined,
      checksum: 'f',
    };
    await expect(migrateUp(client, [...migrations, failing], log)).rejects.toThrow(/division by zero/);
    expect(await tables()).not.toContain('half_done');
    expect((await client.query(`select tag from ${MIGRATIONS_TABLE} where tag = '9998_failing'`)).rows).toEqual([]);
  });

  it('run a migration marked no-transaction statement by statement', async () => {
    const index =
      '-- migrate:no-transaction\ncreate table concurrently_built (n int);\n--> statement-breakpoint\ncreate index concurrently concurrently_built_n on concurrently_built (n);';
    const outside: Migration = {
      tag: '9997_outside',
      up: index,
      down: 'drop table concurrently_built;',
      checksum: 'o',
    };
    try {
      expect(await migrateUp(client, [...migrations, outside], log)).toEqual(['9997_outside']);
      expect(await tables()).toContain('concurrently_built');
    } finally {
      expect(await migrateDown(client, [...migrations, outside], log, 1)).toEqual(['9997_outside']);
    }
  });

  it('refuse to go down past a migration without its down file', async () => {
    const withoutDown = migrations.map((m) => ({ ...m, down: undefined }));
    await expect(migrateDown(client, withoutDown, log, 1)).rejects.toThrow(/cannot be undone/);
  });
});
