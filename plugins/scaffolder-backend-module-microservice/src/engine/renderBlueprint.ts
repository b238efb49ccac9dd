import fs from 'node:fs/promises';
import path from 'node:path';
import { minimatch } from 'minimatch';
import type nunjucks from 'nunjucks';
import type { Blueprint } from './blueprint';
import { evaluateCondition, renderTemplate } from './environment';
import type { RenderedFile } from './renderedFile';
import { assertStructuredFileParses } from './structuredFiles';

const TEMPLATE_SUFFIX = '.njk';
const FILES_DIRECTORY = 'files';

/** Source files under `files/`, as sorted POSIX paths, so output order never depends on the disk. */
async function listSourceFiles(root: string): Promise<string[]> {
  const entries = await fs
    .readdir(root, { recursive: true, withFileTypes: true })
    .catch(() => []);
  return entries
    .filter(entry => entry.isFile())
    .map(entry =>
      path
        .relative(root, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join('/'),
    )
    .sort();
}

export class BlueprintRenderError extends Error {
  constructor(origin: string, cause: unknown) {
    super(`${origin}: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'BlueprintRenderError';
  }
}

function isIncluded(
  blueprint: Blueprint,
  sourcePath: string,
  environment: nunjucks.Environment,
  context: object,
): boolean {
  return Object.entries(blueprint.manifest.conditions)
    .filter(([glob]) => minimatch(sourcePath, glob, { dot: true }))
    .every(([glob, expression]) =>
      evaluateCondition(
        environment,
        `${blueprint.manifest.name} condition "${glob}"`,
        expression,
        context,
      ),
    );
}

/** Renders one stack or layer into files (nothing is written here). */
export async function renderBlueprint(
  blueprint: Blueprint,
  environment: nunjucks.Environment,
  context: object,
): Promise<RenderedFile[]> {
  const { kind, name } = blueprint.manifest;
  const filesRoot = path.join(blueprint.directory, FILES_DIRECTORY);
  const rendered: RenderedFile[] = [];

  for (const sourcePath of await listSourceFiles(filesRoot)) {
    const origin = `${kind} "${name}", file ${sourcePath}`;
    try {
      if (!isIncluded(blueprint, sourcePath, environment, context)) continue;

      const isTemplate = sourcePath.endsWith(TEMPLATE_SUFFIX);
      const targetPath = renderTemplate(
        environment,
        `${origin} (path)`,
        isTemplate ? sourcePath.slice(0, -TEMPLATE_SUFFIX.length) : sourcePath,
        context,
      );
      // A path segment rendered empty switches the file off (e.g. `{% if … %}name{% endif %}`).
      if (targetPath.split('/').some(segment => segment === '')) continue;

      const sourceFile = path.join(filesRoot, sourcePath);
      const [raw, stat] = await Promise.all([
        fs.readFile(sourceFile),
        fs.stat(sourceFile),
      ]);
      const content = isTemplate
        ? Buffer.from(
            renderTemplate(environment, origin, raw.toString('utf8'), context),
            'utf8',
          )
        : raw;
      const file: RenderedFile = {
        path: targetPath,
        content,
        executable: (stat.mode & 0o111) !== 0,
        origin,
      };
      // Only rendered files: a value can break their structure. A verbatim file is exactly what
      // its author wrote, and may be a template language of its own (Helm's `templates/*.yaml`
      // are not YAML until Helm has rendered them).
      if (isTemplate) assertStructuredFileParses(file);
      rendered.push(file);
    } catch (error) {
      throw error instanceof BlueprintRenderError
        ? error
        : new BlueprintRenderError(origin, error);
    }
  }
  return rendered;
}
