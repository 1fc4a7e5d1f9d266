import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    globalSetup: ['./tests/helpers/global-setup.ts'],
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 10_000, sequence: { groupOrder: 0 } },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Files run in parallel: each has its own schema (or PGlite instance) and queue prefix.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
          // Unit tests first (fast feedback), then integration with its own worker limit.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
