/**
 * `npm run bench`: how fast the product renders and serves tasks, as ratios against peers
 * measured in the same run. Writes JSON, a Markdown table and an SVG chart to artifacts/bench/
 * (git-ignored), and ends with `N passed, N failed`: a figure passes when it was measured (a
 * peer's tree matched ours, a task completed); the goals are shown in the tables, never counted
 * (timings are not tests).
 *
 *   npm run bench                      a full run
 *   npm run bench -- --quick           a few runs of everything: proves the benchmark still works
 *   npm run bench -- --part render     one part (render, tasks, services); --stack narrows render
 *                                      and services
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createScriptRenderer } from '../lib/renderService';
import { killAllGroups } from '../verify/processes';
import { releaseAll } from '../verify/resources';
import { benchVenv } from './pythonTools';
import {
  benchmarkRender,
  defaultWorkDir,
  measuredFigures,
  type RenderFigures,
} from './render';
import {
  machine,
  renderRows,
  serviceRows,
  taskRows,
  writeReport,
  type Report,
} from './report';
import {
  benchmarkServices,
  type ServiceFigures,
  type ServiceLoadOptions,
} from './services';
import { benchmarkTasks, type TaskFigures } from './tasks';

const root = path.resolve(__dirname, '../..');
const PARTS = ['render', 'tasks', 'services'] as const;

async function renderPart(quick: boolean, only: string[]) {
  const renderer = await createScriptRenderer();
  const stacks = only.length ? only : [...renderer.choices.stacks];
  const copierPython = benchVenv();
  const figures: RenderFigures[] = [];
  const failures: string[] = [];
  for (const stack of stacks) {
    process.stdout.write(`render: ${stack}…\n`);
    try {
      figures.push(
        await benchmarkRender(renderer, stack, {
          runs: quick ? 5 : 60,
          cliRuns: quick ? 1 : 5,
          limitMs: quick ? 5_000 : 120_000,
          copierPython,
          workDir: defaultWorkDir(),
        }),
      );
    } catch (error) {
      // One stack's failure (a peer refusing the tree) still lets the others be measured.
      failures.push(`render ${stack}: ${(error as Error).message}`);
    }
  }
  const measured = figures.flatMap(measuredFigures);
  return {
    figures,
    passed: measured.filter(f => f.ok).length,
    failures: [
      ...failures,
      ...measured.filter(f => !f.ok).map(f => `no timing: ${f.name}`),
    ],
  };
}

async function tasksPart(quick: boolean) {
  process.stdout.write('tasks: starting the local stack (npm start)…\n');
  const figures = await benchmarkTasks(
    quick
      ? {
          dryRuns: 2,
          sequential: 2,
          concurrent: 2,
          soak: 4,
          taskTimeoutMs: 120_000,
        }
      : {
          dryRuns: 20,
          sequential: 20,
          concurrent: 20,
          soak: 200,
          taskTimeoutMs: 240_000,
        },
  );
  // Passed: the dry runs, each sequential, concurrent and soak task that completed.
  const passed =
    figures.dryRun.runs +
    figures.sequential.runs +
    figures.concurrent.completed +
    (figures.rss.tasks - figures.rss.failed);
  return { figures, passed, failures: figures.failures };
}

const SERVICE_LOAD = {
  quick: { seconds: 1, warmupSeconds: 1, connections: 16, seedRows: 20 },
  full: { seconds: 10, warmupSeconds: 5, connections: 16, seedRows: 200 },
} as const;

async function servicesPart(options: ServiceLoadOptions, only: string[]) {
  const renderer = await createScriptRenderer();
  const stacks = only.length ? only : [...renderer.choices.stacks];
  const { figures, failures } = await benchmarkServices(
    renderer,
    stacks,
    options,
    { line: text => process.stdout.write(`${text}\n`) },
  );
  // Passed: each endpoint's load that answered without an error, its floor, a stack's start and RSS.
  const loads = figures.flatMap(f =>
    Object.entries(f.endpoints).map(([endpoint, e]) => ({
      name: `${f.stack} ${endpoint}`,
      ...e.service,
    })),
  );
  const erred = loads.filter(l => l.requests === 0 || l.errors > 0);
  return {
    figures,
    passed: 2 * loads.length - erred.length + 2 * figures.length,
    failures: [
      ...failures,
      ...erred.map(
        l => `services ${l.name}: ${l.errors} errors in ${l.requests} requests`,
      ),
    ],
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(root, 'artifacts', 'bench') },
      stack: { type: 'string', multiple: true, default: [] },
      part: { type: 'string', multiple: true, default: [...PARTS] },
    },
  });
  const unknown = values.part.filter(
    p => !(PARTS as readonly string[]).includes(p),
  );
  if (unknown.length)
    throw new Error(
      `unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`,
    );
  const quick = values.quick;

  let passed = 0;
  const failures: string[] = [];
  const sections: Report['sections'] = [];
  let render: RenderFigures[] = [];
  let tasks: TaskFigures | undefined;
  let services: ServiceFigures[] = [];
  if (values.part.includes('render')) {
    const part = await renderPart(quick, values.stack);
    render = part.figures;
    passed += part.passed;
    failures.push(...part.failures);
    sections.push({
      title: 'Render, in process and warm (ms)',
      ...renderRows(render),
    });
  }
  if (values.part.includes('tasks')) {
    try {
      const part = await tasksPart(quick);
      tasks = part.figures;
      passed += part.passed;
      failures.push(...part.failures);
      sections.push({
        title: 'Tasks through the REST API (ms)',
        ...taskRows(tasks),
      });
    } catch (error) {
      failures.push(`tasks: ${(error as Error).message}`);
    }
  }

  if (values.part.includes('services')) {
    const load = SERVICE_LOAD[quick ? 'quick' : 'full'];
    const part = await servicesPart(load, values.stack);
    services = part.figures;
    passed += part.passed;
    failures.push(...part.failures);
    sections.push({
      title: `Generated services under load (wrk, ${load.seconds} s at ${load.connections} connections after ${load.warmupSeconds} s of warm-up; floor: pgbench on the same SQL)`,
      ...serviceRows(services),
    });
  }

  const report: Report = {
    when: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: machine(),
    render,
    tasks,
    services,
    sections,
  };
  const written = writeReport(values.out, report);
  process.stdout.write(
    [
      '',
      ...sections.flatMap(s => [s.title, ...s.rows.map(r => r.join('  ')), '']),
      `Wrote ${written.join(', ')}`,
      ...failures,
      `${passed} passed, ${failures.length} failed`,
      '',
    ].join('\n'),
  );
  if (failures.length) process.exitCode = 1;
}

// The booted services run in process groups of their own: end them and PostgreSQL on every exit.
process.on('exit', () => {
  killAllGroups();
  releaseAll();
});
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => process.exit(code));
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
