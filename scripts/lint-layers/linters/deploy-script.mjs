// deploy.sh --dry-run: both environments render (kustomize/helm) and succeed; bad arguments are
// refused.
import { run } from '../lib/pool.mjs';

const GOOD = [
  ['staging', 'sha-0123456789abcdef'],
  ['production', 'sha-0123456789abcdef'],
];
const BAD = [
  ['staging', 'bad/tag'],
  ['qa', 'sha-1'],
  ['staging'],
  ['--bogus', 'staging', 'sha-1'],
];

export default {
  name: 'deploy.sh',
  unit: 'scripts',
  version: async () => '--dry-run (helm/kustomize)',
  appliesTo: svc => (svc.has('deploy.sh') ? [svc.item('deploy.sh')] : []),
  async check(results, svc, items) {
    const problems = [];
    for (const argv of GOOD) {
      // --dry-run renders locally with kustomize/helm and prints the commands it would run.
      const r = await run('./deploy.sh', ['--dry-run', ...argv], {
        cwd: svc.dir,
      });
      if (r.code)
        problems.push({
          rule: 'dry-run',
          message: `deploy.sh --dry-run ${argv.join(' ')}: ${r.err || r.out}`,
        });
    }
    for (const argv of BAD) {
      const r = await run('./deploy.sh', ['--dry-run', ...argv], {
        cwd: svc.dir,
      });
      if (r.code === 0)
        problems.push({
          rule: 'rejects-bad-args',
          message: `deploy.sh --dry-run ${argv.join(' ')} succeeded`,
        });
    }
    results.record(this.name, svc, items[0], problems, this.unit);
  },
  // The tag check lets a slash through, so `staging bad/tag` is accepted.
  breakage: {
    case: { ci: 'gitlab-ci', deployment: 'helm' },
    blueprint: 'layers/deploy-script',
    source: 'files/deploy.sh.njk',
    file: 'deploy.sh',
    rule: 'rejects-bad-args',
    break: text =>
      text.replace('[A-Za-z0-9_.-]{0,127}', '[A-Za-z0-9_./-]{0,127}'),
  },
};
