import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium';

/**
 * End-to-end tests drive the real UI in Debian's Chromium (never `npx playwright install`, which
 * downloads a browser and fails here). Each test file gets its own browser-mode host on a
 * temporary database (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // Three browsers at a time: a test mostly waits on frames, debounces and the host, and three keep the
  // 2-core CI machine busy (measured 2026-12-07 on a quiet machine: 88 tests in 7.9 min, 0 failed; four
  // on a machine loaded by other work met timeouts).
  workers: 3,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
});
