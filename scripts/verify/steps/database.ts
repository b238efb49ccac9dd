/**
 * database: two fresh databases for the variant on the run's PostgreSQL — development
 * (DATABASE_URL) and test (TEST_DATABASE_URL) — free ports for the service (its port variable)
 * and, with metrics on, METRICS_PORT, and `.env` written from `.env.example`; then migrate up,
 * down and up again, listing the tables after each.
 */
import { CheckFailure } from '../common';
import { runFactCommand } from '../commands';
import type { VariantContext } from '../context';
import { writeEnvFile } from '../envFile';
import { fuzzerExecutable } from '../fuzz/fuzzer';
import { freePort } from '../network';
import { postgres } from '../resources';
import type { HarnessStep } from './step';

export function cluster(ctx: VariantContext) {
  return postgres(ctx.options.reporter);
}

/** The variables the harness decides in `.env`: the database URLs and the ports. */
export function harnessVariables(ctx: VariantContext): Record<string, string> {
  const ports = ctx.ports!;
  return {
    DATABASE_URL: ctx.databaseUrl!,
    TEST_DATABASE_URL: ctx.testDatabaseUrl!,
    [ctx.manifest.runtime.portVariable]: String(ports.service),
    ...(ports.metrics !== undefined
      ? { METRICS_PORT: String(ports.metrics) }
      : {}),
  };
}

/** Writes `.env` from `.env.example` with the harness's variables; says what it changed. */
export function writeDotenv(ctx: VariantContext): string {
  const env = writeEnvFile(ctx.serviceDir, harnessVariables(ctx));
  ctx.dotenv = env?.variables ?? {};
  return env
    ? `.env written from .env.example (${env.changes.join(', ')})`
    : 'no .env.example';
}

async function tables(ctx: VariantContext): Promise<string[]> {
  return (await cluster(ctx)).tables(ctx.databaseName!);
}

/**
 * Two fresh databases for the variant (development and test), free ports for the service and
 * `.env` written; says what it made. The database step, and the benchmark's booting of a service.
 */
export async function provisionDatabases(ctx: VariantContext): Promise<string> {
  const database = String(ctx.variant.input.database ?? 'postgresql');
  if (database !== 'postgresql') {
    throw new CheckFailure(
      `the harness provisions only PostgreSQL, not ${database}`,
    );
  }
  const pg = await cluster(ctx);
  const base = `verify_${ctx.variant.name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
  ctx.databaseName = base;
  ctx.testDatabaseName = `${base}_test`;
  ctx.databaseUrl = await pg.createDatabase(ctx.databaseName);
  ctx.testDatabaseUrl = await pg.createDatabase(ctx.testDatabaseName);
  ctx.ports = {
    service: await freePort(),
    ...(ctx.spec.observability.metrics ? { metrics: await freePort() } : {}),
  };
  const written = writeDotenv(ctx);
  const { portVariable } = ctx.manifest.runtime;
  return `DATABASE_URL ${ctx.databaseUrl}, TEST_DATABASE_URL …/${ctx.testDatabaseName}; ${portVariable}=${ctx.ports.service}${
    ctx.ports.metrics !== undefined ? `, METRICS_PORT=${ctx.ports.metrics}` : ''
  }; ${written}`;
}

export const databaseStep: HarnessStep = {
  name: 'database',
  async run(ctx) {
    // The fuzzer's one-time install runs meanwhile (the fuzz step waits for it, and says if it failed).
    fuzzerExecutable(ctx.serviceDir).catch(() => undefined);
    return provisionDatabases(ctx);
  },
};

export const migrateUpStep: HarnessStep = {
  name: 'migrate up',
  async run(ctx) {
    const summary = await runFactCommand(ctx, 'migrate-up', 'migrate');
    ctx.tablesAfterUp = await tables(ctx);
    if (ctx.tablesAfterUp.length === 0)
      throw new CheckFailure('migrate up created no tables');
    return `${summary}; tables: ${ctx.tablesAfterUp.join(', ')}`;
  },
};

export const migrateDownStep: HarnessStep = {
  name: 'migrate down',
  async run(ctx) {
    const summary = await runFactCommand(ctx, 'migrate-down', 'migrateDown');
    const left = await tables(ctx);
    const removed = ctx.tablesAfterUp.filter(t => !left.includes(t));
    if (removed.length === 0) {
      throw new CheckFailure(
        `migrate down removed no table (left: ${left.join(', ')})`,
      );
    }
    for (const table of left) {
      const [schema, name] = table.split('.');
      const count = await (
        await cluster(ctx)
      ).psql(ctx.databaseName!, [`select count(*) from "${schema}"."${name}"`]);
      const rows = Number(count.trim());
      if (rows > 0) {
        throw new CheckFailure(
          `after migrate down, ${table} still holds ${rows} row(s)`,
        );
      }
    }
    return `${summary}; removed ${removed.join(', ')}${left.length ? `; left (empty): ${left.join(', ')}` : ''}`;
  },
};

export const migrateUpAgainStep: HarnessStep = {
  name: 'migrate up again',
  async run(ctx) {
    const summary = await runFactCommand(ctx, 'migrate-up-again', 'migrate');
    const again = await tables(ctx);
    if (again.join() !== ctx.tablesAfterUp.join()) {
      throw new CheckFailure(
        `tables differ from the first migrate up: ${again.join(', ')} vs ${ctx.tablesAfterUp.join(', ')}`,
      );
    }
    return `${summary}; same ${again.length} tables`;
  },
};
