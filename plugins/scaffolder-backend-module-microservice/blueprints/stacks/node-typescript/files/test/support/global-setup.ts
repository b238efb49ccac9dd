import type { TestProject } from 'vitest/node';
import { ensureDatabase, resetDatabase, testDatabaseUrl } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Once before the integration tests: the test database exists, empty and migrated. */
export default async function setup(project: TestProject): Promise<void> {
  const url = testDatabaseUrl();
  await ensureDatabase(url);
  await resetDatabase(url);
  project.provide('databaseUrl', url);
}
