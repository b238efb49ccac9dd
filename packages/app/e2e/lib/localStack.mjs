// Starts the whole local stack the way `npm start` does (`node scripts/start.mjs`: installs what is
// missing, builds the portal when stale, runs the GitHub stand-in and the backend) and stops it
// again. Its output goes to a log file, not the console, so the test output stays readable.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** True when something answers `url` with an HTTP status (any status counts). */
export async function answers(url, { ok = false } = {}) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return ok ? res.ok : true;
  } catch {
    return false;
  }
}

export const isReady = baseUrl =>
  answers(`${baseUrl}/.backstage/health/v1/readiness`, { ok: true });

/** Process groups of `pid` and all its descendants (start.mjs puts each child in its own group). */
function processGroupsUnder(pid) {
  const parentOf = new Map();
  const groupOf = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(ppid));
      groupOf.set(Number(entry), Number(pgrp));
    } catch {
      // the process ended while we looked
    }
  }
  const descends = p => {
    for (let q = p, hops = 0; q > 1 && hops < 64; hops += 1) {
      if (q === pid) return true;
      q = parentOf.get(q) ?? 0;
    }
    return false;
  };
  const groups = new Set([pid]);
  for (const [p, g] of groupOf) if (descends(p)) groups.add(g);
  return [...groups];
}

function signalGroups(groups, signal) {
  for (const group of groups) {
    try {
      process.kill(-group, signal);
    } catch {
      // already gone
    }
  }
}

function groupAlive(group) {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns `node scripts/start.mjs` in its own process group. Returns at once (so a signal during
 * the start can stop it) { ready, stop, stopNow, restarts }; `ready()` waits until the backend's
 * readiness endpoint and the GitHub stand-in answer and resolves to the milliseconds that took.
 */
export function startLocalStack({
  root,
  baseUrl,
  standInUrl,
  logFile,
  timeoutMs = 600_000,
  extraEnv = {},
}) {
  const log = fs.openSync(logFile, 'w');
  const started = Date.now();
  // Without GITHUB_TOKEN start.mjs uses the GitHub stand-in: a test never creates real repositories.
  const env = { ...process.env, ...extraEnv };
  delete env.GITHUB_TOKEN;
  const child = spawn('node', ['scripts/start.mjs'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  // The groups seen once the stack was up: if start.mjs dies first, its children are orphaned.
  let known = [child.pid];
  let stopped = false;
  const groups = () => [
    ...new Set([...known, ...processGroupsUnder(child.pid)]),
  ];

  /** SIGTERM to every group (start.mjs forwards it too), SIGKILL to what outlives 15 s. */
  async function stop() {
    if (stopped) return;
    stopped = true;
    const all = groups();
    signalGroups(all, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (all.some(groupAlive) && Date.now() < deadline) await sleep(200);
    signalGroups(all.filter(groupAlive), 'SIGKILL');
  }
  /** Synchronous variant for the process 'exit' handler. */
  function stopNow() {
    if (stopped) return;
    stopped = true;
    signalGroups(groups(), 'SIGTERM');
  }
  /** How often the backend restarted on a source change (it keeps its catalog in memory). */
  function restarts() {
    const text = fs.readFileSync(logFile, 'utf8');
    return text.split('Change detected, restarting').length - 1;
  }
  const tail = () =>
    fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');

  async function ready() {
    const deadline = started + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(
          `scripts/start.mjs exited early; its log ends:\n${tail()}`,
        );
      }
      if (
        (await isReady(baseUrl)) &&
        (await answers(`${standInUrl}/api/v3/`))
      ) {
        known = groups();
        return Date.now() - started;
      }
      await sleep(500);
    }
    throw new Error(
      `the stack was not ready within ${timeoutMs / 1000} s; log ends:\n${tail()}`,
    );
  }

  return { ready, stop, stopNow, restarts };
}
