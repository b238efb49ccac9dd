import type nunjucks from 'nunjucks';
import { InputError } from '@backstage/errors';
import type { ServiceSpec } from '../spec/serviceSpec';
import type { Layer, Stack } from './blueprint';
import { evaluateCondition } from './environment';
import type { BlueprintCatalog } from './loadBlueprints';
import { renderBlueprint } from './renderBlueprint';
import type { RenderedFile } from './renderedFile';

/** What every blueprint file sees. */
export interface RenderContext {
  spec: ServiceSpec;
  stack: {
    name: string;
    title: string;
    version: string;
    facts: Stack['manifest']['facts'];
  };
}

export interface ComposedService {
  stack: Stack;
  layers: Layer[];
  files: RenderedFile[];
}

export function stackFor(catalog: BlueprintCatalog, spec: ServiceSpec): Stack {
  const stack = catalog.stacks.get(spec.stack);
  if (!stack) {
    const known = [...catalog.stacks.keys()].join(', ');
    throw new InputError(`Unknown stack "${spec.stack}"; available: ${known}`);
  }
  return stack;
}

export function renderContextFor(
  spec: ServiceSpec,
  stack: Stack,
): RenderContext {
  const { name, title, version, facts } = stack.manifest;
  return { spec, stack: { name, title, version, facts } };
}

/**
 * The layers a request switches on: a layer that implements a form option is included when the
 * spec chose that value, a layer with a condition when it holds, any other layer always.
 */
export function selectLayers(
  catalog: BlueprintCatalog,
  environment: nunjucks.Environment,
  context: RenderContext,
): Layer[] {
  return [...catalog.layers.values()]
    .filter(layer => {
      const { option, when, name } = layer.manifest;
      if (option) {
        const chosen = (context.spec as unknown as Record<string, unknown>)[
          option.name
        ];
        if (chosen !== option.value) return false;
      }
      return when
        ? evaluateCondition(environment, `layer "${name}" when`, when, context)
        : true;
    })
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** Renders the stack and its layers; two blueprints writing the same path is an authoring error. */
export async function composeService(
  catalog: BlueprintCatalog,
  environment: nunjucks.Environment,
  spec: ServiceSpec,
): Promise<ComposedService> {
  const stack = stackFor(catalog, spec);
  const context = renderContextFor(spec, stack);
  const layers = selectLayers(catalog, environment, context);

  const byPath = new Map<string, RenderedFile>();
  for (const blueprint of [stack, ...layers]) {
    for (const file of await renderBlueprint(blueprint, environment, context)) {
      const existing = byPath.get(file.path);
      if (existing) {
        throw new Error(
          `Two blueprints write ${file.path}: ${existing.origin} and ${file.origin}`,
        );
      }
      byPath.set(file.path, file);
    }
  }
  const files = [...byPath.values()].sort((a, b) =>
    a.path.localeCompare(b.path),
  );
  return { stack, layers, files };
}
