/**
 * Renders the layer-lint matrix through the real renderer: every installed stack × every CI
 * provider (and none) × every deployment (and none), plus a hostile description, and a user owner
 * with a platform's own image registry.
 * Beside each service directory it writes `<case>.origins.tsv` (path, blueprint, source file) so
 * the linter can name the layer a finding belongs to.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs scripts/lint-layers/render-matrix.ts \
 *     --out DIR [--blueprints DIR ...] [--case NAME ...]
 *
 * Prints one line per case: `<case>\t<stack>\t<ci>\t<deployment>` (after rendering it).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScriptRenderer, renderToDirectory } from '../lib/renderService';

const HOSTILE_DESCRIPTION = `Says "hi": a #test, {x} & it's $HOME \`id\` ; --- \\n <b>|</b>`;

interface Case {
  name: string;
  input: Record<string, unknown>;
  /** A platform's own registry instead of ghcr.io (`microserviceScaffolder.imageRegistry`). */
  imageRegistry?: string;
}

function casesFor(choices: {
  stacks: string[];
  ci: string[];
  deployment: string[];
}): Case[] {
  const cases: Case[] = [];
  for (const stack of choices.stacks) {
    for (const ci of choices.ci) {
      for (const deployment of choices.deployment) {
        cases.push({
          name: `${stack}--${ci}--${deployment}`,
          // A custom domain and size, so the linters see the values the form passes through.
          input: {
            stack,
            ci,
            deployment,
            tracing: true,
            auth: 'jwt',
            domain: 'apps.acme.io',
            productionReplicas: 4,
          },
        });
      }
    }
    // YAML/shell/Groovy metacharacters in the one free-text answer, every file that quotes it.
    for (const [ci, deployment] of [
      ['github-actions', 'helm'],
      ['gitlab-ci', 'kubernetes'],
      ['jenkins', 'helm'],
    ]) {
      if (!choices.ci.includes(ci) || !choices.deployment.includes(deployment))
        continue;
      cases.push({
        name: `${stack}--${ci}--${deployment}--hostile`,
        input: {
          stack,
          ci,
          deployment,
          metrics: false,
          description: HOSTILE_DESCRIPTION,
        },
      });
    }
    // Owned by a user rather than a group; no auth, no tracing; a platform's own registry.
    cases.push({
      imageRegistry: 'registry.acme.io:5000',
      name: `${stack}--${choices.ci[0]}--${choices.deployment[0]}--user-owner--own-registry`,
      input: {
        stack,
        ci: choices.ci[0],
        deployment: choices.deployment[0],
        owner: 'user:default/jdoe',
        auth: 'none',
        tracing: false,
      },
    });
  }
  return cases;
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      blueprints: { type: 'string', multiple: true, default: [] },
      case: { type: 'string', multiple: true, default: [] },
      'list-stacks': { type: 'boolean', default: false },
    },
  });
  const rendererFor = (imageRegistry?: string) =>
    createScriptRenderer({
      extraBlueprintDirectories: values.blueprints,
      imageRegistry,
    });
  const renderer = await rendererFor();
  if (values['list-stacks']) {
    process.stdout.write(`${renderer.choices.stacks.join('\n')}\n`);
    return;
  }
  if (!values.out) throw new Error('--out DIR is required');
  let cases = casesFor(renderer.choices);
  if (values.case.length)
    cases = cases.filter(c => values.case.includes(c.name));
  for (const c of cases) {
    const dir = join(values.out, c.name);
    const service = await renderToDirectory(
      c.imageRegistry ? await rendererFor(c.imageRegistry) : renderer,
      c.input,
      dir,
    );
    const origins = service.files.map(file => {
      // `layer "helm", file deploy/helm/...` (see engine/renderBlueprint.ts)
      const match = /^(\w+) "([^"]+)", file (.*)$/.exec(file.origin);
      const blueprint = match ? match[2] : file.origin;
      const source = match ? match[3] : '';
      return `${file.path}\t${blueprint}\t${source}`;
    });
    await writeFile(`${dir}.origins.tsv`, `${origins.join('\n')}\n`);
    process.stdout.write(
      `${c.name}\t${service.stack}\t${c.input.ci}\t${c.input.deployment}\n`,
    );
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
