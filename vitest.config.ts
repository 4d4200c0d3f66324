import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // What an entry point does first: install the Resources the engine reads through (src/resources).
    setupFiles: ['test/setup-resources.ts'],
    // 2 cores: the OOXML validator and document builds are CPU-bound, so keep to two forks.
    pool: 'forks',
    maxWorkers: 2,
    // Batch and CLI tests start real processes on a 2-core machine, several test files at a time.
    testTimeout: 180_000,
  },
});
