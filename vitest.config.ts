import { defineConfig } from 'vitest/config';

/**
 * Three projects; `npm test` runs them all, `npm run test:unit` (or test:platform, test:browser) one.
 *   unit      beside the code it tests (`core/x.ts` and `core/x.test.ts`): no DynamoDB Local, no browser, no
 *             Java; AWS is stood in for by aws-sdk-client-mock. Also the test harness's own tests (test/support).
 *   platform  test/ (the workflows run by their synthesized state machines, the API over HTTP, the pages
 *             against the local platform, reliability), and `*.local.test.ts` beside the code: a test that
 *             needs DynamoDB Local is named so. One DynamoDB Local for the run (test/support/global-setup.ts).
 *   browser   test/browser/: Chromium against the local platform.
 */
const CODE = '{.ci,core,workflows,functions,web,infra,local}';

export default defineConfig({
  test: {
    // Fails a test file whose code logs a personal value the fixtures know (names, dates of birth).
    setupFiles: ['test/support/log-check.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Dates in tests are real London dates; run them in an unrelated zone so nothing leans on the machine's.
    env: { TZ: 'America/New_York' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [`${CODE}/**/*.test.ts`, 'test/support/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.local.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['test/**/*.test.ts', `${CODE}/**/*.local.test.ts`],
          exclude: ['**/node_modules/**', 'test/browser/**', 'test/support/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
