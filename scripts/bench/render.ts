/**
 * Render speed, in process and warm, for every installed stack with every option on: ours
 * (render + write), Backstage's fetch:template and copier (API and CLI) on the identical tree, and
 * the floor (writing the same files from memory; copying the rendered tree).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import {
  writeRenderedFiles,
  type RenderedService,
  type ServiceRenderer,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { copierSkeleton, fetchTemplateSkeleton } from './skeletons';
import { measureInterleaved, summarise, type Timing } from './stats';
import { EVERY_FIELD_TYPE } from '../verify/variants';
import { treeDifference } from './trees';

export interface RenderFigures {
  stack: string;
  files: number;
  bytes: number;
  ours: Timing;
  oursRenderOnly: Timing;
  fetchTemplate: Timing;
  copierApi: Timing;
  copierCli: Timing;
  floorWrite: Timing;
  floorCopy: Timing;
}

export interface RenderOptions {
  runs: number;
  cliRuns: number;
  limitMs: number;
  /** The python executable of a venv with copier installed. */
  copierPython: string;
  workDir: string;
}

/** Every option on: JWT, tracing, metrics, CI and Helm, and the harness's field of every type. */
export function everyOptionOn(stack: string) {
  return {
    stack,
    name: 'orders-service',
    owner: 'group:default/team-a',
    repoUrl: 'github.com?owner=acme&repo=orders-service',
    resource: 'order_line',
    auth: 'jwt',
    jwtIssuer: 'https://auth.acme.io/',
    metrics: true,
    tracing: true,
    ci: 'github-actions',
    deployment: 'helm',
    fields: EVERY_FIELD_TYPE,
  };
}

/** What an action sees when a task runs it, minus what fetch:template does not use. */
function actionContext(
  workspacePath: string,
  input: object,
  baseUrl: string,
): any {
  const quiet = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child: () => quiet,
  };
  return {
    input,
    workspacePath,
    logger: quiet,
    output() {},
    checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(`${workspacePath}-tmp-`),
    getInitiatorCredentials: async () => ({}),
    templateInfo: { entityRef: 'template:default/bench', baseUrl },
    isDryRun: false,
    signal: new AbortController().signal,
  };
}

function freshDirectory(root: string): string {
  return fs.mkdtempSync(path.join(root, 'run-'));
}

/** Ours: render only, and render plus writing the files (what the action does). */
function ourContenders(
  renderer: ServiceRenderer,
  values: object,
  options: RenderOptions,
) {
  const target = path.join(options.workDir, 'ours');
  fs.mkdirSync(target, { recursive: true });
  return {
    ours: async () => {
      const service = await renderer.render(values);
      await writeRenderedFiles(freshDirectory(target), service.files);
    },
    oursRenderOnly: async () => {
      await renderer.render(values);
    },
  };
}

async function fetchTemplateContender(
  service: RenderedService,
  options: RenderOptions,
) {
  const root = path.join(options.workDir, 'fetch-template');
  const skeleton = fetchTemplateSkeleton(service, path.join(root, 'skeleton'));
  const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
  const action = createFetchTemplateAction({
    reader: {
      readUrl: async () => {
        throw new Error('unused');
      },
      readTree: async () => {
        throw new Error('unused');
      },
      search: async () => {
        throw new Error('unused');
      },
    } as any,
    integrations,
  });
  const runOnce = async (workspacePath: string) => {
    await action.handler(
      actionContext(
        workspacePath,
        {
          url: './skeleton',
          values: skeleton.values,
          copyWithoutTemplating: skeleton.verbatim,
        },
        `file://${path.join(root, 'template.yaml')}`,
      ),
    );
  };
  const sample = path.join(root, 'sample');
  await runOnce(sample);
  return {
    contender: async () => {
      await runOnce(freshDirectory(root));
    },
    sample,
  };
}

