import { defineConfig } from 'vitest/config';

// Tiers: unit (pure modules, no I/O beyond reading samples), integration (services and API on
// PGlite and PostgreSQL), e2e (real browser and the real CLI against a real server).
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000, // a demo load on a loaded 2-core machine has taken over 60 s
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
