#!/usr/bin/env node
// The developer journey in a real browser, against the portal served by packages/backend:
//   sign in as guest → catalog → /create → Microservice → an invalid name is refused in words →
//   fill Service, Stack, Delivery, Repository (conditional fields come and go) → Review → Create →
//   the task succeeds → its Repository link opens the repository on the GitHub stand-in → Open in
//   catalog shows the Component, its APIs tab the provided API, the API page its OpenAPI definition.
// Then the platform team's: Upgrade services → one of those services, tracing on → Create → the
//   task's link opens its pull request on the stand-in (journey/upgradeJourney.mjs).
// The journey runs once per installed stack, at least twice, with different choices each time
// (journey/profiles.mjs). Drives Debian's Chromium with playwright-core (`playwright install` can't
// download browsers here). Prints one line per check, timings, and `N passed, N failed`; exits
// non-zero on any failure.
//
// Usage (from the repository root):  node packages/app/e2e/portal.e2e.mjs
//   PORTAL_URL    a running portal to test. Without it, the script runs `node scripts/start.mjs`
//                 (as `npm start`: installs what is missing, builds the portal when stale, starts the
//                 GitHub stand-in and the backend; never github.com: GITHUB_TOKEN is not passed on)
//                 in its own process group on :7007 (which must be free), logs it to
//                 <ARTIFACTS>/stack.log, and stops it at the end.
//   STAND_IN_URL  the GitHub stand-in (default http://localhost:7080); repository links must lead there
//   CHROMIUM      browser binary (default /usr/bin/chromium)
//   ARTIFACTS     screenshots folder (default artifacts/portal, git-ignored):
//                 <journey>-<nn>-<step>.png, and one per failed check
import path from 'node:path';
import { chromium } from 'playwright-core';
import { runJourney } from './journey/runJourney.mjs';
import { journey } from './journey/profiles.mjs';
import { runUpgradeJourney } from './journey/upgradeJourney.mjs';
import { backendApi } from './lib/backendApi.mjs';
import { answers, isReady, startLocalStack } from './lib/localStack.mjs';
import { createReport } from './lib/report.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const LOCAL_PORTAL = 'http://localhost:7007';
const baseUrl = (process.env.PORTAL_URL ?? LOCAL_PORTAL).replace(/\/$/, '');
const standInUrl = (
  process.env.STAND_IN_URL ?? 'http://localhost:7080'
).replace(/\/$/, '');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.resolve(
  root,
  process.env.ARTIFACTS ?? 'artifacts/portal',
);
const STEP_TIMEOUT = 30_000;

const started = Date.now();
const report = createReport({ artifacts });
let stack;
let browser;
let page;

// Ctrl-C or a kill stops the stack at once (Chromium ends with this process); no summary line then.
function interrupted(signal) {
  console.log(`\n${signal}: stopping the stack`);
  stack?.stopNow();
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, interrupted);
}
process.on('exit', () => stack?.stopNow());

async function ensureStack() {
  // A portal named in PORTAL_URL is tested as it is. The default one is always started by this
  // run, so the test never passes on a stale build someone left running.
  if (process.env.PORTAL_URL) {
    if (!(await isReady(baseUrl)))
      throw new Error(`${baseUrl} is not answering`);
    report.note(`testing the portal at PORTAL_URL=${baseUrl}`);
    return;
  }
  for (const url of [baseUrl, standInUrl]) {
    if (await answers(url)) {
      throw new Error(
        `${url} is in use: stop what runs there (an earlier \`npm start\`?), or set PORTAL_URL to test that portal`,
      );
    }
  }
  console.log('starting the local stack: node scripts/start.mjs …');
  stack = startLocalStack({
    root,
    baseUrl,
    standInUrl,
    logFile: path.join(artifacts, 'stack.log'),
  });
  report.time(
    'backend ready (scripts/start.mjs to readiness)',
    await stack.ready(),
  );
}

async function signIn() {
  const guestEnter = page
    .getByRole('article')
    .filter({ hasText: 'Guest' })
    .getByRole('button', { name: 'Enter' });
  const shown = await report.check(
    'sign-in page offers guest sign-in',
    async shot => {
      await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
      await guestEnter.waitFor();
      await shot('sign-in');
    },
    { page: () => page },
  );
  if (!shown) return false;
  return report.check(
    'guest sign-in succeeds and the catalog lists components',
    async shot => {
      const refresh = page.waitForResponse(res =>
        res.url().includes('/api/auth/guest/refresh'),
      );
      await guestEnter.click();
      const res = await refresh;
      if (!res.ok()) throw new Error(`guest refresh answered ${res.status()}`);
      await page.getByRole('link', { name: 'Create' }).first().waitFor();
      // A freshly started catalog is still reading catalog-info.yaml: reload until it lists some.
      const deadline = Date.now() + 60_000;
      const count = page.getByText(/All components \([1-9]\d*\)/i).first();
      for (;;) {
        try {
          await count.waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await page.reload({ waitUntil: 'domcontentloaded' });
        }
      }
      await shot('catalog');
    },
    { page: () => page },
  );
}

async function main() {
  const ready = await report.check(
    `backend answers on ${baseUrl}`,
    ensureStack,
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
  context.setDefaultTimeout(STEP_TIMEOUT);
  const pageErrors = [];
  // Every page: the portal and the repository pages its links open.
  context.on('page', p => {
    p.on('pageerror', error => pageErrors.push(error.message));
    p.on('dialog', dialog => {
      pageErrors.push(`dialog: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  });
  page = await context.newPage();

  const ctx = {
    page,
    baseUrl,
    standInUrl,
    report,
    api: backendApi(page, baseUrl),
    note: report.note,
    plan: undefined, // set on the first "Stack" page: which journey uses which stack
  };
  if (!(await signIn())) return;

  let made;
  for (let i = 0; i < (ctx.plan?.count ?? 2); i += 1) {
    const j = journey(i);
    // Tracing off: the upgrade switches it on, so its pull request has a change to carry.
    if ((await runJourney(ctx, j)) && !j.tracing) made = j;
  }
  // The platform team upgrades a service a developer just made, from the portal.
  if (made) await runUpgradeJourney(ctx, made);
  else {
    await report.check('a developer journey made a service to upgrade', () => {
      throw new Error('no journey with tracing off completed');
    });
  }

  await report.check('no uncaught page errors', async () => {
    if (pageErrors.length > 0) throw new Error(pageErrors.join(' | '));
  });
}

try {
  await main();
} catch (error) {
  await report.check('unexpected error', () => {
    throw error;
  });
} finally {
  await browser?.close().catch(() => {});
  if (stack) {
    const restarts = stack.restarts();
    if (restarts > 0) {
      report.note(
        `the backend restarted ${restarts} time(s) on source changes during the run (its catalog and tasks are in memory)`,
      );
    }
    await stack.stop();
  }
}
report.time('total', Date.now() - started);
process.exit(report.finish());
