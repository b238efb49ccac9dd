/** The benchmark's report: JSON, a Markdown table and an SVG chart of the ratios. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RenderFigures } from './render';
import type { ServiceFigures } from './services';
import type { Timing } from './stats';
import type { TaskFigures } from './tasks';

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpu: string;
  node: string;
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
}

export interface Report {
  when: string;
  mode: 'full' | 'quick';
  machine: Machine;
  render: RenderFigures[];
  tasks?: TaskFigures;
  services: ServiceFigures[];
  sections: (Table & { title: string })[];
}

/** A table of the report: its column names and its rows of cells. */
export interface Table {
  header: string[];
  rows: string[][];
}

const ms = (t: Timing) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;

/** The issue's goals for render: at least 5× fetch:template, 20× copier, at most 3× the floor. */
export const RENDER_GOALS = {
  fetchTemplate: 5,
  copierApi: 20,
  floorWrite: 3,
} as const;

/** `12.3× ✓`: a ratio of p50s and whether it meets its goal (at least, or at most). */
function ratio(a: Timing, b: Timing, goal: number, atMost = false): string {
  const value = a.p50 / b.p50;
  const met = atMost ? value <= goal : value >= goal;
  return `${value.toFixed(1)}× ${met ? '✓' : '✗'}`;
}

/** How many times slower than ours each peer is, and how far ours is above the floor. */
export function renderRows(figures: RenderFigures[]): Table {
  return {
    header: [
      'stack',
      'files (KB)',
      'ours ms p50/p95',
      'fetch:template',
      'copier API',
      'copier CLI',
      'floor: write',
      'floor: cp -r',
      `fetch:template ÷ ours (goal ≥ ${RENDER_GOALS.fetchTemplate}×)`,
      `copier API ÷ ours (goal ≥ ${RENDER_GOALS.copierApi}×)`,
      `ours ÷ floor write (goal ≤ ${RENDER_GOALS.floorWrite}×)`,
      // What even a renderer that took no time could reach: the files must still be written.
      'ceiling: fetch:template ÷ floor write',
    ],
    rows: figures.map(f => [
      f.stack,
      `${f.files} (${Math.round(f.bytes / 1024)})`,
      ms(f.ours),
      ms(f.fetchTemplate),
      ms(f.copierApi),
      ms(f.copierCli),
      ms(f.floorWrite),
      ms(f.floorCopy),
      ratio(f.fetchTemplate, f.ours, RENDER_GOALS.fetchTemplate),
      ratio(f.copierApi, f.ours, RENDER_GOALS.copierApi),
      ratio(f.ours, f.floorWrite, RENDER_GOALS.floorWrite, true),
      `${(f.fetchTemplate.p50 / f.floorWrite.p50).toFixed(1)}×`,
    ]),
  };
}

/** The issue's goals for tasks: p50 ≤ 0.75 s, 20 concurrent in ≤ 10 s, RSS growth < 50 MiB. */
export const TASK_GOALS = {
  p50Ms: 750,
  concurrentWallMs: 10_000,
  rssGrowthMiB: 50,
} as const;

const mark = (met: boolean) => (met ? '✓' : '✗');

export function taskRows(figures: TaskFigures): Table {
  const { sequential, concurrent, rss } = figures;
  const growth = rss.afterMiB - rss.beforeMiB;
  return {
    header: ['figure', 'measured', 'goal'],
    rows: [
      [`dry run (${figures.dryRun.runs})`, `${ms(figures.dryRun)} p50/p95`, ''],
      [
        `task, POST to completed (${sequential.runs} sequential)`,
        `${ms(sequential)} p50/p95`,
        `p50 ≤ ${TASK_GOALS.p50Ms} ${mark(sequential.p50 <= TASK_GOALS.p50Ms)}`,
      ],
      ...Object.entries(figures.steps).map(([step, timing]) => [
        `  step ${step}`,
        `${ms(timing)} p50/p95`,
        '',
      ]),
      [
        `${concurrent.tasks} tasks at once`,
        `${Math.round(concurrent.wallMs)} wall, ${concurrent.completed} completed, ${concurrent.failed} failed`,
        `≤ ${TASK_GOALS.concurrentWallMs}, 0 failed ${mark(concurrent.wallMs <= TASK_GOALS.concurrentWallMs && concurrent.failed === 0)}`,
      ],
      [
        `backend RSS over ${rss.tasks} tasks (MiB)`,
        `${rss.beforeMiB.toFixed(0)} → ${rss.afterMiB.toFixed(0)} (${growth >= 0 ? '+' : ''}${growth.toFixed(0)}), ${rss.failed} failed`,
        `growth < ${TASK_GOALS.rssGrowthMiB} ${mark(growth < TASK_GOALS.rssGrowthMiB)}`,
      ],
    ],
  };
}

