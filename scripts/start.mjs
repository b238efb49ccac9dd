// `npm start`: installs what is missing, then runs the local Backstage backend with the template.
// Without GITHUB_TOKEN, repositories go to the GitHub stand-in (a local git host on :7080);
// with it, app-config.github.yaml points the GitHub integration at github.com.
import { spawn } from 'node:child_process';
import { ensureDependencies } from './lib/ensureDependencies.mjs';

ensureDependencies();

const children = [];
function start(args, name) {
  const child = spawn('npm', args, { stdio: 'inherit' });
  child.on('exit', code => {
    console.log(`${name} exited (${code})`);
    for (const other of children) other.kill('SIGTERM');
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

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach(child => child.kill(signal)));
}
