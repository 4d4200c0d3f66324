import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // 2 cores: the OOXML validator and document builds are CPU-bound, so keep to two forks.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
