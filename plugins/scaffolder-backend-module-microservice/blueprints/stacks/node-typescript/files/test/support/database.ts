/**
 * The tests' own database: TEST_DATABASE_URL, or DATABASE_URL with `_test` after its name. It is
 * created when missing, and reset (every table dropped, then migrated) before the integration
 * tests; DATABASE_URL's database is never touched. Only a database whose name says "test" is
 * ever reset.
 */
import pg from 'pg';
import { MIGRATIONS_FOLDER, migrateUp, readMigrations } from '../../src/db/migrator.ts';

const quiet = { info: () => undefined, warn: () => undefined };

export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  if (env.TEST_DATABASE_URL) return env.TEST_DATABASE_URL;
  if (!env.DATABASE_URL) {
    throw new Error('Set TEST_DATABASE_URL (or DATABASE_URL, whose name + "_test" is then used): see .env.example');
  }
  const url = new URL(env.DATABASE_URL);
  url.pathname = `${url.pathname.replace(/\/$/, '')}_test`;
  return url.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Creates the database if it does not exist yet (the role needs CREATEDB for that). */
export async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(databaseName(url))}`);
  } catch (error) {
    throw new Error(`cannot create the test database ${databaseName(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await admin.end();
  }
}

/** Drops everything in the test database's public schema and applies every migration. */
export async function resetDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/test/i.test(name)) {
    throw new Error(`refusing to reset ${name}: the tests' database must have "test" in its name`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade; create schema public');
    await migrateUp(client, readMigrations(MIGRATIONS_FOLDER), quiet);
  } finally {
    await client.end();
  }
}
