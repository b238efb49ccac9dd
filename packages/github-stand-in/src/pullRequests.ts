import express, { type Request, type Response } from 'express';
import { sendGithubError } from './githubErrors';
import { RepositoryStore } from './repositoryStore';

export interface PullRequestRecord {
  number: number;
  title: string;
  body: string;
  /** Branch names in the repository itself (no forks here). */
  head: string;
  base: string;
  state: 'open' | 'closed';
}

/** Pull requests per repository, numbered from 1 as GitHub does. */
export class PullRequestStore {
  private readonly byRepository = new Map<string, PullRequestRecord[]>();

  list(owner: string, name: string) {
    const key = RepositoryStore.key(owner, name);
    if (!this.byRepository.has(key)) this.byRepository.set(key, []);
    return this.byRepository.get(key)!;
  }
}

/** GitHub's pull request calls: list (by head and state), create, get, update. */
export function pullRequestApi(
  store: RepositoryStore,
  pulls: PullRequestStore,
  baseUrl: () => string,
) {
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));

  const json = (owner: string, name: string, pull: PullRequestRecord) => ({
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    head: { ref: pull.head, label: `${owner}:${pull.head}` },
    base: { ref: pull.base },
    html_url: `${baseUrl()}/${owner}/${name}/pull/${pull.number}`,
  });
  const repository = (request: Request, response: Response) => {
    const record = store.get(request.params.owner, request.params.repo);
    if (!record) sendGithubError(response, 404, 'Not Found');
    return record;
  };

  api.get('/repos/:owner/:repo/pulls', (request, response) => {
    const record = repository(request, response);
    if (!record) return;
    const state = String(request.query.state ?? 'open');
    const head = request.query.head ? String(request.query.head) : undefined;
    response.json(
      pulls
        .list(record.owner, record.name)
        .filter(p => state === 'all' || p.state === state)
        .filter(p => !head || `${record.owner}:${p.head}` === head)
        .map(p => json(record.owner, record.name, p)),
    );
  });

  api.post('/repos/:owner/:repo/pulls', async (request, response) => {
    const record = repository(request, response);
    if (!record) return;
    const { title, body = '', head, base } = request.body ?? {};
    const list = pulls.list(record.owner, record.name);
    if (!title || !head || !base) {
      sendGithubError(response, 422, 'Validation Failed');
      return;
    }
    if (
      !(await store.resolveRef(record.owner, record.name, `refs/heads/${head}`))
    ) {
      sendGithubError(response, 422, 'Validation Failed', [
        { resource: 'PullRequest', field: 'head', code: 'invalid' },
      ]);
      return;
    }
    if (list.some(p => p.state === 'open' && p.head === head)) {
      sendGithubError(response, 422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${record.owner}:${head}.`,
        },
      ]);
      return;
    }
    const pull: PullRequestRecord = {
      number: list.length + 1,
      title,
      body,
      head,
      base,
      state: 'open',
    };
    list.push(pull);
    response.status(201).json(json(record.owner, record.name, pull));
  });

  const findPull = (request: Request, response: Response) => {
    const record = repository(request, response);
    if (!record) return undefined;
    const pull = pulls
      .list(record.owner, record.name)
      .find(p => p.number === Number(request.params.number));
    if (!pull) sendGithubError(response, 404, 'Not Found');
    return pull && { record, pull };
  };

  api.get('/repos/:owner/:repo/pulls/:number', (request, response) => {
    const found = findPull(request, response);
    if (found)
      response.json(json(found.record.owner, found.record.name, found.pull));
  });

  api.patch('/repos/:owner/:repo/pulls/:number', (request, response) => {
    const found = findPull(request, response);
    if (!found) return;
    const { title, body, state } = request.body ?? {};
    if (title !== undefined) found.pull.title = title;
    if (body !== undefined) found.pull.body = body;
    if (state === 'open' || state === 'closed') found.pull.state = state;
    response.json(json(found.record.owner, found.record.name, found.pull));
  });

  return api;
}
