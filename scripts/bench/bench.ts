/**
 * `npm run bench`: how fast the product renders (and, in a full run, serves tasks and generated
 * services), as ratios against peers measured in the same run. Writes JSON, a Markdown table and
 * an SVG chart to artifacts/bench/ (git-ignored).
 *
 *   npm run bench                 a full run
 *   npm run bench -- --quick      a few runs of everything: proves the benchmark still works
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createScriptRenderer } from '../lib/renderService';
import { benchVenv } from './pythonTools';
import { benchmarkRender, defaultWorkDir, type RenderFigures } from './render';
import { machine, renderRows, writeReport, type Report } from './report';

const root = path.resolve(__dirname, '../..');

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(root, 'artifacts', 'bench') },
      stack: { type: 'string', multiple: true, default: [] },
    },
  });
  const quick = values.quick;
  const renderer = await createScriptRenderer();
  const stacks = values.stack.length
    ? values.stack
    : [...renderer.choices.stacks];
  const copierPython = benchVenv();

  const render: RenderFigures[] = [];
  for (const stack of stacks) {
    process.stdout.write(`render: ${stack}…\n`);
    render.push(
      await benchmarkRender(renderer, stack, {
        runs: quick ? 5 : 60,
        cliRuns: quick ? 1 : 5,
        limitMs: quick ? 5_000 : 120_000,
        copierPython,
        workDir: defaultWorkDir(),
      }),
    );
  }
  const { header, rows } = renderRows(render);
  const report: Report = {
    when: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: machine(),
    render,
    sections: [{ title: 'Render, in process and warm (ms)', header, rows }],
  };
  const written = writeReport(values.out, report);
  process.stdout.write(
    `\n${rows.map(r => r.join('  ')).join('\n')}\n\nWrote ${written.join(', ')}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
