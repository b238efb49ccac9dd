/**
 * Whether the test command left the development database alone: before `test` the harness puts a
 * sentinel row into the resource's table of DATABASE_URL's database and takes a snapshot of every
 * table (rows and a digest of their content, the migration table included); after `test` the
 * snapshot must be the same. A test run that truncates, drops, migrates down or writes into the
 * development database changes it.
 */
import type { ServiceSpec } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  type ColumnInfo,
  type DatabaseSnapshot,
  type PostgresCluster,
} from './postgres';

/** A SQL expression for a NOT NULL column without a default that is not one of the fields. */
function filler(column: ColumnInfo): string | undefined {
  const type = column.type;
  if (type === 'uuid') return 'gen_random_uuid()';
  if (type.startsWith('timestamp')) return 'now()';
  if (type === 'date') return 'current_date';
  if (/^(smallint|integer|bigint|numeric|real|double precision)$/.test(type))
    return '0';
  if (type === 'boolean') return 'false';
  if (/^(text|character varying|character)$/.test(type)) return "'verify'";
  return undefined;
}

/** The table (`schema.table`) holding the resource, among the database's tables. */
export function resourceTable(
  tables: string[],
  spec: Pick<ServiceSpec, 'resource'>,
): string | undefined {
  const wanted = spec.resource.table;
  return (
    tables.find(t => t === `public.${wanted}`) ??
    tables.find(t => t.split('.')[1] === wanted)
  );
}

/**
 * The INSERT of one valid row: each field's column gets the field's example (the spec's own valid
 * value), every other NOT NULL column without a default a plain value of its type.
 */
export function sentinelInsert(
  table: string,
  columns: ColumnInfo[],
  spec: Pick<ServiceSpec, 'resource'>,
): string {
  const byColumn = new Map(
    spec.resource.fields.map(field => [field.name.column, field]),
  );
  const names: string[] = [];
  const values: string[] = [];
  const missing: string[] = [];
  for (const column of columns) {
    const field = byColumn.get(column.name);
    if (field) {
      names.push(quoteIdentifier(column.name));
      values.push(quoteLiteral(String(field.example)));
      continue;
    }
    if (column.nullable || column.hasDefault) continue;
    const value = filler(column);
    if (value === undefined) {
      missing.push(`${column.name} (${column.type})`);
      continue;
    }
    names.push(quoteIdentifier(column.name));
    values.push(value);
  }
  if (missing.length) {
    throw new Error(
      `no value for NOT NULL column(s) without a default: ${missing.join(', ')}`,
    );
  }
  const absent = [...byColumn.keys()].filter(
    name => !columns.some(c => c.name === name),
  );
  if (absent.length) {
    throw new Error(
      `${table} has no column for field(s) ${absent.join(', ')} (spec field name.column)`,
    );
  }
  return `insert into ${qualifiedName(table)} (${names.join(', ')}) values (${values.join(', ')})`;
}

/** Puts the sentinel row into the resource's table and returns the snapshot taken after it. */
export async function prepareIsolationCheck(
  cluster: PostgresCluster,
  database: string,
  spec: Pick<ServiceSpec, 'resource'>,
): Promise<DatabaseSnapshot & { table: string }> {
  const tables = await cluster.tables(database);
  const table = resourceTable(tables, spec);
  if (!table) {
    throw new Error(
      `no table ${spec.resource.table} (spec.resource.table) after migrate (tables: ${tables.join(', ') || 'none'})`,
    );
  }
  const insert = sentinelInsert(
    table,
    await cluster.columns(database, table),
    spec,
  );
  await cluster.psql(database, [insert]);
  return { ...(await cluster.snapshot(database)), table };
}

/** Every difference between two snapshots, one line each; empty when they are equal. */
export function snapshotDifferences(
  before: DatabaseSnapshot,
  after: DatabaseSnapshot,
): string[] {
  const differences: string[] = [];
  const names = [
    ...new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]),
  ].sort();
  for (const name of names) {
    const was = before.tables[name];
    const is = after.tables[name];
    if (!is) differences.push(`${name} was dropped`);
    else if (!was) differences.push(`${name} was created (${is.rows} rows)`);
    else if (was.rows !== is.rows)
      differences.push(`${name} had ${was.rows} row(s), now ${is.rows}`);
    else if (was.digest !== is.digest)
      differences.push(`${name}: the content of its ${is.rows} row(s) changed`);
  }
  return differences;
}
