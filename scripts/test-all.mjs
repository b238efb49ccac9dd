// `npm test`: every check of the project, in one run, ending with `N passed, N failed`.
// Each suite prints its own output; its counts come from its report (jest), its closing
// `N passed, N failed` line, or its exit code, and each says what it counts (tests, files, steps).
// A suite that counted fewer than its minimum fails: a run that examined nothing proves nothing.
// Uses Node built-ins only, as it first installs dependencies.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies } from './lib/ensureDependencies.mjs';
import {
  ensureSupportedNode,
  environmentWithNode,
  nodeBinDirectory,
  supportedMajors,
} from './lib/supportedNode.mjs';

const root = path.resolve(import.meta.dirname, '..');
const STACKS = path.join(
  root,
  'plugins/scaffolder-backend-module-microservice/blueprints/stacks',
);

/** The other supported Node line: its unit and integration tests run too (pinned, for repeatability). */
const OTHER_NODE = { 22: '22.23.3', 24: '24.21.0' };

const jestCommand = report =>
  `npx backstage-cli repo test --runInBand --no-passWithNoTests --json --outputFile=${report}`;

/**
 * `counts`: 'exit' counts one check by exit code; 'summary' reads the suite's last
 * `N passed, N failed` line; 'jest' reads jest's JSON report. `unit` names what is counted.
 */
function suitesFor(otherNode) {
  return [
    { name: 'type-check', command: 'npx tsc', counts: 'exit', unit: 'check' },
    {
      name: 'module package builds',
      command:
        'npm run build --workspace @microservice-scaffolder/plugin-scaffolder-backend-module-microservice --workspace @microservice-scaffolder/plugin-catalog-backend-module-microservice-template',
      counts: 'exit',
      unit: 'check',
    },
    {
      name: 'lint',
      command: 'npx backstage-cli repo lint',
      counts: 'exit',
      unit: 'check',
    },
    {
      name: 'format',
      command: 'npx prettier --check .',
      counts: 'exit',
      unit: 'check',
    },
    {
      name: `unit and integration tests (Node ${process.versions.node})`,
      counts: 'jest',
      unit: 'tests',
    },
    // jest runs in band on one core; the linters mostly wait on the tools they spawn.
    {
      name: `unit and integration tests (Node ${otherNode})`,
      counts: 'jest',
      unit: 'tests',
      node: otherNode,
      together: 'second node and linters',
    },
    {
      name: 'delivery layer linters',
      command: 'npm run lint:layers',
      counts: 'summary',
      unit: 'checks (files, objects, pod templates, entities)',
      minimum: 100,
      together: 'second node and linters',
    },
    // The stacks in two halves, each a harness with its own PostgreSQL, run side by side: much
    // of a run waits on installs, boots and the network, so two fit the budget where one after
    // the other would not.
    ...stackHalves().map(stacks => ({
      name: `generated services, run against PostgreSQL: ${stacks.join(', ')}`,
      command: `npm run verify --${stacks.map(stack => ` --stack ${stack}`).join('')}`,
      counts: 'summary',
      unit: 'steps',
      minimum: 20 * stacks.length,
      together: 'services',
    })),
    {
      name: 'portal in Chromium',
      command:
        'node scripts/lib/ensureChromium.mjs && node packages/app/e2e/portal.e2e.mjs',
      counts: 'summary',
      unit: 'checks',
      minimum: 10,
    },
    // Timings are not tested: the quick mode proves every figure can still be measured (each
    // peer renders the identical tree, each task completes). After the portal: both use :7007.
    {
      name: 'benchmark, quick mode',
      command: 'npm run bench -- --quick',
      counts: 'summary',
      unit: 'figures measured',
      minimum: 30,
    },
    // Two backends on one PostgreSQL, one stopped mid-task (SIGKILL, then SIGTERM). After the
    // benchmark: both use :7007 and the stand-in's :7080.
    {
      name: 'backend replicas on PostgreSQL, one stopped mid-task',
      command: 'npm run test:replicas',
      counts: 'summary',
      unit: 'checks',
      minimum: 100,
    },
    {
      name: 'verification harness self-test',
      command: 'npm run verify:self-test',
      counts: 'exit',
      unit: 'check',
    },
  ];
}

