import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { requireToken } from './authentication';
import { browserPages } from './browserPages';
import { FaultInjector } from './faults';
import { pullRequestApi, PullRequestStore } from './pullRequests';
import { serveGit } from './gitSmartHttp';
import { RepositoryStore, type Owner } from './repositoryStore';
import { restApi } from './restApi';

export interface GithubStandInOptions {
  /** Where the bare repositories are kept. */
  dataDirectory: string;
  /** The only token accepted, for REST and git alike. */
  token: string;
  /** The login the token belongs to (a User). */
  login: string;
  /** Organisations that exist besides the user. */
  organizations: string[];
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface GithubStandIn {
  /** e.g. http://localhost:7080 — repository pages and git live here. */
  url: string;
  /** GitHub's REST base, what `integrations.github[].apiBaseUrl` points at. */
  apiBaseUrl: string;
  store: RepositoryStore;
  pulls: PullRequestStore;
  faults: FaultInjector;
  /** Accept another token from now on, as when GitHub revokes the configured one. */
  setAcceptedToken(token: string): void;
  stop(): Promise<void>;
}

const GIT_PATH =
  /^\/[^/]+\/[^/]+\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export async function startGithubStandIn(
  options: GithubStandInOptions,
): Promise<GithubStandIn> {
  const owners = new Map<string, Owner>([
    [options.login.toLowerCase(), { login: options.login, type: 'User' }],
    ...options.organizations.map(
      org => [org.toLowerCase(), { login: org, type: 'Organization' }] as const,
    ),
  ]);
  const store = new RepositoryStore(options.dataDirectory, owners);
  const faults = new FaultInjector();
  const pulls = new PullRequestStore();
  let url = '';
  let token = options.token;

  const app = express();
  app.disable('x-powered-by');

  // Test control, loopback only like the rest of the server.
  app.post('/_stand-in/faults', express.json(), (request, response) => {
    faults.add(request.body);
    response.status(204).end();
  });
  app.delete('/_stand-in/faults', (_request, response) => {
    faults.clear();
    response.status(204).end();
  });

  app.use(faults.middleware());
  app.use(
    '/api/v3',
    requireToken(() => token, options.login),
    restApi(store, () => url),
    pullRequestApi(store, pulls, () => url),
  );
  app.all(
    GIT_PATH,
    requireToken(() => token, options.login, 'GitHub'),
    (request, response) =>
      serveGit(options.dataDirectory, request, response, response.locals.login),
  );
  app.use(browserPages(store, pulls));

  const server = http.createServer(app);
  await new Promise<void>(resolve =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  url = `http://localhost:${port}`;

  return {
    url,
    apiBaseUrl: `${url}/api/v3`,
    store,
    pulls,
    faults,
    setAcceptedToken: next => {
      token = next;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}

/** A stand-in for tests: repositories in a new temp folder, user `backstage-dev`, org `acme`. */
export async function startTestGithubStandIn(
  token: string,
): Promise<GithubStandIn> {
  return startGithubStandIn({
    dataDirectory: await mkdtemp(path.join(os.tmpdir(), 'github-stand-in-')),
    token,
    login: 'backstage-dev',
    organizations: ['acme'],
  });
}

/**
 * `integrations.github` entries that send Backstage to the stand-in: github.com (what templates
 * name) and the stand-in's own host (what its repository links name).
 */
export function standInIntegrations(standIn: GithubStandIn, token: string) {
  return [
    { host: 'github.com', apiBaseUrl: standIn.apiBaseUrl, token },
    { host: new URL(standIn.url).host, apiBaseUrl: standIn.apiBaseUrl, token },
  ];
}
