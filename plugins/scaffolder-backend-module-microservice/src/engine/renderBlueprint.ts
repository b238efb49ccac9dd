import { Minimatch } from 'minimatch';
import type nunjucks from 'nunjucks';
import type { Blueprint, SourceFile } from './blueprint';
import { evaluateCondition, renderTemplate } from './environment';
import { describeOrigin, type RenderedFile } from './renderedFile';
import { assertStructuredFileParses } from './structuredFiles';

const TEMPLATE_SUFFIX = '.njk';

export class BlueprintRenderError extends Error {
  constructor(origin: string, cause: unknown) {
    super(`${origin}: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'BlueprintRenderError';
  }
}

/** Each blueprint's condition globs, compiled once. */
const compiledConditions = new WeakMap<
  Blueprint,
  [Minimatch, string, string][]
>();

function conditionsOf(blueprint: Blueprint): [Minimatch, string, string][] {
  let compiled = compiledConditions.get(blueprint);
  if (!compiled) {
    compiled = Object.entries(blueprint.manifest.conditions).map(
      ([glob, expression]) => [
        new Minimatch(glob, { dot: true }),
        glob,
        expression,
      ],
    );
    compiledConditions.set(blueprint, compiled);
  }
  return compiled;
}

function isIncluded(
  blueprint: Blueprint,
  sourcePath: string,
  environment: nunjucks.Environment,
  context: object,
): boolean {
  return conditionsOf(blueprint)
    .filter(([matcher]) => matcher.match(sourcePath))
    .every(([, glob, expression]) =>
      evaluateCondition(
        environment,
        `${blueprint.manifest.name} condition "${glob}"`,
        expression,
        context,
      ),
    );
}

/** A source rendered at its rendered path, or undefined when a condition or an empty path segment switches it off. */
function renderSource(
  blueprint: Blueprint,
  group: 'files' | 'fragments',
  source: SourceFile,
  environment: nunjucks.Environment,
  context: object,
): RenderedFile | undefined {
  const { kind, name } = blueprint.manifest;
  // Conditions are written against paths as they are under files/ (or fragments/…).
  const conditionPath =
    group === 'files' ? source.path : `${group}/${source.path}`;
  const origin = { kind, blueprint: name, source: conditionPath };
  const described = describeOrigin(origin);
  try {
    if (!isIncluded(blueprint, conditionPath, environment, context)) {
      return undefined;
    }
    const isTemplate = source.path.endsWith(TEMPLATE_SUFFIX);
    const targetPath = renderTemplate(
      environment,
      `${described} (path)`,
      isTemplate ? source.path.slice(0, -TEMPLATE_SUFFIX.length) : source.path,
      context,
    );
    // A path segment rendered empty switches the file off (e.g. `{% if … %}name{% endif %}`).
    if (targetPath.split('/').some(segment => segment === '')) return undefined;
    const content = isTemplate
      ? Buffer.from(
          renderTemplate(
            environment,
            described,
            source.content.toString('utf8'),
            context,
          ),
          'utf8',
        )
      : source.content;
    const file: RenderedFile = {
      path: targetPath,
      content,
      executable: source.executable,
      origin,
    };
    // Only rendered files: a value can break their structure. A verbatim file is exactly what
    // its author wrote, and may be a template language of its own (Helm's `templates/*.yaml`
    // are not YAML until Helm has rendered them).
    if (isTemplate && group === 'files') assertStructuredFileParses(file);
    return file;
  } catch (error) {
    throw error instanceof BlueprintRenderError
      ? error
      : new BlueprintRenderError(described, error);
  }
}

/** Renders one stack or layer's `files/` into files (nothing is written here). */
export function renderBlueprint(
  blueprint: Blueprint,
  environment: nunjucks.Environment,
  context: object,
): RenderedFile[] {
  return blueprint.files.flatMap(
    source =>
      renderSource(blueprint, 'files', source, environment, context) ?? [],
  );
}

/** One rendered fragment: text a blueprint offers to the files of others. */
export interface Fragment {
  /** The blueprint it came from. */
  blueprint: string;
  /** Its name within the slot (the path after `fragments/<slot>/`, rendered, without .njk). */
  name: string;
  content: string;
}

/**
 * Renders a blueprint's `fragments/<slot>/<name>` sources, by slot. The files of every blueprint
 * read them as `fragments.<slot>`: how a README, `.env.example` or a deploy script is assembled
 * from what the stack and the chosen layers contribute, without one naming another.
 */
export function renderFragments(
  blueprint: Blueprint,
  environment: nunjucks.Environment,
  context: object,
): Map<string, Fragment[]> {
  const bySlot = new Map<string, Fragment[]>();
  for (const source of blueprint.fragments) {
    const rendered = renderSource(
      blueprint,
      'fragments',
      source,
      environment,
      context,
    );
    if (!rendered) continue;
    const [slot, ...rest] = rendered.path.split('/');
    if (rest.length === 0) {
      throw new BlueprintRenderError(
        describeOrigin(rendered.origin),
        new Error('a fragment lives in fragments/<slot>/<name>'),
      );
    }
    const list = bySlot.get(slot) ?? [];
    list.push({
      blueprint: blueprint.manifest.name,
      name: rest.join('/'),
      content: rendered.content.toString('utf8'),
    });
    bySlot.set(slot, list);
  }
  return bySlot;
}
