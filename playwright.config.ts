import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of the villagers' web app against the real service (test/web/serve.ts starts
 * `src/main.ts` as `npm start` does), once on the embedded database and once on PostgreSQL, driving
 * the system's Chromium (Playwright's own browser download is not needed).
 */
// The app under test is the current one: built first when its sources changed (once, not per worker).
if (!process.env.TEST_WORKER_INDEX) {
  execSync('node scripts/ensure-deps.mjs', { stdio: 'inherit' });
  rmSync('test-results/screenshots', { recursive: true, force: true });
}
const chromium = process.env.CHROMIUM_PATH || execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
// WEB_TEST_PORT_BASE moves both servers, so two checkouts can run their browser tests side by side.
const portBase = Number(process.env.WEB_TEST_PORT_BASE ?? 3311);
const PORTS = { pglite: portBase, postgres: portBase + 1 };
const onlyPglite = process.env.WEB_TEST_DATABASES === 'pglite';
/**
 * The tests share their server's buses. The tablet's tests follow one bus through today and expect
 * no other ride to come onto it meanwhile; taking a bus out of service moves riders of every day.
 * Each runs alone, after the others.
 */
const ALONE_DRIVER = ['driver.spec.ts'];
const ALONE_FLEET = ['desk-overrides.spec.ts'];
/** The operator's tests add service areas: from then on the demo is no longer the only area, so they come last. */
const LAST_AREAS = ['admin-*.spec.ts', 'desk-area.spec.ts'];

export default defineConfig({
  testDir: 'test/web',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/web',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // The longest flow (sign up, book, cancel, book again) takes ~25 s on a quiet 2-core host; shared hosts are 2–4× slower.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'pglite', testIgnore: [...ALONE_DRIVER, ...ALONE_FLEET, ...LAST_AREAS], use: { baseURL: `http://127.0.0.1:${PORTS.pglite}` } },
    // Stages on the same server, each once the one before is done (see ALONE_DRIVER, ALONE_FLEET, LAST_AREAS).
    { name: 'pglite-driver', testMatch: ALONE_DRIVER, dependencies: ['pglite'], use: { baseURL: `http://127.0.0.1:${PORTS.pglite}` } },
    { name: 'pglite-fleet', testMatch: ALONE_FLEET, dependencies: ['pglite-driver'], use: { baseURL: `http://127.0.0.1:${PORTS.pglite}` } },
    { name: 'pglite-areas', testMatch: LAST_AREAS, dependencies: ['pglite-fleet'], use: { baseURL: `http://127.0.0.1:${PORTS.pglite}` } },
    // On PostgreSQL the flows that write: the pages alone do not differ by database, and the browser part stays short.
    ...(onlyPglite ? [] : [
      { name: 'postgres', testMatch: ['booking.spec.ts', 'rejection.spec.ts', 'access.spec.ts', 'account.spec.ts', 'desk-booking.spec.ts', 'desk-situation.spec.ts', 'desk-timeline.spec.ts'], use: { baseURL: `http://127.0.0.1:${PORTS.postgres}` } },
      { name: 'postgres-driver', testMatch: ALONE_DRIVER, dependencies: ['postgres'], use: { baseURL: `http://127.0.0.1:${PORTS.postgres}` } },
      { name: 'postgres-fleet', testMatch: ALONE_FLEET, dependencies: ['postgres-driver'], use: { baseURL: `http://127.0.0.1:${PORTS.postgres}` } },
    ]),
  ],
  webServer: [
    { kind: 'pglite' as const, port: PORTS.pglite },
    ...(onlyPglite ? [] : [{ kind: 'postgres' as const, port: PORTS.postgres }]),
  ].map(({ kind, port }) => ({
    command: `node --import tsx test/web/serve.ts ${kind} ${port}`,
    url: `http://127.0.0.1:${port}/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
