import fs from 'node:fs/promises';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parse as parseYaml } from 'yaml';
import { Blueprint, blueprintManifestSchema, Layer, Stack } from './blueprint';

export const MANIFEST_FILE = 'blueprint.yaml';

/** Every stack and layer available to the render action, by name. */
export interface BlueprintCatalog {
  stacks: Map<string, Stack>;
  layers: Map<string, Layer>;
}

async function readBlueprint(directory: string): Promise<Blueprint> {
  const manifestPath = path.join(directory, MANIFEST_FILE);
  const text = await fs.readFile(manifestPath, 'utf8');
  const parsed = blueprintManifestSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid blueprint manifest ${manifestPath}: ${problems}`);
  }
  return { manifest: parsed.data, directory };
}

async function listBlueprintDirectories(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const group of ['stacks', 'layers']) {
    const groupDir = path.join(root, group);
    const entries = await fs
      .readdir(groupDir, { withFileTypes: true })
      .catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) found.push(path.join(groupDir, entry.name));
    }
  }
  return found.sort();
}

/**
 * Reads the blueprints under each root (`<root>/stacks/*`, `<root>/layers/*`).
 * A later root's blueprint replaces an earlier one of the same name, which is how a platform
 * team overrides one of ours without forking.
 */
export async function loadBlueprints(
  roots: string[],
): Promise<BlueprintCatalog> {
  const catalog: BlueprintCatalog = { stacks: new Map(), layers: new Map() };
  for (const root of roots) {
    for (const directory of await listBlueprintDirectories(root)) {
      const blueprint = await readBlueprint(directory);
      if (blueprint.manifest.kind === 'stack') {
        catalog.stacks.set(blueprint.manifest.name, blueprint as Stack);
      } else {
        catalog.layers.set(blueprint.manifest.name, blueprint as Layer);
      }
    }
  }
  return catalog;
}

/** The folder of blueprints shipped with this package (found the same way from source and from dist). */
export function builtInBlueprintsDirectory(): string {
  return resolvePackagePath(
    '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice',
    'blueprints',
  );
}
