/**
 * database: a fresh database for the variant on the run's PostgreSQL and `.env` written from
 * `.env.example`; then migrate up, down and up again, listing the tables after each.
 */
import { CheckFailure } from '../common';
import { runFactCommand } from '../commands';
import type { VariantContext } from '../context';
import { writeEnvFile } from '../envFile';
import { postgres } from '../resources';
import type { HarnessStep } from './step';

function cluster(ctx: VariantContext) {
  return postgres(ctx.options.reporter);
}

async function tables(ctx: VariantContext): Promise<string[]> {
  return (await cluster(ctx)).tables(ctx.databaseName!);
}

export const databaseStep: HarnessStep = {
  name: 'database',
  async run(ctx) {
    const database = String(ctx.variant.input.database ?? 'postgresql');
    if (database !== 'postgresql') {
      throw new CheckFailure(
        `the harness provisions only PostgreSQL, not ${database}`,
      );
    }
    ctx.databaseName = `verify_${ctx.variant.name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
    ctx.databaseUrl = await (
      await cluster(ctx)
    ).createDatabase(ctx.databaseName);
    const env = writeEnvFile(ctx.serviceDir, {
      DATABASE_URL: ctx.databaseUrl,
    });
    ctx.dotenv = env?.variables ?? {};
    return `${ctx.databaseUrl}; ${
      env
        ? `.env written from .env.example (${env.changes.join(', ')})`
        : 'no .env.example'
    }`;
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
