// `npm test`: every check of the project, in one run, ending with `N passed, N failed`.
// Each suite prints its own output; its counts come from its closing summary line (or, for
// single checks, its exit code). Uses Node built-ins only, as it first installs dependencies.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies } from './lib/ensureDependencies.mjs';

const root = path.resolve(import.meta.dirname, '..');
const jestReport = path.join(os.tmpdir(), `jest-report-${process.pid}.json`);

/** `counts: 'exit'` counts one check by exit code; `'summary'` reads an `N passed, N failed` line. */
const suites = [
  { name: 'type-check', command: 'npx tsc', counts: 'exit' },
  {
    name: 'module package build',
    command:
      'npm run build --workspace @microservice-scaffolder/plugin-scaffolder-backend-module-microservice',
    counts: 'exit',
  },
  { name: 'lint', command: 'npx backstage-cli repo lint', counts: 'exit' },
  { name: 'format', command: 'npx prettier --check .', counts: 'exit' },
  {
    name: 'unit and integration tests',
    command: `npx backstage-cli repo test --runInBand --json --outputFile=${jestReport}`,
    counts: 'jest',
  },
  {
    name: 'delivery layer linters',
    command: 'npm run lint:layers',
    counts: 'summary',
  },
  {
    name: 'generated services, run against PostgreSQL',
    command: 'npm run verify',
    counts: 'summary',
  },
  {
    name: 'portal in Chromium',
    command:
      'node scripts/lib/ensureChromium.mjs && node packages/app/e2e/portal.e2e.mjs',
    counts: 'summary',
  },
  {
    name: 'verification harness self-test',
    command: 'npm run verify:self-test',
    counts: 'exit',
  },
];

function run(command) {
  return new Promise(resolve => {
    let tail = '';
    const child = spawn('bash', ['-c', command], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = stream => chunk => {
      stream.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', code => resolve({ code: code ?? 1, tail }));
  });
}

function countsOf(suite, { code, tail }) {
  if (suite.counts === 'jest') {
    try {
      const report = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
      const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
      return {
        passed: report.numPassedTests,
        failed: code === 0 ? failed : Math.max(failed, 1),
      };
    } catch {
      return { passed: 0, failed: 1 };
    }
  }
  if (suite.counts === 'summary') {
    const matches = [...tail.matchAll(/^(\d+) passed, (\d+) failed/gm)];
    const last = matches.at(-1);
    if (!last) return { passed: 0, failed: 1 };
    const failed = Number(last[2]);
    return {
      passed: Number(last[1]),
      failed: code === 0 ? failed : Math.max(failed, 1),
    };
  }
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

ensureDependencies();
const results = [];
for (const suite of suites) {
  const started = Date.now();
  console.log(`\n=== ${suite.name}: ${suite.command}`);
  const counts = countsOf(suite, await run(suite.command));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  results.push({ ...suite, ...counts, seconds });
}

console.log('\n=== Summary');
for (const r of results) {
  console.log(
    `${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds}s)`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
