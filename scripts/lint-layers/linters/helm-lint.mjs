// helm lint --strict of each chart × values file (warnings fail).
import { join } from 'node:path';
import { BIN } from '../lib/env.mjs';
import { helmCases } from '../lib/helm.mjs';
import { run } from '../lib/pool.mjs';
import { pinned } from '../lib/versions.mjs';

export default {
  name: 'helm lint',
  unit: 'chart values',
  // `go install` leaves helm's version ldflags unset (it prints "v3.22"): take the pin.
  version: async () => pinned('HELM_VERSION'),
  appliesTo: helmCases,
  async check(results, svc, items) {
    await Promise.all(
      items.map(async i => {
        const lint = await run(
          join(BIN, 'helm'),
          ['lint', '--strict', i.chart, ...i.values],
          { cwd: svc.dir },
        );
        const problems = lint.code
          ? (lint.out + lint.err)
              .split('\n')
              .filter(l => /\[(ERROR|WARNING)\]|Error/.test(l))
              .map(l => ({ rule: 'lint', message: l }))
          : [];
        if (lint.code && !problems.length)
          problems.push({ rule: 'lint', message: lint.out + lint.err });
        results.record(this.name, svc, i, problems, this.unit);
      }),
    );
  },
  // A maintainer e-mail that is none: only lint checks it (helm template loads the chart fine).
  breakage: {
    case: { ci: 'gitlab-ci', deployment: 'helm' },
    blueprint: 'layers/helm',
    source: 'files/deploy/helm/{{ spec.name.kebab }}/Chart.yaml.njk',
    file: 'deploy/helm/',
    rule: 'lint',
    break: text =>
      `${text.trimEnd()}\nmaintainers:\n  - name: self-test\n    email: not-an-email\n`,
  },
};