/** The installed stacks (one folder each), in name order, cut into two halves. */
function stackHalves() {
  const stacks = fs
    .readdirSync(STACKS, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();
  const middle = Math.ceil(stacks.length / 2);
  return [stacks.slice(0, middle), stacks.slice(middle)].filter(
    half => half.length > 0,
  );
}

/**
 * The environment of every suite: the caller's, minus what would point a test at real services.
 * With GITHUB_TOKEN set, `npm start` talks to github.com; a test run must never do that.
 */
function suiteEnvironment(node) {
  const env = { ...process.env, CI: 'true' };
  delete env.GITHUB_TOKEN;
  delete env.GH_TOKEN;
  return node ? environmentWithNode(nodeBinDirectory(node), env) : env;
}

/**
 * Runs command; its output goes to `output` (a suite run beside others collects its output and
 * prints it whole when it ends, so suites never interleave), and its last 4000 characters are
 * kept for the summary line.
 */
function run(command, env, output = process) {
  return new Promise(resolve => {
    let tail = '';
    const child = spawn('bash', ['-c', command], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = stream => chunk => {
      stream.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', forward(output.stdout));
    child.stderr.on('data', forward(output.stderr));
    child.on('close', code => resolve({ code: code ?? 1, tail }));
  });
}

/** Output collected in memory, for a suite that runs beside others. */
function collectedOutput() {
  const chunks = [];
  const stream = { write: chunk => chunks.push(Buffer.from(chunk)) };
  return { stdout: stream, stderr: stream, text: () => Buffer.concat(chunks) };
}

/** Test files git knows of: every one of them must have run (jest's, not the blueprints'). */
function trackedTestFiles() {
  const listed = spawnSync(
    'git',
    [
      'ls-files',
      '--',
      '*.test.ts',
      '*.test.tsx',
      '*.test.mjs',
      '*.test.js',
      // Tests of the generated services: the harness runs them, in the service they belong to.
      ':(exclude,glob)plugins/*/blueprints/**/files/**',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return listed.stdout.split('\n').filter(Boolean);
}

function jestCounts(report, code) {
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(report, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, notes: ['no jest report was written'] };
  }
  const notes = [];
  let failed = parsed.numFailedTests + parsed.numRuntimeErrorTestSuites;
  // Skipped and todo tests are not declared anywhere: each is a check that did not run.
  const unrun = parsed.numPendingTests + parsed.numTodoTests;
  if (unrun > 0) {
    notes.push(`${unrun} skipped or todo tests (none are allowed)`);
    failed += unrun;
  }
  const ran = new Set(
    parsed.testResults.map(result => path.relative(root, result.name)),
  );
  const missing = trackedTestFiles().filter(file => !ran.has(file));
  if (missing.length > 0) {
    notes.push(`test files that did not run: ${missing.join(', ')}`);
    failed += missing.length;
  }
  if (code !== 0 && failed === 0) failed = 1;
  return { passed: parsed.numPassedTests, failed, notes };
}

function summaryCounts(tail, code) {
  const last = [...tail.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
  if (!last) {
    return { passed: 0, failed: 1, notes: ['no "N passed, N failed" line'] };
  }
  const failed = Number(last[2]);
  // A suite names its failures just above its count: repeat them in the summary, which is what
  // a CI log excerpt shows.
  const named = failed
    ? tail
        .slice(0, last.index)
        .split('\n')
        .map(line => line.trim())
        .filter(Boolean)
        .slice(-5)
    : [];
  return {
    passed: Number(last[1]),
    failed: code === 0 ? failed : Math.max(failed, 1),
    notes: named,
  };
}

async function runSuite(suite, output = process) {
  const env = suiteEnvironment(suite.node);
  const say = line => output.stdout.write(`${line}\n`);
  if (suite.counts === 'jest') {
    const report = path.join(
      os.tmpdir(),
      `jest-report-${process.pid}-${suite.node ?? 'main'}.json`,
    );
    fs.rmSync(report, { force: true });
    const command = jestCommand(report);
    say(`\n=== ${suite.name}: ${command}`);
    const { code } = await run(command, env, output);
    return jestCounts(report, code);
  }
  say(`\n=== ${suite.name}: ${suite.command}`);
  const { code, tail } = await run(suite.command, env, output);
  if (suite.counts === 'summary') return summaryCounts(tail, code);
  return code === 0
    ? { passed: 1, failed: 0, notes: [] }
    : { passed: 0, failed: 1, notes: [] };
}

/** Runs a suite and applies its minimum; a suite beside others prints its output when it ends. */
async function countedSuite(suite, besideOthers) {
  const started = Date.now();
  const output = besideOthers ? collectedOutput() : process;
  if (besideOthers) console.log(`\n=== started beside others: ${suite.name}`);
  const counts = await runSuite(suite, output);
  if (besideOthers) process.stdout.write(output.text());
  const minimum = suite.minimum ?? 1;
  if (counts.failed === 0 && counts.passed < minimum) {
    counts.notes.push(
      `counted ${counts.passed} ${suite.unit}, fewer than ${minimum}`,
    );
    counts.failed = 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  return { ...suite, ...counts, seconds };
}

/** Suites in order; consecutive suites of the same `together` group run at the same time. */
function groupsOf(suites) {
  const groups = [];
  for (const suite of suites) {
    const last = groups.at(-1);
    if (suite.together && last?.[0].together === suite.together) {
      last.push(suite);
    } else {
      groups.push([suite]);
    }
  }
  return groups;
}

/** Tracked and untracked (not ignored) files with their content, to see what a run changed. */
function workingTreeState() {
  const status = spawnSync(
    'git',
    ['status', '--porcelain=v1', '-z', '--untracked-files=all'],
    { cwd: root, encoding: 'utf8' },
  );
  const entries = status.stdout.split('\0').filter(Boolean);
  const state = new Map();
  for (const entry of entries) {
    const file = entry.slice(3);
    const full = path.join(root, file);
    const content = fs.existsSync(full)
      ? spawnSync('git', ['hash-object', full], { encoding: 'utf8' }).stdout
      : 'deleted';
    state.set(file, `${entry.slice(0, 2)} ${content.trim()}`);
  }
  return state;
}

function changedSince(before) {
  const after = workingTreeState();
  const files = new Set([...before.keys(), ...after.keys()]);
  return [...files].filter(file => before.get(file) !== after.get(file));
}

ensureSupportedNode();
ensureDependencies();
const treeBefore = workingTreeState();
const running = Number.parseInt(process.versions.node, 10);
const other = supportedMajors().find(major => major !== running);
const results = [];
for (const group of groupsOf(suitesFor(OTHER_NODE[other]))) {
  const besideOthers = group.length > 1;
  results.push(
    ...(await Promise.all(
      group.map(suite => countedSuite(suite, besideOthers)),
    )),
  );
}
const changed = changedSince(treeBefore);
results.push({
  name: 'the run left the working tree as it found it',
  unit: 'check',
  passed: changed.length === 0 ? 1 : 0,
  failed: changed.length === 0 ? 0 : 1,
  notes: changed.length ? [`changed: ${changed.join(', ')}`] : [],
  seconds: '0',
});

console.log('\n=== Summary');
for (const r of results) {
  console.log(
    `${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} ${r.unit} passed, ${r.failed} failed (${r.seconds}s)`,
  );
  for (const note of r.notes) console.log(`       ${note}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
