import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export interface BackendReplica {
  name: string;
  baseUrl: string;
  /** Resolves to the exit code (or the signal's name) when the process has ended. */
  exited: Promise<string>;
  ready(timeoutMs: number): Promise<number>;
  signal(signal: NodeJS.Signals): void;
}

/**
 * One backend process as a platform team runs it: NODE_ENV=production, app-config.yaml with
 * app-config.production.yaml over it, PostgreSQL from POSTGRES_*. No `backstage-cli package
 * start` (its watcher would stand between the signal and the backend): node runs it directly.
 */
export function startBackendReplica(options: {
  root: string;
  name: string;
  port: number;
  postgresPort: number;
  /** Backstage's database prefix: each run gets databases of its own in the one cluster. */
  databasePrefix: string;
  logFile: string;
}): BackendReplica {
  const { root, name, port } = options;
  const baseUrl = `http://localhost:${port}`;
  const log = fs.openSync(options.logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.production.yaml',
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        POSTGRES_HOST: '127.0.0.1',
        POSTGRES_PORT: String(options.postgresPort),
        POSTGRES_USER: 'postgres',
        POSTGRES_PASSWORD: 'trust',
        // Backstage reads APP_CONFIG_* over the files: the second replica's own port.
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_baseUrl: baseUrl,
        APP_CONFIG_backend_database_prefix: options.databasePrefix,
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  const exited = new Promise<string>(resolve =>
    child.on('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  let ended = false;
  exited.then(() => {
    ended = true;
  });

  return {
    name,
    baseUrl,
    exited,
    async ready(timeoutMs) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (ended) {
          throw new Error(
            `${name} exited before it was ready; see ${options.logFile}`,
          );
        }
        const ok = await fetch(`${baseUrl}/.backstage/health/v1/readiness`, {
          signal: AbortSignal.timeout(2000),
        }).then(
          response => response.ok,
          () => false,
        );
        if (ok) return Date.now() - started;
        await sleep(250);
      }
      throw new Error(`${name} was not ready within ${timeoutMs} ms`);
    },
    signal(signal) {
      if (!ended) child.kill(signal);
    },
  };
}
