// `npm start`: installs what is missing, then runs the local Backstage backend with the template.
import { spawn } from 'node:child_process';
import { ensureDependencies } from './lib/ensureDependencies.mjs';

ensureDependencies();
const backend = spawn('npm', ['run', 'start', '--workspace', 'backend'], {
  stdio: 'inherit',
});
backend.on('exit', code => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => backend.kill(signal));
}
