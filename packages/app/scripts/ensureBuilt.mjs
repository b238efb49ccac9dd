// Builds the portal (packages/app → packages/app/dist) when dist/ is missing or older than the
// app's sources, so the backend's app-backend always serves a current portal. About 25 s on a
// 2-core machine; a no-op when dist/ is current. Uses Node built-ins only.
//
//   import { ensureAppBuilt } from '../packages/app/scripts/ensureBuilt.mjs';  ensureAppBuilt();
//   node packages/app/scripts/ensureBuilt.mjs
//
// Frontend config (app-config.yaml) is injected by the backend at serve time, so config changes
// need no rebuild; only sources, public/ and dependencies do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(import.meta.dirname, '..');
const root = path.resolve(appDir, '../..');

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Why the app needs building, or undefined when dist/ is current. */
export function appBuildReason() {
  const built = newestMtime(path.join(appDir, 'dist/index.html'));
  if (built === 0) return 'packages/app/dist is missing';
  const inputs = [
    path.join(appDir, 'src'),
    path.join(appDir, 'public'),
    path.join(appDir, 'package.json'),
    path.join(root, 'package-lock.json'),
  ];
  const stale = inputs.find(input => newestMtime(input) > built);
  return stale
    ? `${path.relative(root, stale)} changed since the last build`
    : undefined;
}

export function ensureAppBuilt() {
  const reason = appBuildReason();
  if (!reason) return;
  console.log(`Building the portal (${reason}; about 20 s)…`);
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'app'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('building packages/app failed');
    process.exit(result.status ?? 1);
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  ensureAppBuilt();
}
