/**
 * HTTP load with wrk (Debian's package, installed when missing): a C load generator, so it takes
 * little of the two cores the service and PostgreSQL share with it. A request other than GET of
 * one URL is a Lua script (wrk's own way): a list of ids taken in turn, or a fixed JSON body.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const WRK = '/usr/bin/wrk';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx/3xx, and socket errors (connect, read, write, timeout). */
  errors: number;
}

/** Installs Debian's wrk when it is missing (as root; CI machines are). */
export async function ensureWrk(): Promise<void> {
  if (fs.existsSync(WRK)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'wrk is not installed and this is not root: run `apt-get install -y wrk` first',
    );
  }
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', [
    '-o',
    'DPkg::Lock::Timeout=300',
    'install',
    '-y',
    '-qq',
    'wrk',
  ]);
}

/** What one load sends: a path (GET), ids taken in turn after a path prefix, or a JSON body. */
export type LoadRequest =
  | { method: 'GET'; path: string }
  | { method: 'GET'; pathPrefix: string; ids: string[] }
  | { method: 'POST'; path: string; body: unknown };

/** wrk's Lua script for a request, with the headers every request carries. */
export function luaScript(
  request: LoadRequest,
  headers: Record<string, string>,
): string {
  const lua = (value: string) => JSON.stringify(value); // a JSON string is a valid Lua string here
  const lines = Object.entries(headers).map(
    ([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`,
  );
  if (request.method === 'POST') {
    lines.push(
      'wrk.method = "POST"',
      `wrk.body = ${lua(JSON.stringify(request.body))}`,
      'wrk.headers["Content-Type"] = "application/json"',
      `wrk.path = ${lua(request.path)}`,
    );
  } else if ('ids' in request) {
    lines.push(
      `local ids = { ${request.ids.map(lua).join(', ')} }`,
      'local next = 0',
      'request = function()',
      '  next = next % #ids + 1',
      `  return wrk.format("GET", ${lua(request.pathPrefix)} .. ids[next])`,
      'end',
    );
  } else {
    lines.push(`wrk.path = ${lua(request.path)}`);
  }
  return `${lines.join('\n')}\n`;
}

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
};

/** A wrk duration such as `812.00us`, `3.41ms` or `1.02s`, in milliseconds. */
export function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`not a wrk duration: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** The figures of wrk's `--latency` report. */
export function parseWrk(output: string): LoadResult {
  const number = (pattern: RegExp) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`wrk printed no ${pattern.source}:\n${output}`);
    return match;
  };
  const socket =
    /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
      output,
    );
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requests: Number(number(/(\d+) requests in /)[1]),
    perSecond: Number(number(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50Ms: durationMs(number(/^\s+50%\s+(\S+)/m)[1]),
    p99Ms: durationMs(number(/^\s+99%\s+(\S+)/m)[1]),
    errors:
      (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) +
      (non2xx ? Number(non2xx[1]) : 0),
  };
}

/** Runs wrk against `baseUrl` for `seconds` at `connections` (two threads: one per core). */
export async function load(
  baseUrl: string,
  request: LoadRequest,
  options: {
    seconds: number;
    connections: number;
    headers: Record<string, string>;
    scriptDir: string;
  },
): Promise<LoadResult> {
  const script = path.join(options.scriptDir, `wrk-${Date.now()}.lua`);
  fs.writeFileSync(script, luaScript(request, options.headers));
  const { stdout } = await run(
    WRK,
    [
      '--latency',
      `--threads=${Math.min(2, options.connections)}`,
      `--connections=${options.connections}`,
      `--duration=${options.seconds}s`,
      '--timeout=10s',
      `--script=${script}`,
      baseUrl,
    ],
    { timeout: (options.seconds + 30) * 1000 },
  );
  return parseWrk(stdout);
}
