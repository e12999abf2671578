// E2E tests drive Debian's Chromium (never a downloaded browser) against the real server,
// with its own port and data folder so they never touch a running Dockyard. E2E_PORT lets
// two checkouts run their suites side by side on one engine (sessions' subnets are claimed
// in Incus, so two servers never share one).
import { defineConfig } from '@playwright/test';
import { E2E_ADMIN } from './test/e2e/accounts';
import { AUTHORING_PACK } from './test/e2e/authoring-pack';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = `.cache/e2e-data-${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The database and secret start fresh; node disks (still mounted if a run was killed) are
    // left to the server, which removes those of vanished sandboxes.
    // The authoring pack is copied afresh: test/e2e/authoring.spec.ts edits it.
    command:
      `rm -rf ${DATA_DIR}/db ${DATA_DIR}/secret ${AUTHORING_PACK.folder} && mkdir -p ${DATA_DIR} && ` +
      `cp -r ${AUTHORING_PACK.fixture} ${AUTHORING_PACK.folder} && npm run --silent start`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM, not Playwright's default SIGKILL: the server removes its spare nodes on the way out.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DOCKYARD_DATA_DIR: DATA_DIR,
      DOCKYARD_INSTANCE: `e2e-${PORT}`,
      // The first admin, as an operator would create it; tests sign in with it to give roles.
      DOCKYARD_ADMIN_EMAIL: E2E_ADMIN.email,
      DOCKYARD_ADMIN_PASSWORD: E2E_ADMIN.password,
      // Every student of the suite signs up and in from 127.0.0.1, as a whole classroom behind
      // one NAT would: past 30 a minute the last tests were refused (the limit itself is
      // tested in test/integration/accounts/sign-in.test.ts).
      DOCKYARD_AUTH_REQUESTS_PER_MINUTE: '600',
      // The admin signs in from most specs to give roles: past 10 in 15 minutes the last were refused.
      DOCKYARD_SIGN_INS_PER_ACCOUNT: '200',
      // Authoring mode (./dockyard author) on a folder pack besides the built-in course: every
      // spec runs with its watcher in the page and the pack's course on the home page.
      DOCKYARD_CONTENT: `${AUTHORING_PACK.name}=${AUTHORING_PACK.folder}`,
      DOCKYARD_AUTHORING: 'true',
      // No nightly lab tests: a suite running at 03:30 would share its places with them for an
      // hour (test/e2e/lab-health.spec.ts only looks at the page).
      DOCKYARD_LAB_HEALTH_AT: 'off',
    },
  },
});
