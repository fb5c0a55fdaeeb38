// End-to-end tests run against real Kamailio / rtpengine / SIPp processes the tests start
// themselves; one worker, because they share the machine's two cores and loopback.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/harness/browser.ts';

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A focused test (test.only) must never pass for the whole suite, on CI or anywhere.
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
  },
});