/**
 * The issue's goals for generated services: requests per second as a share of the floor (pgbench
 * on the same SQL), per language; a stack without one (a platform team's own) shows none.
 */
export const SERVICE_GOALS_PERCENT: Record<string, number> = {
  'python-fastapi': 3,
  'node-typescript': 8,
  'go-gin': 15,
  'java-spring-boot': 15,
};

/** A service's requests per second as a percentage of the floor's transactions per second. */
export function percentOfFloor(perSecond: number, floorTps: number): number {
  return (100 * perSecond) / floorTps;
}

export function serviceRows(figures: ServiceFigures[]): Table {
  return {
    header: [
      'stack',
      'start to ready (ms)',
      'RSS idle / under load (MiB)',
      'endpoint',
      'req/s',
      'latency p50 / p99 (ms)',
      'errors',
      'floor: pgbench tps',
      'service ÷ floor (goal)',
    ],
    rows: figures.flatMap(f =>
      Object.entries(f.endpoints).map(
        ([endpoint, { service, floorTps }], i) => {
          const goal = SERVICE_GOALS_PERCENT[f.stack];
          const percent = percentOfFloor(service.perSecond, floorTps);
          return [
            i === 0 ? f.stack : '',
            i === 0 ? String(Math.round(f.startToReadyMs)) : '',
            i === 0
              ? `${f.rssIdleMiB.toFixed(0)} / ${f.rssLoadMiB.toFixed(0)}`
              : '',
            endpoint,
            service.perSecond.toFixed(0),
            `${service.p50Ms.toFixed(1)} / ${service.p99Ms.toFixed(1)}`,
            String(service.errors),
            floorTps.toFixed(0),
            `${percent.toFixed(2)} %${goal === undefined ? '' : ` (≥ ${goal} % ${mark(percent >= goal)})`}`,
          ];
        },
      ),
    ),
  };
}

export function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** A horizontal bar chart: one bar per (label, value): ratios on a log scale, or percentages. */
export function svgChart(
  title: string,
  bars: { label: string; value: number }[],
  unit: '×' | '%' = '×',
): string {
  const width = 720;
  const rowHeight = 26;
  const left = 260;
  const height = 40 + bars.length * rowHeight;
  const max = Math.max(...bars.map(b => b.value), 1);
  const scale = (v: number) =>
    (unit === '%'
      ? v / max
      : Math.log10(Math.max(v, 1)) / Math.log10(Math.max(max, 10))) *
    (width - left - 60);
  const escape = (text: string) =>
    text.replace(/[<&>]/g, c => `&#${c.charCodeAt(0)};`);
  const rows = bars.map((bar, i) => {
    const y = 30 + i * rowHeight;
    const w = Math.max(2, scale(bar.value));
    return [
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${w.toFixed(1)}" height="16" fill="#3b7dd8"/>`,
      `<text x="${left + w + 6}" y="${y + 16}">${bar.value.toFixed(1)}${unit === '%' ? ' %' : '×'}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<text x="10" y="18" font-weight="bold">${escape(title)}</text>`,
    ...rows,
    '</svg>',
  ].join('\n');
}

export function writeReport(directory: string, report: Report): string[] {
  fs.mkdirSync(directory, { recursive: true });
  const json = path.join(directory, 'report.json');
  const markdown = path.join(directory, 'report.md');
  const svg = path.join(directory, 'ratios.svg');
  const servicesSvg = path.join(directory, 'services.svg');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  const m = report.machine;
  fs.writeFileSync(
    markdown,
    [
      `Benchmark (${report.mode}), ${report.when}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.cpu}, Node ${m.node}.`,
      '',
      ...report.sections.flatMap(section => [
        `### ${section.title}`,
        '',
        markdownTable(section.header, section.rows),
        '',
      ]),
    ].join('\n'),
  );
  const bars = report.render.flatMap(f => [
    {
      label: `${f.stack}: fetch:template ÷ ours`,
      value: f.fetchTemplate.p50 / f.ours.p50,
    },
    {
      label: `${f.stack}: copier API ÷ ours`,
      value: f.copierApi.p50 / f.ours.p50,
    },
    { label: `${f.stack}: ours ÷ floor`, value: f.ours.p50 / f.floorWrite.p50 },
  ]);
  fs.writeFileSync(
    svg,
    svgChart('Render: ratios of p50 times (log scale)', bars),
  );
  fs.writeFileSync(
    servicesSvg,
    svgChart(
      'Generated services: req/s as a share of pgbench on the same SQL',
      report.services.flatMap(f =>
        Object.entries(f.endpoints).map(([endpoint, e]) => ({
          label: `${f.stack}: ${endpoint}`,
          value: percentOfFloor(e.service.perSecond, e.floorTps),
        })),
      ),
      '%',
    ),
  );
  return [json, markdown, svg, servicesSvg];
}
