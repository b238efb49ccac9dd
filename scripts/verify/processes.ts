/**
 * Child processes for the harness: every command runs through `bash -c` in its own process group
 * (Node's `detached`), so a timeout, a failed check or Ctrl-C can stop it and everything it
 * spawned. Live groups are tracked so the exit path can kill whatever is still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

const liveGroups = new Set<number>();

/** Sends a signal to a whole process group; a group that is already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has exited.
  }
}

/** Kills every process group the harness started that is still running (the exit path). */
export function killAllGroups(): void {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  liveGroups.clear();
}

export interface CommandResult {
  /** Exit code, or null when the command was ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  durationMs: number;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Also append the output to this file (the step's log). */
  logFile?: string;
}

function waitForExit(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

/** Runs `bash -c script` to completion, killing its process group on timeout. */
export async function runCommand(
  script: string,
  options: RunOptions,
): Promise<CommandResult> {
  const started = Date.now();
  const child = spawn('bash', ['-c', script], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  const log =
    options.logFile !== undefined
      ? fs.createWriteStream(options.logFile, { flags: 'a' })
      : undefined;
  const chunks: Buffer[] = [];
  const collect = (chunk: Buffer) => {
    chunks.push(chunk);
    log?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid === undefined) return;
    signalGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5000);
  }, options.timeoutMs);

  try {
    const { code, signal } = await waitForExit(child);
    return {
      code,
      signal,
      timedOut,
      output: Buffer.concat(chunks).toString('utf8'),
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(killTimer);
    // Anything the command left running in its group (a daemon it forked) goes too.
    if (pid !== undefined) {
      signalGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
    }
    await new Promise<void>(resolve => (log ? log.end(resolve) : resolve()));
  }
}

/** A long-running command (the booted service) whose output goes to a log file. */
export interface BackgroundProcess {
  pid: number;
  logFile: string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; says whether it stopped before the SIGKILL. */
  stop(graceMs: number): Promise<{
    graceful: boolean;
    code: number | null;
    signal: NodeJS.Signals | null;
  }>;
}

export function startBackground(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): BackgroundProcess {
  const fd = fs.openSync(options.logFile, 'a');
  const child = spawn('bash', ['-c', script], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  if (child.pid === undefined) {
    throw new Error(`could not start: ${script}`);
  }
  const pid = child.pid;
  liveGroups.add(pid);
  let done = false;
  const exited = waitForExit(child).then(result => {
    done = true;
    return result;
  });
  return {
    pid,
    logFile: options.logFile,
    exited,
    hasExited: () => done,
    async stop(graceMs) {
      signalGroup(pid, 'SIGTERM');
      const timeout = new Promise<'timeout'>(resolve =>
        setTimeout(() => resolve('timeout'), graceMs).unref(),
      );
      const first = await Promise.race([exited, timeout]);
      // The group may hold children that outlive the leader: end them too.
      signalGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
      const result = first === 'timeout' ? await exited : first;
      return { graceful: first !== 'timeout', ...result };
    },
  };
}

/** The last `count` non-empty lines of a command's output. */
export function lastLines(output: string, count: number): string[] {
  const lines = output
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
    .split(/\r?\n|\r/)
    .map(line => line.trimEnd())
    .filter(line => line !== '');
  return lines.slice(-count);
}
