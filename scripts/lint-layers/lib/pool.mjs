// Child processes, at most `jobs` at a time (--jobs N).
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { ENV } from './env.mjs';

let jobs = Math.max(2, cpus().length);
let running = 0;
const waiting = [];

export function setJobs(n) {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--jobs ${n}: not a count`);
  jobs = n;
}

async function slot(fn) {
  if (running >= jobs) await new Promise(r => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs a command to completion: {code, out, err}; a command that cannot start has code 127. */
export function run(cmd, argv, options = {}) {
  return slot(
    () =>
      new Promise(done => {
        const child = spawn(cmd, argv, {
          env: ENV,
          ...options,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', d => (out += d));
        child.stderr.on('data', d => (err += d));
        child.on('error', e =>
          done({ code: 127, out, err: `${err}${e.message}` }),
        );
        child.on('close', code => done({ code: code ?? 1, out, err }));
      }),
  );
}

/** The absolute path of a command on the linters' PATH, or undefined. */
export async function which(cmd) {
  const r = await run('sh', ['-c', 'command -v "$1"', 'which', cmd]);
  return r.code === 0 ? r.out.trim() || undefined : undefined;
}
