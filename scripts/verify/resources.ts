/**
 * Resources shared by a whole run — the PostgreSQL cluster (started on first use) and the temp
 * dirs — released on every exit path (`releaseAll`).
 */
import fs from 'node:fs';
import type { Reporter } from './common';
import { PostgresCluster } from './postgres';

const shared: {
  cluster?: PostgresCluster;
  clusterStarting?: Promise<PostgresCluster>;
  temporaryDirectories: Set<string>;
} = { temporaryDirectories: new Set() };

/** The run's PostgreSQL, started by the first step that needs it. */
export async function postgres(reporter: Reporter): Promise<PostgresCluster> {
  if (shared.cluster) return shared.cluster;
  shared.clusterStarting ??= PostgresCluster.start(text =>
    reporter.line(`  ${text}`),
  ).then(cluster => {
    shared.cluster = cluster;
    return cluster;
  });
  return shared.clusterStarting;
}

/** A temp dir deleted by `releaseAll` (unless it keeps directories). */
export function registerTemporaryDirectory(directory: string): void {
  shared.temporaryDirectories.add(directory);
}

/** Stops PostgreSQL and deletes temp dirs. Synchronous and idempotent: safe in any exit path. */
export function releaseAll(options: { keepDirectories?: boolean } = {}): void {
  shared.cluster?.stop();
  shared.cluster = undefined;
  shared.clusterStarting = undefined;
  if (!options.keepDirectories) {
    for (const dir of shared.temporaryDirectories) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  shared.temporaryDirectories.clear();
}
