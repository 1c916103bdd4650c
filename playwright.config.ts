import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const ci = !!process.env.CI;

// Debian's Chromium where it is installed (Playwright cannot download browsers here), Playwright's own elsewhere.
const debianChromium = '/usr/bin/chromium';
const launchOptions = {
  ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
  args: [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

const desktopOnly = /(security-[a-z]+|cache-headers|discovery|publishing|preview|editor-moderation|most-read|review-links)\.spec\.ts$/;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  workers: 2,
  reporter: ci ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 30_000,
  expect: { timeout: 7_500 },
  use: {
    baseURL,
    locale: 'ar',
    timezoneId: 'Asia/Riyadh',
    trace: ci ? 'on-first-retry' : 'off',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    // The phone runs what a phone changes: layout, reader pages and their controls. HTTP-level checks
    // (headers, feeds, sitemaps, attacks) and the editors' workflows (publishing, previews, moderation,
    // review links, the view-count pipeline) do not depend on the viewport and run once, on desktop.
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, testIgnore: desktopOnly },
  ],
  webServer: {
    // The suite runs against the production build made by `npm test` just before it.
    command: 'node server/serve.mjs',
    url: baseURL,
    reuseExistingServer: !ci,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      SITE_URL: baseURL,
      DATA_DIR: process.env.E2E_DATA_DIR ?? 'test-results/e2e-data',
      // Each spec posts as its own reader (X-Forwarded-For), so rate limits do not leak between tests.
      TRUST_PROXY: '1',
      EDITOR_PASSWORD: 'e2e-editor-password',
      PREVIEW_SECRET: 'e2e-preview-secret',
      REVALIDATE_SECRET: 'e2e-revalidate-secret',
    },
  },
});
