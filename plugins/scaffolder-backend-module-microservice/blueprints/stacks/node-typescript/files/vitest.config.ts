/**
 * `npm test`: the unit tests (no database) and the integration tests (the HTTP API on the
 * PostgreSQL at TEST_DATABASE_URL, one file at a time), with coverage and its gate. The smoke
 * tests of a running service are vitest.e2e.config.ts's.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The modules keep no state between test files: loading them once per worker, not once per
    // file, saves most of the run.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // One test database: the files take turns, each test starts from an empty table.
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Process entry points: the harness and the e2e tests run them.
      exclude: ['src/main.ts', 'src/tracing.ts', 'src/token.ts', 'src/db/migrate.ts'],
      reporter: ['text-summary', 'lcov', 'cobertura'],
      thresholds: { lines: 90, statements: 90, functions: 90, branches: 80 },
    },
  },
});
