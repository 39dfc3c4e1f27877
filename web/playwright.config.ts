// Browser tests of the web UI: Debian's Chromium (package chromium, never a
// downloaded browser) against a real `vigil serve` that tests/global-setup.ts
// starts on a free loopback port with the curated data and the UN and OFAC
// lists loaded. Screenshots of each view go to test-results/screens/, the
// measured times to test-results/timings.json (printed at the end).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  testMatch: '*.spec.ts',
  globalSetup: './tests/global-setup.ts',
  fullyParallel: false,
  workers: 2, // the machine has two cores; vigil serve has its own threads
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
