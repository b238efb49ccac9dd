// gitlab-ci-local: `.gitlab-ci.yml` against GitLab's CI JSON schema. It needs a git repository with
// a remote, so it runs on a throw-away copy; it passes only when it says "json schema validated".
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_TOOLS } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { npmVersion } from '../lib/versions.mjs';

export default {
  name: 'gitlab-ci-local',
  unit: 'files',
  version: async () => npmVersion('gitlab-ci-local'),
  appliesTo: svc =>
    svc.has('.gitlab-ci.yml') ? [svc.item('.gitlab-ci.yml')] : [],
  async check(results, svc, items) {
    const repo = join(svc.work, 'gitlab-repo');
    cpSync(svc.dir, repo, { recursive: true });
    try {
      const sh =
        'git init -q -b main && git add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm lint ' +
        '&& git remote add origin https://gitlab.example.com/acme/service.git';
      const g = await run('sh', ['-c', sh], { cwd: repo });
      const r = g.code
        ? g
        : await run(
            join(NODE_TOOLS, 'node_modules/.bin/gitlab-ci-local'),
            ['--list-all'],
            { cwd: repo },
          );
      const log = `${r.out}\n${r.err}`;
      const ok = r.code === 0 && /json schema validated/.test(log);
      const message =
        log
          .split('\n')
          .filter(l => /error|invalid|must|not|unknown/i.test(l))
          .slice(0, 8)
          .join(' | ') || log.slice(-600);
      results.record(
        this.name,
        svc,
        items[0],
        ok ? [] : [{ rule: 'schema', message }],
        this.unit,
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  },
  // `stages` must be a list of names, not of objects.
  breakage: {
    case: { ci: 'gitlab-ci', deployment: 'helm' },
    blueprint: 'layers/gitlab-ci',
    source: 'files/.gitlab-ci.yml.njk',
    file: '.gitlab-ci.yml',
    rule: 'schema',
    break: text => text.replace(/^stages:\n/m, 'stages:\n  - name: lint\n'),
  },
};
