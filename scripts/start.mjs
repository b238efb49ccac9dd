// `npm start`: installs what is missing, builds the portal when its sources changed, then runs
// the Backstage backend (which serves the portal) on http://localhost:7007.
// Without GITHUB_TOKEN, repositories go to the GitHub stand-in (a local git host on :7080);
// with it, app-config.github.yaml points the GitHub integration at github.com.
import { spawn } from 'node:child_process';
// A path, not the package name: this runs before dependencies (and workspace links) are installed.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { ensureAppBuilt } from '../packages/app/scripts/ensureBuilt.mjs';
import { ensureDependencies } from './lib/ensureDependencies.mjs';
import { ensureSupportedNode } from './lib/supportedNode.mjs';

ensureSupportedNode();
ensureDependencies();
ensureAppBuilt();

// Each child leads its own process group, so stopping it stops everything it started.
const children = [];
const stopAll = signal => {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
};

function start(args, name) {
  const child = spawn('npm', args, { stdio: 'inherit', detached: true });
  child.on('exit', code => {
    console.log(`${name} exited (${code})`);
    stopAll('SIGTERM');
    process.exit(code ?? 1);
  });
  children.push(child);
}

const backendArgs = ['run', 'start', '--workspace', 'backend'];
if (process.env.GITHUB_TOKEN) {
  backendArgs.push('--', '--config', '../../app-config.github.yaml');
} else {
  start(['run', 'start', '--workspace', 'github-stand-in'], 'GitHub stand-in');
}
start(backendArgs, 'Backstage backend');
console.log(
  'Portal: http://localhost:7007 (guest sign-in; the template is under Create)',
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll(signal);
    process.exit(0);
  });
}
