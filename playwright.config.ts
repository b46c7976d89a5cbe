// Playwright: real browser against the real server (production build), embedded PostgreSQL and the
// Stripe emulator, all started by the project's own `npm start`. Edit when e2e needs other settings.
import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';

// E2E_PORT lets several checkouts (or engineers) run e2e at once without sharing a server.
const PORT = Number(process.env.E2E_PORT ?? 3107);
const debianChromium = '/usr/bin/chromium';
// Debian's Chromium where it exists (no browser downloads on CI); Playwright's own browser elsewhere.
const launchOptions = fs.existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    command: 'node e2e/server.mjs',
    url: `http://localhost:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      APP_URL: `http://localhost:${PORT}`,
      FLOCK_DATA_DIR: `.flock/e2e-${PORT}`,
      FLOCK_TEST_MODE: '1',
      FLOCK_MIN_WINDOW_SECONDS: '5',
      STRIPE_MAX_RPS: '50',
      // One JSON line per request would bury the test report; warnings and errors still show.
      LOG_LEVEL: 'warn',
    },
  },
});
