import { defineConfig } from 'vitest/config';

// Browser journeys (npm run test:e2e): Debian's Chromium through playwright-core against the real server.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default'],
  },
});
