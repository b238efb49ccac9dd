import fs from 'node:fs/promises';
import path from 'node:path';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { RenderedFile } from './renderedFile';

/**
 * Where `relative` lands under `directory`. In a folder that already existed, a symlink in it
 * could lead outside: Backstage's `resolveSafeChildPath` resolves every link. A folder this call
 * creates holds none, so the path itself decides (resolving links costs about 0.2 ms a file,
 * as much as rendering them all).
 */
function childPath(
  directory: string,
  relative: string,
  existingBefore: boolean,
): string {
  if (existingBefore) return resolveSafeChildPath(directory, relative);
  const target = path.resolve(directory, relative);
  if (!isChildPath(directory, target)) {
    throw new NotAllowedError(
      `Relative path is not allowed to refer to a directory outside its parent: ${relative}`,
    );
  }
  return target;
}

async function exists(directory: string): Promise<boolean> {
  try {
    await fs.lstat(directory);
    return true;
  } catch {
    return false;
  }
}

/** Files written at once: enough to overlap the file system's latency, not to exhaust handles. */
const PARALLEL_WRITES = 16;

/**
 * Writes the files under `directory`, which must not be a path outside where the caller allows
 * writing (the action resolves it safely inside the workspace). No file can land outside it,
 * whatever a value contained, and all paths are checked before the first write, so a bad path
 * leaves nothing half-written. Each folder is created once, then the files are written a few at
 * a time, with their mode.
 */
export async function writeRenderedFiles(
  directory: string,
  files: RenderedFile[],
): Promise<void> {
  const existingBefore = await exists(directory);
  const targets = files.map(file => ({
    file,
    target: childPath(directory, file.path, existingBefore),
  }));
  const folders = [
    ...new Set(targets.map(({ target }) => path.dirname(target))),
  ];
  await Promise.all(
    folders.map(folder => fs.mkdir(folder, { recursive: true })),
  );
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const { file, target } = targets[next++];
      await fs.writeFile(target, file.content, {
        mode: file.executable ? 0o755 : 0o644,
      });
      // writeFile's mode applies only to new files (and through the umask): set it exactly.
      await fs.chmod(target, file.executable ? 0o755 : 0o644);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_WRITES, targets.length) }, worker),
  );
}