function timeCopier(service: RenderedService, options: RenderOptions) {
  const root = path.join(options.workDir, 'copier');
  copierSkeleton(service, root);
  const result = spawnSync(
    options.copierPython,
    [
      path.join(__dirname, 'copierTiming.py'),
      root,
      path.join(root, 'out'),
      String(options.runs),
      String(options.cliRuns),
      String(options.limitMs / 1000),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new Error(`copier timing failed: ${result.stderr.slice(-2000)}`);
  }
  const { api, cli } = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
  return {
    api: summarise(api),
    cli: summarise(cli),
    sample: path.join(root, 'out', 'sample'),
  };
}

/** The floor: the same files written from memory, one after another; and `cp -r` of the tree. */
function floorContenders(
  service: RenderedService,
  options: RenderOptions,
  tree: string,
) {
  const root = path.join(options.workDir, 'floor');
  fs.mkdirSync(root, { recursive: true });
  return {
    floorWrite: async () => {
      const out = freshDirectory(root);
      for (const file of service.files) {
        const target = path.join(out, file.path);
        await fsp.mkdir(path.dirname(target), { recursive: true });
        await fsp.writeFile(target, file.content, {
          mode: file.executable ? 0o755 : 0o644,
        });
      }
    },
    floorCopy: async () => {
      const out = path.join(freshDirectory(root), 'copy');
      const copied = spawnSync('cp', ['-r', tree, out]);
      if (copied.status !== 0) throw new Error('cp -r failed');
    },
  };
}

/** Renders one stack every way, checks the trees are identical, and returns the timings. */
export async function benchmarkRender(
  renderer: ServiceRenderer,
  stack: string,
  options: RenderOptions,
): Promise<RenderFigures> {
  const values = everyOptionOn(stack);
  const service = await renderer.render(values);
  const reference = path.join(options.workDir, 'reference');
  await writeRenderedFiles(reference, service.files);

  const fetchTemplate = await fetchTemplateContender(service, options);
  // The in-process contenders in rounds (their ratios are what counts); copier in its own
  // process, after them.
  const timings = await measureInterleaved(
    {
      ...ourContenders(renderer, values, options),
      fetchTemplate: fetchTemplate.contender,
      ...floorContenders(service, options, reference),
    },
    { runs: options.runs, warmup: 3, limitMs: options.limitMs },
  );
  const copier = timeCopier(service, options);
  for (const [name, tree] of [
    ['fetch:template', fetchTemplate.sample],
    ['copier', copier.sample],
  ] as const) {
    const difference = treeDifference(reference, tree);
    if (difference) {
      throw new Error(
        `${name} did not write the identical tree for ${stack}: ${difference}`,
      );
    }
  }
  fs.rmSync(options.workDir, { recursive: true, force: true });
  return {
    stack,
    files: service.files.length,
    bytes: service.files.reduce((sum, file) => sum + file.content.length, 0),
    ours: timings.ours,
    oursRenderOnly: timings.oursRenderOnly,
    fetchTemplate: timings.fetchTemplate,
    copierApi: copier.api,
    copierCli: copier.cli,
    floorWrite: timings.floorWrite,
    floorCopy: timings.floorCopy,
  };
}

/** Each timing of a stack's figures, and whether it holds at least one finite run. */
export function measuredFigures(
  figures: RenderFigures,
): { name: string; ok: boolean }[] {
  const timings: [string, Timing][] = [
    ['ours', figures.ours],
    ['ours, render only', figures.oursRenderOnly],
    ['fetch:template', figures.fetchTemplate],
    ['copier API', figures.copierApi],
    ['copier CLI', figures.copierCli],
    ['floor: write', figures.floorWrite],
    ['floor: cp -r', figures.floorCopy],
  ];
  return timings.map(([name, timing]) => ({
    name: `render ${figures.stack}: ${name}`,
    ok: timing.runs > 0 && Number.isFinite(timing.p50) && timing.p50 > 0,
  }));
}

export const defaultWorkDir = () =>
  fs.mkdtempSync(path.join(os.tmpdir(), 'bench-render-'));
