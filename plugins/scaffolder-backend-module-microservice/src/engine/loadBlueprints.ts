import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parse as parseYaml } from 'yaml';
import {
  blueprintManifestSchema,
  type Blueprint,
  type Layer,
  type SourceFile,
  type Stack,
} from './blueprint';

export const MANIFEST_FILE = 'blueprint.yaml';
const FILES_DIRECTORY = 'files';
const FRAGMENTS_DIRECTORY = 'fragments';

/** Every stack and layer available to the render action, by name. */
export interface BlueprintCatalog {
  stacks: Map<string, Stack>;
  layers: Map<string, Layer>;
}

/** Files under `root`, as sorted POSIX paths, so output order never depends on the disk. */
async function readSourceFiles(root: string): Promise<SourceFile[]> {
  const entries = await fs
    .readdir(root, { recursive: true, withFileTypes: true })
    .catch(() => []);
  const files = entries
    .filter(entry => entry.isFile())
    .map(entry => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(
    files.map(async file => {
      const [content, stat] = await Promise.all([
        fs.readFile(file),
        fs.stat(file),
      ]);
      return {
        path: path.relative(root, file).split(path.sep).join('/'),
        content,
        executable: (stat.mode & 0o111) !== 0,
      };
    }),
  ).then(read =>
    read.sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path))),
  );
}

function hashOf(manifestText: string, groups: [string, SourceFile[]][]) {
  const hash = createHash('sha256').update(manifestText);
  for (const [group, files] of groups) {
    for (const file of files) {
      hash
        .update(`\0${group}/${file.path}\0${file.executable ? 'x' : '-'}\0`)
        .update(file.content);
    }
  }
  return `sha256:${hash.digest('hex')}`;
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
  const [files, fragments] = await Promise.all([
    readSourceFiles(path.join(directory, FILES_DIRECTORY)),
    readSourceFiles(path.join(directory, FRAGMENTS_DIRECTORY)),
  ]);
  return {
    manifest: parsed.data,
    directory,
    files,
    fragments,
    contentHash: hashOf(text, [
      [FILES_DIRECTORY, files],
      [FRAGMENTS_DIRECTORY, fragments],
    ]),
  };
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
 * Reads the blueprints under each root (`<root>/stacks/*`, `<root>/layers/*`), files included.
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
