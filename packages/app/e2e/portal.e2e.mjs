#!/usr/bin/env node
// End-to-end check of the portal served by packages/backend on one port:
//   open the portal → sign in as guest → /create → the Microservice template card → Choose →
//   the first form page (Name, Owner).
// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core; `playwright install` can't
// download browsers here. Prints one `N passed, N failed` line and exits non-zero on any failure.
//
// Usage (from the repository root):  node packages/app/e2e/portal.e2e.mjs
//   PORTAL_URL   portal to test (default http://localhost:7007). If nothing answers there, the
//                script builds the app when its dist/ is missing or stale, starts the backend
//                (`npm run start --workspace backend`), and stops it again at the end.
//   CHROMIUM     browser binary (default /usr/bin/chromium)
//   SCREENSHOTS  screenshot file prefix (default /tmp/portal-) → /tmp/portal-1-signin.png, …
import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureAppBuilt } from '../scripts/ensureBuilt.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const baseUrl = (process.env.PORTAL_URL ?? 'http://localhost:7007').replace(
  /\/$/,
  '',
);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = process.env.SCREENSHOTS ?? '/tmp/portal-';
const STEP_TIMEOUT = 30_000;

let passed = 0;
let failed = 0;
let backend;
let browser;
let page;
let failures = 0;

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    failed += 1;
    console.log(
      `FAIL ${name}: ${String(error?.message ?? error).split('\n')[0]}`,
    );
    if (page) {
      failures += 1;
      const file = `${shots}failure-${failures}.png`;
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.log(`     at ${page.url()}; screenshot: ${file}`);
    }
    return false;
  }
}

async function isReady() {
  try {
    const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    return res.ok;
  } catch {
    return false;
  }
}

async function startBackendIfNeeded() {
  if (await isReady()) return;
  if (process.env.PORTAL_URL) {
    throw new Error(`${baseUrl} is not answering`);
  }
  ensureAppBuilt();
  console.log('starting the backend…');
  // Own process group, so the whole tree (npm → backstage-cli → node) can be stopped at the end.
  backend = spawn('npm', ['run', 'start', '--workspace', 'backend'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) throw new Error('the backend exited early');
    if (await isReady()) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error('the backend was not ready within 180 s');
}

function stopBackend() {
  if (backend && backend.exitCode === null) {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function main() {
  const ready = await check(
    `backend answers on ${baseUrl}`,
    startBackendIfNeeded,
  );
  if (!ready) return;

  browser = await chromium.launch({
    executablePath,
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
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  page.on('dialog', dialog => {
    pageErrors.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });

  const guestEnter = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Guest' })
    .getByRole('button', { name: 'Enter' });

  const signInShown = await check(
    'sign-in page offers guest sign-in',
    async () => {
      await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
      await guestEnter.waitFor({ state: 'visible' });
      await page.screenshot({ path: `${shots}1-signin.png`, fullPage: true });
    },
  );
  if (!signInShown) return;

  const signedIn = await check(
    'guest sign-in succeeds and the catalog lists components',
    async () => {
      const refresh = page.waitForResponse(res =>
        res.url().includes('/api/auth/guest/refresh'),
      );
      await guestEnter.click();
      const res = await refresh;
      if (!res.ok()) throw new Error(`guest refresh answered ${res.status()}`);
      await guestEnter.waitFor({ state: 'detached' });
      // The app shell: the sidebar links to the scaffolder; the catalog is the landing page.
      await page
        .getByRole('link', { name: 'Create' })
        .first()
        .waitFor({ state: 'visible' });
      // The catalog table filled from the backend proves the guest token is accepted.
      await page
        .getByText(/All Components \(\d+\)/)
        .first()
        .waitFor({ state: 'visible' });
      await page.screenshot({ path: `${shots}2-home.png`, fullPage: true });
    },
  );
  if (!signedIn) return;

  const card = page
    .locator('article, .MuiCard-root, [class*="Card"]')
    .filter({ has: page.getByText('Microservice', { exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .first();

  const listed = await check(
    '/create lists the Microservice template',
    async () => {
      await page.goto(`${baseUrl}/create`, { waitUntil: 'domcontentloaded' });
      await card.waitFor({ state: 'visible' });
      await page.screenshot({ path: `${shots}3-create.png`, fullPage: true });
    },
  );
  if (!listed) return;

  const chosen = await check('Choose opens the Microservice form', async () => {
    await card.getByRole('button', { name: 'Choose' }).click();
    await page.waitForURL(/\/create\/templates\/default\/microservice/);
  });
  if (!chosen) return;

  await check(
    'the first form page shows the Name and Owner fields',
    async () => {
      await page
        .getByRole('textbox', { name: /^Name/ })
        .waitFor({ state: 'visible' });
      await page
        .getByRole('combobox', { name: /^Owner/ })
        .or(page.getByRole('textbox', { name: /^Owner/ }))
        .first()
        .waitFor({ state: 'visible' });
      // The first step of the template is titled "Service".
      await page
        .getByText('Service', { exact: true })
        .first()
        .waitFor({ state: 'visible' });
      await page.screenshot({ path: `${shots}4-form.png`, fullPage: true });
    },
  );

  await check('no uncaught page errors', async () => {
    if (pageErrors.length > 0) throw new Error(pageErrors.join(' | '));
  });
}

try {
  await main();
} catch (error) {
  failed += 1;
  console.log(`FAIL unexpected: ${error?.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  stopBackend();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
