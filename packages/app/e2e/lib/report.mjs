// The test's output: one line per check (`ok   name (ms)` / `FAIL name: reason`), screenshots
// named `<journey>-<nn>-<step>.png`, timings, and the closing `N passed, N failed` line that
// scripts/test-all.mjs reads.
import fs from 'node:fs';
import path from 'node:path';

// Playwright's call logs are coloured.
// eslint-disable-next-line no-control-regex
const ANSI_COLOURS = /\x1b\[[0-9;]*m/g;

const slug = text =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

export function createReport({ artifacts }) {
  fs.mkdirSync(artifacts, { recursive: true });
  for (const file of fs.readdirSync(artifacts)) {
    if (file.endsWith('.png')) fs.rmSync(path.join(artifacts, file));
  }
  const counters = new Map();
  const timings = [];
  let passed = 0;
  let failed = 0;

  /** Saves a full-page screenshot as <journey>-<nn>-<step>.png; never throws. */
  async function screenshot(page, journey, step) {
    const n = (counters.get(journey) ?? 0) + 1;
    counters.set(journey, n);
    const file = path.join(
      artifacts,
      `${journey}-${String(n).padStart(2, '0')}-${slug(step)}.png`,
    );
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    return file;
  }

  /**
   * Runs one check. `fn` gets a `shot(step, target = page())` that screenshots under `journey`;
   * a failure is screenshotted too. Returns whether the check passed.
   */
  async function check(name, fn, { journey = 'portal', page = () => {} } = {}) {
    const started = Date.now();
    const shot = (step, target = page()) => screenshot(target, journey, step);
    try {
      await fn(shot);
      passed += 1;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (error) {
      failed += 1;
      const reason = String(error?.message ?? error)
        .replace(ANSI_COLOURS, '')
        .trim();
      const [first, ...rest] = reason.split('\n');
      console.log(`FAIL ${name}: ${first}`);
      for (const line of rest.slice(0, 12)) console.log(`     ${line}`);
      const current = page();
      if (current) {
        const file = await screenshot(current, journey, `FAIL-${name}`);
        console.log(`     at ${current.url()}; screenshot: ${file}`);
      }
      return false;
    }
  }

  const skip = (name, why) => console.log(`skip ${name}: ${why}`);
  const note = text => console.log(`     ${text}`);

  function time(label, ms) {
    timings.push([label, ms]);
  }

  function finish() {
    for (const [label, ms] of timings) {
      console.log(`time ${label}: ${(ms / 1000).toFixed(1)} s`);
    }
    console.log(`${passed} passed, ${failed} failed`);
    return failed > 0 || passed === 0 ? 1 : 0;
  }

  return { check, skip, note, time, screenshot, finish };
}
