/**
 * Renders the layer-lint matrix through the real renderer: the default stack × every CI provider
 * (and none) × every deployment (and none), every other stack with pairs covering each CI
 * provider and each deployment, plus a hostile description, and per stack a user owner with a
 * platform's own image registry. The test-only fixture stacks (scripts/fixtures/blueprints:
 * a stack in a language we do not ship) are always loaded after the built-in blueprints, so the
 * matrix proves that a stack is one folder: every layer renders and lints for it unchanged.
 *
 * Beside each service directory it writes
 * - `<case>.origins.tsv`: path, blueprint, source file (the linters name the layer of a finding);
 * - `<case>.blueprints.json`: the folders of the stack and the selected layers, and the names of
 *   every installed stack, language, layer and option value (the layer-rules linter checks that
 *   no layer file names them).
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs scripts/lint-layers/render-matrix.ts \
 *     --out DIR [--blueprints DIR ...] [--case NAME ...] [--no-fixtures]
 *
 * Prints one line per case: `<case>\t<stack>\t<ci>\t<deployment>` (after rendering it).
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeOrigin,
  type RenderedFile,
  type ServiceRenderer,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { createScriptRenderer, renderToDirectory } from '../lib/renderService';

const HOSTILE_DESCRIPTION = `Says "hi": a #test, {x} & it's $HOME \`id\` ; --- \\n <b>|</b>`;

/** Test-only blueprints (stacks in languages we do not ship), loaded after the built-in ones. */
export const FIXTURE_BLUEPRINTS = resolve(__dirname, '../fixtures/blueprints');

/** The options the matrix crosses; any other option a layer offers keeps its default. */
const NONE = 'none';

interface Case {
  name: string;
  input: Record<string, unknown>;
  /** A platform's own registry instead of ghcr.io (`microserviceScaffolder.imageRegistry`). */
  imageRegistry?: string;
}

/**
 * Pairs that give every CI value and every deployment value at least once, each CI value with a
 * different deployment where there are enough: what a stack adds to the layers (its facts,
 * fragments, image) reaches every layer, in a quarter of the full product.
 */
function covering(ci: string[], deployment: string[]): [string, string][] {
  const count = Math.max(ci.length, deployment.length);
  return Array.from({ length: count }, (_, i) => [
    ci[i % ci.length],
    deployment[(i + 1) % deployment.length],
  ]);
}

function casesFor(choices: ServiceRenderer['choices']): Case[] {
  // An option nobody installed (no CI layer at all) is just "none".
  const ci = choices.options.ci ?? [NONE];
  const deployment = choices.options.deployment ?? [NONE];
  const cases: Case[] = [];
  // The default stack gets the whole CI × deployment product and the hostile and user-owner
  // cases; every other stack the covering pairs (layers are the same files for every stack).
  const [primary, ...others] = choices.stacks;
  const matrix = (stack: string, pairs: [string, string][]) => {
    for (const [c, d] of pairs) {
      cases.push({
        name: `${stack}--${c}--${d}`,
        // A custom domain and size, so the linters see the values the form passes through;
        // published docs (the other cases keep the default: the API only).
        input: {
          stack,
          ci: c,
          deployment: d,
          tracing: true,
          auth: 'jwt',
          domain: 'apps.acme.io',
          productionReplicas: 4,
          publicApiDocs: true,
        },
      });
    }
  };
  matrix(
    primary,
    ci.flatMap(c => deployment.map(d => [c, d] as [string, string])),
  );
  for (const stack of others) matrix(stack, covering(ci, deployment));

  // YAML/shell/Groovy metacharacters in the one free-text answer, every file that quotes it.
  for (const [c, d] of [
    ['github-actions', 'helm'],
    ['gitlab-ci', 'kubernetes'],
    ['jenkins', 'helm'],
  ]) {
    if (!ci.includes(c) || !deployment.includes(d)) continue;
    cases.push({
      name: `${primary}--${c}--${d}--hostile`,
      input: {
        stack: primary,
        ci: c,
        deployment: d,
        metrics: false,
        description: HOSTILE_DESCRIPTION,
      },
    });
  }
  // Owned by a user rather than a group; no auth, no tracing; a platform's own registry.
  for (const stack of choices.stacks) {
    cases.push({
      imageRegistry: 'registry.acme.io:5000',
      name: `${stack}--${ci[0]}--${deployment[0]}--user-owner--own-registry`,
      input: {
        stack,
        ci: ci[0],
        deployment: deployment[0],
        owner: 'user:default/jdoe',
        auth: 'none',
        tracing: false,
      },
    });
  }
  return cases;
}

