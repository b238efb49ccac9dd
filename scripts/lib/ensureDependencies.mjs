// Installs the workspace's npm dependencies when they are missing or older than the lockfile,
// so `npm start` and `npm test` work on a fresh clone. `npm ci`: exactly what the committed
// lockfile says, which it never rewrites. Uses Node built-ins only: it runs before anything is
// installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function mtime(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
}

export function ensureDependencies() {
  const installed = mtime('node_modules/.package-lock.json');
  if (installed > 0 && installed >= mtime('package-lock.json')) return;
  console.log(
    'Installing dependencies (npm ci; about 2 minutes on a fresh machine)…',
  );
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('npm ci failed');
    process.exit(result.status ?? 1);
  }
}
