// shellcheck: `*.sh` and executable shell scripts; deploy.sh must also be executable.
import { readFileSync, statSync } from 'node:fs';
import { run } from '../lib/pool.mjs';
import { versionFrom } from '../lib/versions.mjs';

const isShellScript = (svc, f) => {
  if (f.endsWith('.sh')) return true;
  const path = `${svc.dir}/${f}`;
  if (!(statSync(path).mode & 0o111)) return false;
  return /^#!.*\b(ba|da)?sh\b/.test(readFileSync(path, 'utf8').split('\n')[0]);
};

export default {
  name: 'shellcheck',
  unit: 'files',
  version: () => versionFrom('shellcheck', ['--version']),
  appliesTo: svc =>
    svc.files.filter(f => isShellScript(svc, f)).map(f => svc.item(f)),
  async check(results, svc, items) {
    await Promise.all(
      items.map(async i => {
        const r = await run('shellcheck', ['-f', 'json1', '-x', i.file], {
          cwd: svc.dir,
        });
        let problems;
        try {
          problems = JSON.parse(r.out).comments.map(c => ({
            line: `${c.line}:${c.column}`,
            rule: `SC${c.code}`,
            message: c.message,
          }));
        } catch {
          problems = [{ rule: 'run', message: r.err || r.out }];
        }
        if (r.code !== 0 && !problems.length)
          problems.push({ rule: 'run', message: r.err || `exit ${r.code}` });
        if (i.file === 'deploy.sh' && !(statSync(i.path).mode & 0o100))
          problems.push({
            rule: 'executable',
            message: 'deploy.sh is not executable',
          });
        results.record(this.name, svc, i, problems, this.unit);
      }),
    );
  },
  // An unquoted expansion (SC2086) that changes nothing at run time.
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'layers/deploy-script',
    source: 'files/deploy.sh.njk',
    file: 'deploy.sh',
    rule: 'SC2086',
    break: text =>
      text.replace(
        /^set -euo pipefail\n/m,
        match => `${match}echo $0 >/dev/null\n`,
      ),
  },
};
