/** A pinned Python venv under .tools/ for the benchmark's peers (copier), made once and stamped. */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export function benchVenv(): string {
  const requirements = path.join(__dirname, 'requirements.txt');
  const venv = path.join(root, '.tools', 'bench-venv');
  const stamp = path.join(
    venv,
    `.stamp-${createHash('sha256').update(fs.readFileSync(requirements)).digest('hex').slice(0, 16)}`,
  );
  const python = path.join(venv, 'bin', 'python');
  if (fs.existsSync(stamp)) return python;
  fs.rmSync(venv, { recursive: true, force: true });
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed`);
  };
  run('python3', ['-m', 'venv', venv]);
  run(python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '-r',
    requirements,
  ]);
  fs.writeFileSync(stamp, '');
  return python;
}
