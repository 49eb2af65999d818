import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (`npm run build && npm run build:firefox`) in real Chromium and Firefox.
// Run with `npm run test:e2e`. Files run one at a time: each launches browsers, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    reporters: ['default'],
  },
});
