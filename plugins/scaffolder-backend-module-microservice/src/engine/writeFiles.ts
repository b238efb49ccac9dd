import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { RenderedFile } from './renderedFile';

/**
 * Writes the files under `directory`. Every path is resolved with Backstage's
 * `resolveSafeChildPath`, so no file can land outside it, whatever a value contained.
 * All paths are checked before the first write, so a bad path leaves nothing half-written.
 */
export async function writeRenderedFiles(
  directory: string,
  files: RenderedFile[],
): Promise<void> {
  const targets = files.map(file => ({
    file,
    target: resolveSafeChildPath(directory, file.path),
  }));
  for (const { file, target } of targets) {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
    await fs.chmod(target, file.executable ? 0o755 : 0o644);
  }
}