/** `<path>\t<blueprint>\t<source>` per file; the renderer's own files have no source. */
function originRow(file: RenderedFile): string {
  const { origin } = file;
  return origin.kind === 'renderer'
    ? `${file.path}\t${describeOrigin(origin)}\t`
    : `${file.path}\t${origin.blueprint}\t${origin.source}`;
}

/** The blueprints a service was rendered from, and every name a layer must not write. */
function blueprintsOf(
  renderer: ServiceRenderer,
  stackName: string,
  layerNames: string[],
) {
  const { stacks, layers } = renderer.catalog;
  const stack = stacks.get(stackName)!;
  return {
    stack: { name: stackName, directory: stack.directory },
    layers: layerNames.map(name => {
      const layer = layers.get(name)!;
      return {
        name,
        directory: layer.directory,
        option: layer.manifest.option ?? null,
      };
    }),
    installed: {
      stacks: [...stacks.values()].map(s => ({
        name: s.manifest.name,
        language: {
          name: s.manifest.language.name,
          title: s.manifest.language.title,
        },
      })),
      layers: [...layers.values()].map(l => ({
        name: l.manifest.name,
        option: l.manifest.option ?? null,
      })),
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      blueprints: { type: 'string', multiple: true, default: [] },
      case: { type: 'string', multiple: true, default: [] },
      'list-stacks': { type: 'boolean', default: false },
      'no-fixtures': { type: 'boolean', default: false },
    },
  });
  const extraBlueprintDirectories = [
    ...(values['no-fixtures'] ? [] : [FIXTURE_BLUEPRINTS]),
    ...values.blueprints,
  ];
  const rendererFor = (imageRegistry?: string) =>
    createScriptRenderer({ extraBlueprintDirectories, imageRegistry });
  const renderer = await rendererFor();
  if (values['list-stacks']) {
    process.stdout.write(`${renderer.choices.stacks.join('\n')}\n`);
    return;
  }
  if (!values.out) throw new Error('--out DIR is required');
  let cases = casesFor(renderer.choices);
  if (values.case.length) {
    const unknown = values.case.filter(n => !cases.some(c => c.name === n));
    if (unknown.length)
      throw new Error(
        `unknown case ${unknown.join(', ')}; cases: ${cases.map(c => c.name).join(', ')}`,
      );
    cases = cases.filter(c => values.case.includes(c.name));
  }
  for (const c of cases) {
    const dir = join(values.out, c.name);
    const caseRenderer = c.imageRegistry
      ? await rendererFor(c.imageRegistry)
      : renderer;
    const service = await renderToDirectory(caseRenderer, c.input, dir).catch(
      error => {
        throw new Error(`case ${c.name}: ${error.message}`, { cause: error });
      },
    );
    await writeFile(
      `${dir}.origins.tsv`,
      `${service.files.map(originRow).join('\n')}\n`,
    );
    await writeFile(
      `${dir}.blueprints.json`,
      `${JSON.stringify(blueprintsOf(caseRenderer, service.stack, service.layers), null, 2)}\n`,
    );
    process.stdout.write(
      `${c.name}\t${service.stack}\t${c.input.ci}\t${c.input.deployment}\n`,
    );
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
