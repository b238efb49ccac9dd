/**
 * The floor of the service load: pgbench running the SQL the list, get-by-id and create endpoints
 * run (the statements of the service's store, written from the spec), on the same database at the
 * same concurrency: what the database itself can do on this machine, with no service in between.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServiceSpec } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

const run = promisify(execFile);

export type Endpoint = 'list' | 'get' | 'create';

/** A value as an SQL literal (the spec's examples: strings, numbers, booleans). */
function literal(value: string | number | boolean): string {
  return typeof value === 'string'
    ? `'${value.replace(/'/g, "''")}'`
    : String(value);
}

/**
 * The endpoints' statements: list is a count and a page in the default order (the id breaks
 * ties), get reads one row by id, create inserts the body `createBody` sends and returns the row.
 * pgbench picks one of several scripts at random per transaction, so get-by-id is one script per
 * id (the ids wrk takes in turn).
 */
export function floorScripts(
  spec: ServiceSpec,
  ids: string[],
): Record<Endpoint, string[]> {
  const { table, fields } = spec.resource;
  const columns = [
    'id',
    ...fields.map(f => f.name.column),
    'created_at',
    'updated_at',
  ].join(', ');
  const { limit } = spec.api.paging;
  return {
    list: [
      `SELECT count(*) FROM ${table};\nSELECT ${columns} FROM ${table} ORDER BY created_at DESC, id DESC LIMIT ${limit.default} OFFSET 0;\n`,
    ],
    get: ids.map(id => `SELECT ${columns} FROM ${table} WHERE id = '${id}';\n`),
    // The id and timestamps explicitly: some stacks' tables have no defaults (the service sets them).
    create: [
      `INSERT INTO ${table} (id, ${fields.map(f => f.name.column).join(', ')}, created_at, updated_at) VALUES (gen_random_uuid(), ${fields
        .map(f => literal(f.example))
        .join(', ')}, now(), now()) RETURNING ${columns};\n`,
    ],
  };
}

/** The body of a create: every field's example (the same row the floor inserts). */
export function createBody(spec: ServiceSpec): Record<string, unknown> {
  return Object.fromEntries(
    spec.resource.fields.map(f => [f.name.json, f.example]),
  );
}

/** Transactions per second of pgbench running `scripts` (prepared statements, like a pool). */
export async function floorTps(
  databaseUrl: string,
  scripts: string[],
  options: { seconds: number; connections: number; scriptDir: string },
): Promise<number> {
  const files = scripts.map((sql, i) => {
    const file = path.join(options.scriptDir, `pgbench-${Date.now()}-${i}.sql`);
    fs.writeFileSync(file, sql);
    return file;
  });
  const { stdout } = await run(
    'pgbench',
    [
      '--no-vacuum',
      '--protocol=prepared',
      `--client=${options.connections}`,
      `--jobs=${Math.min(2, options.connections)}`,
      `--time=${options.seconds}`,
      ...files.map(file => `--file=${file}`),
      databaseUrl,
    ],
    { timeout: (options.seconds + 30) * 1000, maxBuffer: 16 * 2 ** 20 },
  ).catch((error: { stderr?: string; message: string }) => {
    // One line per aborted client otherwise: the first says why.
    const why = (error.stderr ?? error.message).split('\n').slice(0, 2);
    throw new Error(`pgbench failed: ${why.join(' ')}`);
  });
  const failed = /number of failed transactions: (\d+)/.exec(stdout);
  if (failed && Number(failed[1]) > 0) {
    throw new Error(`pgbench: ${failed[1]} transactions failed`);
  }
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps[1]);
}
