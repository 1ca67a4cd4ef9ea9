import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Two cores: a fork per core keeps the shared DynamoDB Local busy without starving it.
    pool: 'forks',
    maxWorkers: 2,
    // Timeouts only catch a hang: how fast things run is measured by `npm run bench`, never by a test. A shared
    // machine at load 10 on 2 cores runs the heaviest tests (a year of deadlines, a generated LA) several times slower.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
