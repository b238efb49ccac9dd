// The self-test: every linter's `breakage` (a deliberately broken copy of one layer or stack file)
// is given to the renderer as an extra blueprint directory, the broken service is linted with
// every linter, and the breakage must make its linter report a failure naming the layer and the
// file (and the rule, where the breakage names one), while no linter without a breakage in that
// render fails (unless the breakage names it in alsoFails). Breakages that need the same matrix
// case share one render.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BLUEPRINTS } from './env.mjs';
import { lintAll } from './lint.mjs';
import { listStacks, render } from './render.mjs';
import { Results } from './results.mjs';

const TOOL = 'self-test';

/**
 * The blueprint folder, layer name and source file a breakage edits. The folder is the one the
 * renderer uses: the last extra blueprint directory that has it, else the built-in one.
 */
function target(b, stack, extraBlueprints) {
  const blueprint = b.blueprint === 'stack' ? `stacks/${stack}` : b.blueprint;
  const root =
    [...extraBlueprints]
      .reverse()
      .find(dir => existsSync(join(dir, blueprint, 'blueprint.yaml'))) ??
    BLUEPRINTS;
  const from = join(root, blueprint);
  const source =
    b.source ??
    [`files/${b.file}.njk`, `files/${b.file}`].find(s =>
      existsSync(join(from, s)),
    );
  if (!source || !existsSync(join(from, source)))
    throw new Error(
      `self-test: ${from} has no ${source ?? `source for ${b.file}`}`,
    );
  return { blueprint, from, layer: b.layer ?? basename(blueprint), source };
}

async function runCase(
  results,
  linters,
  dir,
  caseName,
  breakages,
  extraBlueprints,
) {
  const bp = join(dir, 'blueprints');
  for (const { b, blueprint, from, source } of breakages) {
    const dest = join(bp, blueprint);
    if (!existsSync(dest)) cpSync(from, dest, { recursive: true });
    const before = readFileSync(join(dest, source), 'utf8');
    const after = b.break(before);
    if (after === before)
      throw new Error(`self-test: could not break ${blueprint}/${source}`);
    writeFileSync(join(dest, source), after);
  }
  const dirs = await render(
    join(dir, 'out'),
    [...extraBlueprints, bp],
    [caseName],
  );
  if (dirs.length !== 1)
    throw new Error(`self-test: ${caseName} did not render`);
  console.log(
    `self-test: linting ${caseName} rendered with broken copies of ${breakages.map(x => `${x.blueprint}/${x.source}`).join(', ')} (expect FAIL lines)`,
  );
  const inner = await lintAll(
    new Results('self-test (expected): '),
    linters,
    dirs,
  );
  const verdicts = [];
  for (const { linter, b, layer } of breakages) {
    const hit = inner.failures.find(
      f =>
        f.tool === linter.name &&
        f.layer === layer &&
        f.file.startsWith(b.file) &&
        (!b.rule || f.rule === b.rule),
    );
    const expected = `${linter.name}${b.rule ? `/${b.rule}` : ''} failure naming layer ${layer} and ${b.file}`;
    verdicts.push({
      order: linters.indexOf(linter),
      text: `${hit ? 'caught' : 'MISSED'} ${linter.name}: ${layer}/${b.file}${hit ? ` (${hit.tool}/${hit.rule})` : ''}`,
    });
    results.record(
      TOOL,
      { name: TOOL, layerOf: () => layer },
      b.file,
      hit ? [] : [{ rule: 'expected-failure', message: `no ${expected}` }],
      'breakages',
    );
  }
  // Exactly the broken tools fail: anything else means a breakage is not specific to its tool.
  const allowed = new Set(
    breakages.flatMap(({ linter, b }) => [linter.name, ...(b.alsoFails ?? [])]),
  );
  for (const tool of inner.failingTools()) {
    if (allowed.has(tool)) continue;
    verdicts.push({
      order: linters.length,
      text: `UNEXPECTED ${tool} failed in ${caseName}`,
    });
    results.fail(
      TOOL,
      { name: TOOL },
      { file: caseName, layer: 'lint-layers' },
      [
        {
          rule: 'unexpected-failure',
          message: `${tool} failed, but no breakage in this render targets it: ${inner.failures.find(f => f.tool === tool).line}`,
        },
      ],
    );
  }
  return verdicts;
}

export async function selfTest(results, linters, extraBlueprints = []) {
  const t0 = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'lint-layers-self-test-'));
  try {
    const [stack] = await listStacks(extraBlueprints);
    const cases = new Map(); // case name -> [{linter, b, blueprint, layer, source}]
    for (const linter of linters) {
      const b = linter.breakage;
      if (!b) {
        results.fail(
          TOOL,
          { name: TOOL },
          { file: linter.name, layer: 'lint-layers' },
          [{ rule: 'no-breakage', message: `${linter.name} has no breakage` }],
        );
        continue;
      }
      const name = `${stack}--${b.case.ci}--${b.case.deployment}`;
      let where;
      try {
        where = target(b, stack, extraBlueprints);
      } catch (error) {
        // A breakage pointing at a file that moved: that tool's self-test fails, the rest runs.
        results.fail(
          TOOL,
          { name: TOOL },
          { file: b.file, layer: 'lint-layers' },
          [{ rule: 'no-target', message: error.message }],
        );
        continue;
      }
      if (!cases.has(name)) cases.set(name, []);
      cases.get(name).push({ linter, b, ...where });
    }
    const verdicts = await Promise.all(
      [...cases].map(([name, breakages], index) =>
        runCase(
          results,
          linters,
          join(tmp, String(index)),
          name,
          breakages,
          extraBlueprints,
        ).catch(error => {
          for (const { b, layer } of breakages)
            results.fail(TOOL, { name: TOOL }, { file: b.file, layer }, [
              { rule: 'crash', message: error.stack ?? String(error) },
            ]);
          return [{ order: linters.length, text: `${name}: ${error.message}` }];
        }),
      ),
    );
    const lines = verdicts
      .flat()
      .sort((a, b) => a.order - b.order)
      .map(v => `  ${v.text}`);
    console.log(`self-test: per tool\n${lines.join('\n')}`);
    console.log(
      `self-test: done in ${((Date.now() - t0) / 1000).toFixed(0)}s\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
