/**
 * The migration command, on DATABASE_URL:
 *
 *   node dist/db/migrate.js up          apply every migration not applied yet (the image's way)
 *   node dist/db/migrate.js down [n]    undo the last n migrations, or all (development only)
 *
 * `npm run db:migrate` and `npm run db:migrate:down` run the same from the sources, with .env.
 * It needs nothing but DATABASE_URL, so a migration Job gets no other secret.
 */
import pg from 'pg';
import { z } from 'zod';
import { logLevelSchema } from '../config.ts';
import { createLogger } from '../logger.ts';
import { MIGRATIONS_FOLDER, migrateDown, migrateUp, readMigrations } from './migrator.ts';

const argumentsSchema = z.union([
  z.tuple([z.literal('up')]),
  z.tuple([z.literal('down')]).rest(z.string().regex(/^[1-9]\d*$/, 'the number of migrations to undo')),
]);

async function main(): Promise<void> {
  const level = logLevelSchema.safeParse(process.env.LOG_LEVEL ?? 'info');
  const logger = createLogger(level.success ? level.data : 'info');
  const parsedArguments = argumentsSchema.safeParse(process.argv.slice(2));
  const databaseUrl = z.url({ protocol: /^postgres(ql)?$/ }).safeParse(process.env.DATABASE_URL);
  if (!parsedArguments.success || !databaseUrl.success) {
    logger.error(
      !parsedArguments.success
        ? 'usage: migrate.js up | down [count]'
        : 'DATABASE_URL must be set to postgresql://user:password@host:port/name',
    );
    process.exitCode = 2;
    return;
  }
  const [direction, steps] = parsedArguments.data;
  const log = {
    info: (message: string) => {
      logger.info(message);
    },
    warn: (message: string) => {
      logger.warn(message);
    },
  };
  const client = new pg.Client({ connectionString: databaseUrl.data, application_name: 'migrate' });
  await client.connect();
  try {
    const migrations = readMigrations(MIGRATIONS_FOLDER);
    const tags =
      direction === 'up'
        ? await migrateUp(client, migrations, log)
        : await migrateDown(client, migrations, log, steps === undefined ? undefined : Number(steps));
    logger.info(
      { migrations: tags },
      tags.length === 0
        ? `nothing to ${direction === 'up' ? 'apply' : 'undo'}`
        : `${direction === 'up' ? 'applied' : 'undid'} ${tags.length} migration(s)`,
    );
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  createLogger('info').error({ err: error }, 'migration failed');
  process.exitCode = 1;
});
