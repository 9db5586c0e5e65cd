import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The web UI's component tests run in jsdom (each file says so in its first line).
    include: ['test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Two cores: two test files at a time, each on its own database.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a condition; 1 s (the default) is too short on a loaded 2-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
