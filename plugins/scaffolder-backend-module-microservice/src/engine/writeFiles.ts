import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { RenderedFile } from './renderedFile';

/** Files written at once: enough to overlap the file system's latency, not to exhaust handles. */
const PARALLEL_WRITES = 16;

/**
 * Writes the files under `directory`. Every path is resolved with Backstage's
 * `resolveSafeChildPath`, so no file can land outside it, whatever a value contained.
 * All paths are checked before the first write, so a bad path leaves nothing half-written.
 * Each folder is created once, then the files are written a few at a time, with their mode.
 */
export async function writeRenderedFiles(
  directory: string,
  files: RenderedFile[],
): Promise<void> {
  const targets = files.map(file => ({
    file,
    target: resolveSafeChildPath(directory, file.path),
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
