import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { defineConfig, devices } from '@playwright/test'

/**
 * Browser tests run Debian's Chromium (no browser download works here) against the real
 * server, started on its own port with a fresh SQLite database and the Yiyuan demo data.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  const message = `Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`
  // A missing browser is never a silent skip: under CI it fails, elsewhere it fails too, loudly.
  throw new Error(message)
}

// Workers re-read this file: pick the port and data folder once and hand them down through the
// environment, so parallel runs on one machine (developers, CI) never share a server.
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000))
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'pingzhan-e2e-'))
process.env.E2E_DEMO_PORT ??= String(Number(process.env.E2E_PORT) + 1)
const port = Number(process.env.E2E_PORT)
const baseURL = `http://127.0.0.1:${port}`
// A second server with the living demo county (issue 17: PINGZHAN_DEMO_DATA=1), for specs/demo only:
// every other spec assumes an empty county.
const demoPort = Number(process.env.E2E_DEMO_PORT)
const demoURL = `http://127.0.0.1:${demoPort}`
const root = resolve(import.meta.dirname, '..')
const dataDir = process.env.E2E_DATA_DIR

const launchOptions = {
  executablePath: chromium,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
const common = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', launchOptions, baseURL }

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry under CI, reported as "flaky" (never hidden): a test that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'admin',
      testMatch: /specs\/admin\/.*\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], ...common, viewport: { width: 1366, height: 860 } },
    },
    { name: 'field', testMatch: /specs\/field\/.*\.spec\.ts/, use: { ...devices['Pixel 5'], ...common } },
    {
      name: 'kiosk',
      testMatch: /specs\/kiosk\/.*\.spec\.ts/,
      // the kiosk's own portrait touch screen (issue 14): 1080×1920
      use: { ...common, viewport: { width: 1080, height: 1920 }, hasTouch: true },
    },
    { name: 'cross-app', testMatch: /specs\/cross-app\/.*\.spec\.ts/, use: { ...common } },
    {
      name: 'demo',
      testMatch: /specs\/demo\/.*\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        ...common,
        baseURL: demoURL,
        viewport: { width: 1366, height: 860 },
        // the field app's page object taps
        hasTouch: true,
      },
    },
  ],
  webServer: [
    {
      command: 'node packages/api/src/main.ts',
      cwd: root,
      url: `${baseURL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(port),
        PINGZHAN_DEMO: '1',
        SQLITE_PATH: join(dataDir, 'e2e.db'),
        PINGZHAN_DATA_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        DATABASE_URL: '',
        // every spec signs its actors in from 127.0.0.1: the whole suite exceeds the default 30 per 10 min
        LOGIN_LIMIT_PER_IP: '1000',
      },
    },
    {
      command: 'node packages/api/src/main.ts',
      cwd: root,
      url: `${demoURL}/health`,
      reuseExistingServer: false,
      // six months of work made through the services first (under 30 s on an idle machine)
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(demoPort),
        PINGZHAN_DEMO: '1',
        PINGZHAN_DEMO_DATA: '1',
        SQLITE_PATH: join(dataDir, 'demo.db'),
        PINGZHAN_DATA_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        DATABASE_URL: '',
        // every spec signs its actors in from 127.0.0.1: the whole suite exceeds the default 30 per 10 min
        LOGIN_LIMIT_PER_IP: '1000',
      },
    },
  ],
})
