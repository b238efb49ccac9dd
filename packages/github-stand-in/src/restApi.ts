import express, { type Request, type Response } from 'express';
import { sendGithubError } from './githubErrors';
import type { RepositoryRecord, RepositoryStore } from './repositoryStore';

/** The REST subset `publish:github` and the catalog's GitHub URL reader call, in GitHub's shapes. */
export function restApi(store: RepositoryStore, baseUrl: () => string) {
  const api = express.Router();
  api.use(express.json({ limit: '10mb' }));

  const ownerJson = (login: string) => {
    const owner = store.owners.get(login.toLowerCase());
    return (
      owner && { login: owner.login, id: hash(owner.login), type: owner.type }
    );
  };
  const repositoryJson = (record: RepositoryRecord) => ({
    id: hash(`${record.owner}/${record.name}`),
    name: record.name,
    full_name: `${record.owner}/${record.name}`,
    owner: ownerJson(record.owner),
    private: record.private,
    visibility: record.private ? 'private' : 'public',
    description: record.description,
    topics: record.topics,
    default_branch: 'main',
    html_url: `${baseUrl()}/${record.owner}/${record.name}`,
    clone_url: `${baseUrl()}/${record.owner}/${record.name}.git`,
  });
  const findRepository = (request: Request, response: Response) => {
    const record = store.get(request.params.owner, request.params.repo);
    if (!record) sendGithubError(response, 404, 'Not Found');
    return record;
  };

  api.get('/user', (_request, response) => {
    response.json(ownerJson(response.locals.login));
  });

  api.get('/users/:owner', (request, response) => {
    const owner = ownerJson(request.params.owner);
    if (!owner) sendGithubError(response, 404, 'Not Found');
    else response.json(owner);
  });

  const createRepository = async (
    request: Request,
    response: Response,
    ownerLogin: string,
  ) => {
    const owner = store.owners.get(ownerLogin.toLowerCase());
    if (!owner) {
      sendGithubError(response, 404, 'Not Found');
      return;
    }
    const name = String(request.body?.name ?? '');
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
      sendGithubError(response, 422, 'Repository creation failed.', [
        {
          resource: 'Repository',
          code: 'custom',
          field: 'name',
          message: 'name is invalid',
        },
      ]);
      return;
    }
    if (store.get(owner.login, name)) {
      sendGithubError(response, 422, 'Repository creation failed.', [
        {
          resource: 'Repository',
          code: 'custom',
          field: 'name',
          message: 'name already exists on this account',
        },
      ]);
      return;
    }
    const record: RepositoryRecord = {
      owner: owner.login,
      name,
      private: request.body.private !== false,
      description: request.body.description ?? null,
      topics: [],
      protectedBranches: {},
    };
    await store.create(record);
    response.status(201).json(repositoryJson(record));
  };

  api.post('/orgs/:org/repos', (request, response, next) => {
    const owner = store.owners.get(request.params.org.toLowerCase());
    if (owner?.type !== 'Organization') {
      sendGithubError(response, 404, 'Not Found');
      return;
    }
    createRepository(request, response, request.params.org).catch(next);
  });

  api.post('/user/repos', (request, response, next) => {
    createRepository(request, response, response.locals.login).catch(next);
  });

  api.get('/repos/:owner/:repo', (request, response) => {
    const record = findRepository(request, response);
    if (record) response.json(repositoryJson(record));
  });

  api.put(
    '/repos/:owner/:repo/branches/:branch/protection',
    (request, response) => {
      const record = findRepository(request, response);
      if (!record) return;
      record.protectedBranches[request.params.branch] = request.body ?? {};
      response.json({
        url: `${baseUrl()}/api/v3${request.path}`,
        ...request.body,
      });
    },
  );

  api.get(
    '/repos/:owner/:repo/branches/:branch/protection',
    (request, response) => {
      const record = findRepository(request, response);
      if (!record) return;
      const protection = record.protectedBranches[request.params.branch];
      if (!protection) sendGithubError(response, 404, 'Branch not protected');
      else response.json(protection);
    },
  );

  api.put('/repos/:owner/:repo/topics', (request, response) => {
    const record = findRepository(request, response);
    if (!record) return;
    record.topics = request.body?.names ?? [];
    response.json({ names: record.topics });
  });

  api.get('/repos/:owner/:repo/branches/:branch', async (request, response) => {
    const record = findRepository(request, response);
    if (!record) return;
    const { branch } = request.params;
    const commit = await store.commit(
      record.owner,
      record.name,
      `refs/heads/${branch}`,
    );
    if (!commit) sendGithubError(response, 404, 'Branch not found');
    else
      response.json({
        name: branch,
        commit: { sha: commit.sha, commit: { message: commit.message } },
      });
  });

  api.post('/repos/:owner/:repo/git/refs', async (request, response) => {
    const record = findRepository(request, response);
    if (!record) return;
    const { ref, sha } = request.body ?? {};
    if (!/^refs\/heads\/[\w./-]+$/.test(String(ref)) || !sha) {
      sendGithubError(response, 422, 'Invalid request.');
      return;
    }
    const created = await store
      .createRef(record.owner, record.name, ref, sha)
      .catch(() => undefined);
    if (created === undefined) {
      sendGithubError(response, 422, 'Object does not exist');
    } else if (!created) {
      sendGithubError(response, 422, 'Reference already exists');
    } else {
      response.status(201).json({ ref, object: { sha, type: 'commit' } });
    }
  });

  api.get('/repos/:owner/:repo/commits/:ref', async (request, response) => {
    const record = findRepository(request, response);
    if (!record) return;
    const commit = await store.commit(
      record.owner,
      record.name,
      request.params.ref,
    );
    // GitHub answers 409 for a repository without commits.
    if (!commit && !(await store.resolveRef(record.owner, record.name, 'HEAD')))
      sendGithubError(response, 409, 'Git Repository is empty.');
    else if (!commit)
      sendGithubError(
        response,
        422,
        `No commit found for SHA: ${request.params.ref}`,
      );
    else
      response.json({ sha: commit.sha, commit: { message: commit.message } });
  });

  // GitHub's tree listing; only the recursive form (`?recursive=1`), as clients use it to list files.
  api.get('/repos/:owner/:repo/git/trees/:ref', async (request, response) => {
    const record = findRepository(request, response);
    if (!record) return;
    const { ref } = request.params;
    const commit = await store.resolveRef(record.owner, record.name, ref);
    if (!commit) {
      sendGithubError(response, 404, 'Not Found');
      return;
    }
    const files = await store.listFiles(record.owner, record.name, ref);
    response.json({
      sha: commit,
      truncated: false,
      tree: files.map(file => ({
        path: file.path,
        mode: file.mode,
        type: 'blob',
        sha: file.sha,
      })),
    });
  });

  api.get('/repos/:owner/:repo/contents/*', async (request, response) => {
    const record = findRepository(request, response);
    if (!record) return;
    const filePath = (request.params as Record<string, string>)[0];
    const ref = String(request.query.ref ?? 'main');
    const file = await store.readFile(record.owner, record.name, ref, filePath);
    if (!file) {
      sendGithubError(response, 404, 'Not Found');
      return;
    }
    response.setHeader('ETag', `"${file.sha}"`);
    if (String(request.headers.accept ?? '').includes('raw')) {
      response.type('application/octet-stream').send(file.content);
      return;
    }
    response.json({
      type: 'file',
      encoding: 'base64',
      size: file.content.length,
      name: filePath.split('/').pop(),
      path: filePath,
      sha: file.sha,
      content: file.content.toString('base64'),
    });
  });

  return api;
}

function hash(text: string) {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}
