/** `npm run test:e2e`: smoke tests of the service running at SERVICE_URL. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 15_000,
  },
});
