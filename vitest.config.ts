import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '.ci/**/*.test.ts',
      'core/**/*.test.ts',
      'functions/**/*.test.ts',
      'workflows/**/*.test.ts',
      'test/**/*.test.ts',
      'local/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    // Fails a test file whose code logs a personal value the fixtures know (names, dates of birth).
    setupFiles: ['test/support/log-check.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Dates in tests are real London dates; run them in an unrelated zone so nothing leans on the machine's.
    env: { TZ: 'America/New_York' },
  },
});
