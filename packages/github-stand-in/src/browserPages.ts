import express from 'express';
import type { PullRequestStore } from './pullRequests';
import type { RepositoryStore } from './repositoryStore';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/** Minimal pages for the links a task shows: a repository's files, a file's text, a pull request. */
export function browserPages(store: RepositoryStore, pulls: PullRequestStore) {
  const pages = express.Router();

  // `/owner/repo.git` is what publish:github reports as the repository URL; GitHub shows the repo.
  pages.get('/:owner/:repo', async (request, response) => {
    const record = store.get(
      request.params.owner,
      request.params.repo.replace(/\.git$/, ''),
    );
    if (!record) {
      response.status(404).type('text').send('Not Found');
      return;
    }
    const files = await store.listFiles(record.owner, record.name, 'main');
    const items = files
      .map(
        f =>
          `<li><a href="/${record.owner}/${record.name}/blob/main/${encodeURI(f.path)}">${escapeHtml(f.path)}</a></li>`,
      )
      .join('');
    response
      .type('html')
      .send(
        `<!doctype html><title>${escapeHtml(`${record.owner}/${record.name}`)}</title>` +
          `<h1>${escapeHtml(`${record.owner}/${record.name}`)}</h1>` +
          `<p>${files.length} files on main</p><ul>${items}</ul>`,
      );
  });

  pages.get('/:owner/:repo/blob/:ref/*', async (request, response) => {
    const filePath = (request.params as Record<string, string>)[0];
    const file = await store.readFile(
      request.params.owner,
      request.params.repo,
      request.params.ref,
      filePath,
    );
    if (!file) response.status(404).type('text').send('Not Found');
    else response.type('text/plain').send(file.content);
  });

  pages.get('/:owner/:repo/pull/:number', async (request, response) => {
    const { owner, repo } = request.params;
    const pull = pulls
      .list(owner, repo)
      .find(p => p.number === Number(request.params.number));
    if (!store.get(owner, repo) || !pull) {
      response.status(404).type('text').send('Not Found');
      return;
    }
    const files = await store
      .changedFiles(owner, repo, pull.base, pull.head)
      .catch(() => []);
    response
      .type('html')
      .send(
        `<!doctype html><title>${escapeHtml(pull.title)}</title>` +
          `<h1>${escapeHtml(pull.title)} #${pull.number}</h1>` +
          `<p>${pull.state}: ${escapeHtml(pull.head)} into ${escapeHtml(pull.base)}</p>` +
          `<pre>${escapeHtml(pull.body)}</pre>` +
          `<h2>${files.length} files changed</h2><ul>${files
            .map(f => `<li>${escapeHtml(f)}</li>`)
            .join('')}</ul>`,
      );
  });

  return pages;
}
