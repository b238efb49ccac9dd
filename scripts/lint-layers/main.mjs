// The layer-lint driver (run it through run.sh, which installs the tools first).
//
//   node scripts/lint-layers/main.mjs [--self-test | --no-self-test] [--keep DIR] [--case NAME] [--jobs N]
//                                     [--blueprints DIR]...  (extra blueprint folders, loaded last)
//   node scripts/lint-layers/main.mjs --lint-only DIR...   (already rendered services + .origins.tsv)
//
// Renders the matrix with the real renderer (render-matrix.ts: every stack × ci × deployment, a
// hostile description, a user owner), runs every linter (linters/) on everything a layer writes,
// prints `FAIL <layer> <case>/<file>[:line] <tool>/<rule>: message` per finding, one summary line
// per tool `<tool> <version>: N <unit> checked, N failed`, and closes with `N passed, N failed`.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LINTERS } from './linters/index.mjs';
import { enforceMinimums, lintAll } from './lib/lint.mjs';
import { setJobs } from './lib/pool.mjs';
import { render } from './lib/render.mjs';
import { Results } from './lib/results.mjs';
import { selfTest } from './lib/self-test.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'self-test': { type: 'boolean', default: false },
    'no-self-test': { type: 'boolean', default: false },
    'lint-only': { type: 'boolean', default: false },
    keep: { type: 'string' },
    jobs: { type: 'string' },
    case: { type: 'string', multiple: true, default: [] },
    // Extra blueprint folders (`<dir>/stacks/*`, `<dir>/layers/*`), loaded after the built-in
    // ones and the fixtures, as microserviceScaffolder.blueprintDirectories would: a platform
    // team's blueprints, or a stack being rewritten, linted with everything else.
    blueprints: { type: 'string', multiple: true, default: [] },
  },
});
const blueprints = args.blueprints.map(b => resolve(b));
if (args.jobs !== undefined) setJobs(Number(args.jobs));

const t0 = Date.now();
const results = new Results();
if (args['lint-only']) {
  await lintAll(
    results,
    LINTERS,
    positionals.filter(p => statSync(p).isDirectory()),
  );
} else {
  if (!args['no-self-test']) await selfTest(results, LINTERS, blueprints);
  if (!args['self-test']) {
    const out = args.keep
      ? resolve(args.keep)
      : mkdtempSync(join(tmpdir(), 'lint-layers-'));
    if (args.keep) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
    }
    const dirs = await render(out, blueprints, args.case);
    console.log(
      `Rendered ${dirs.length} services into ${out}: ${dirs.map(d => basename(d)).join(', ')}`,
    );
    await lintAll(results, LINTERS, dirs);
    // Only the whole matrix must give every tool something to check.
    if (!args.case.length) enforceMinimums(results, LINTERS);
    if (!args.keep) rmSync(out, { recursive: true, force: true });
  }
}

const versions = { 'self-test': '(one breakage per tool)' };
for (const linter of LINTERS)
  versions[linter.name] = await linter.version().catch(() => '?');
const failed = results.printSummary(
  LINTERS.map(l => l.name),
  versions,
  (Date.now() - t0) / 1000,
);
process.exit(failed ? 1 : 0);
