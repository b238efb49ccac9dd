import type nunjucks from 'nunjucks';
import { InputError } from '@backstage/errors';
import type { FieldSpec, ServiceSpec } from '../request';
import type { Layer, Stack, StackManifest } from './blueprint';
import { commandRoleApplies, type CommandRole } from './manifest';
import { evaluateCondition } from './environment';
import type { BlueprintCatalog } from './loadBlueprints';
import {
  renderBlueprint,
  renderFragments,
  type Fragment,
} from './renderBlueprint';
import { renderManifestValues } from './renderManifest';
import { describeOrigin, type RenderedFile } from './renderedFile';

/** The roles of a developer's first run after cloning, shown in this order of the manifest. */
const QUICK_START_ROLES: readonly CommandRole[] = [
  'setup',
  'activate',
  'install',
  'database',
  'migrate',
  'test',
  'start',
];

/** The stack as blueprint files see it: its manifest, rendered, and its commands by role. */
export type StackContext = StackManifest & {
  /** The `run` of each declared command, by role: `stack.command.test`. */
  command: Partial<Record<CommandRole, string>>;
  /**
   * The commands of a first run after cloning, in the manifest's order: what the README, the
   * TechDocs and the task's Next steps show.
   */
  quickStart: StackManifest['commands'];
};

/** A resource field with the stack's words for its type (`field.types.column`). */
export type StackField = FieldSpec & { types: Record<string, string> };

/** What every blueprint file sees. */
export interface RenderContext {
  spec: ServiceSpec;
  stack: StackContext;
  /** The resource's fields, each with its type in the stack's words (its `language.types` row). */
  fields: StackField[];
  /** Facts the selected layers provide, by role (`provided.deployment.image`). */
  provided: Record<string, Record<string, unknown>>;
  /** Text the stack and selected layers contribute, by slot (`fragments.readme`). */
  fragments: Record<string, Fragment[]>;
  /** The service's OpenAPI document: the API contract, as committed in `openapi.json`. */
  openapi: Record<string, unknown>;
}

export interface ComposedService {
  stack: Stack;
  layers: Layer[];
  context: RenderContext;
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

/** The stack's manifest with its `{{ }}` values rendered for this request. */
export function stackContext(
  stack: Stack,
  environment: nunjucks.Environment,
  spec: ServiceSpec,
): StackContext {
  // language.types rows are rendered per field (see stackFields), not here.
  const { types, ...language } = stack.manifest.language;
  const rendered = renderManifestValues(
    { ...stack.manifest, language },
    environment,
    `stack "${stack.manifest.name}" manifest`,
    { spec, stack: stack.manifest },
  );
  const manifest = { ...rendered, language: { ...rendered.language, types } };
  return {
    ...manifest,
    // What this service's developers run: a command whose role does not apply is left out.
    commands: manifest.commands.filter(
      c => commandRoleApplies[c.role]?.(spec) ?? true,
    ),
    command: Object.fromEntries(manifest.commands.map(c => [c.role, c.run])),
    quickStart: manifest.commands.filter(c =>
      QUICK_START_ROLES.includes(c.role),
    ),
  };
}

/** Each field with its type's row of the stack's `language.types`, rendered for that field. */
function stackFields(
  stack: StackContext,
  environment: nunjucks.Environment,
  spec: ServiceSpec,
): StackField[] {
  return spec.resource.fields.map(field => ({
    ...field,
    types: renderManifestValues(
      stack.language.types[field.type],
      environment,
      `stack "${stack.name}" language.types.${field.type}`,
      { spec, field },
    ),
  }));
}

/** Whether the request chose this layer (its option) and its condition holds. */
function isChosen(
  layer: Layer,
  environment: nunjucks.Environment,
  context: object,
  spec: ServiceSpec,
): boolean {
  const { option, when, name } = layer.manifest;
  if (option && spec.options[option.name] !== option.value) return false;
  return when
    ? evaluateCondition(environment, `layer "${name}" when`, when, context)
    : true;
}

/**
 * The layers a request switches on: a layer that implements a form option is included when the
 * spec chose that value, a layer with a condition when it holds, any other layer always; then a
 * layer that requires a role is kept only while some other kept layer provides it.
 */
export function selectLayers(
  catalog: BlueprintCatalog,
  environment: nunjucks.Environment,
  spec: ServiceSpec,
  stack: StackContext,
): Layer[] {
  let selected = [...catalog.layers.values()]
    .filter(layer => isChosen(layer, environment, { spec, stack }, spec))
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  for (;;) {
    const provided = new Set(
      selected.flatMap(layer => Object.keys(layer.manifest.provides)),
    );
    const kept = selected.filter(layer =>
      layer.manifest.requires.every(role => provided.has(role)),
    );
    if (kept.length === selected.length) return kept;
    selected = kept;
  }
}

/** The selected layers' `provides`, rendered, by role; a role provided twice is an authoring error. */
function providedFacts(
  layers: Layer[],
  environment: nunjucks.Environment,
  context: object,
): RenderContext['provided'] {
  const provided: RenderContext['provided'] = {};
  const providers = new Map<string, string>();
  for (const layer of layers) {
    for (const [role, facts] of Object.entries(layer.manifest.provides)) {
      const other = providers.get(role);
      if (other) {
        throw new Error(
          `Layers "${other}" and "${layer.manifest.name}" both provide "${role}"`,
        );
      }
      providers.set(role, layer.manifest.name);
      provided[role] = renderManifestValues(
        facts,
        environment,
        `layer "${layer.manifest.name}" provides.${role}`,
        context,
      );
    }
  }
  return provided;
}

/**
 * Renders the stack and its layers: manifests first, then fragments (stack first, then layers by
 * name), then files, which see both. Two blueprints writing the same path is an authoring error.
 */
export function composeService(
  catalog: BlueprintCatalog,
  environment: nunjucks.Environment,
  spec: ServiceSpec,
  openapi: Record<string, unknown>,
): ComposedService {
  const stack = stackFor(catalog, spec);
  const stackFacts = stackContext(stack, environment, spec);
  const layers = selectLayers(catalog, environment, spec, stackFacts);
  const provided = providedFacts(layers, environment, {
    spec,
    stack: stackFacts,
  });
  const blueprints = [stack, ...layers];

  const fragments: Record<string, Fragment[]> = {};
  const fragmentContext = { spec, stack: stackFacts, provided, openapi };
  for (const blueprint of blueprints) {
    for (const [slot, list] of renderFragments(
      blueprint,
      environment,
      fragmentContext,
    )) {
      (fragments[slot] ??= []).push(...list);
    }
  }

  const context: RenderContext = {
    spec,
    stack: stackFacts,
    fields: stackFields(stackFacts, environment, spec),
    provided,
    fragments,
    openapi,
  };
  const byPath = new Map<string, RenderedFile>();
  for (const blueprint of blueprints) {
    for (const file of renderBlueprint(blueprint, environment, context)) {
      const existing = byPath.get(file.path);
      if (existing) {
        throw new Error(
          `Two blueprints write ${file.path}: ${describeOrigin(existing.origin)} and ${describeOrigin(file.origin)}`,
        );
      }
      byPath.set(file.path, file);
    }
  }
  const files = [...byPath.values()].sort((a, b) =>
    a.path < b.path ? -1 : Number(a.path > b.path),
  );
  return { stack, layers, context, files };
}
