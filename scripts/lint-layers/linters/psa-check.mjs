// psa-check (k8s.io/pod-security-admission, the API server's own code): every pod template in the
// manifests, at the "restricted" level; workloads are decoded strictly (unknown fields fail).
// Counts pod templates: Services, ConfigMaps, … have none and are not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, HERE } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';

export default {
  name: 'psa-check',
  unit: 'pod templates',
  stage: 'manifests',
  version: async () =>
    `${/k8s\.io\/pod-security-admission (v\S+)/.exec(readFileSync(join(HERE, 'psa-check/go.mod'), 'utf8'))?.[1]} (restricted)`,
  appliesTo: svc => svc.manifests(),
  async check(results, svc, items) {
    const psa = await run(join(BIN, 'psa-check'), [
      '-level',
      'restricted',
      ...items.map(i => i.path),
    ]);
    if (psa.code > 1) throw new Error(`psa-check exit ${psa.code}: ${psa.err}`);
    const reports = psa.out
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line));
    for (const r of reports) {
      const item = items.find(i => i.path === r.file);
      if (!item)
        throw new Error(
          `psa-check reported a file it was not given: ${r.file}`,
        );
      results.record(
        this.name,
        svc,
        item,
        r.problems.map(p => ({
          rule: p.rule,
          message: `${r.object}: ${p.message}`,
        })),
        this.unit,
      );
    }
    const failed = reports.some(r => r.problems.length);
    if (psa.code !== (failed ? 1 : 0))
      throw new Error(`psa-check exit ${psa.code}: ${psa.err || psa.out}`);
  },
  // The pod may run as root.
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'layers/kubernetes',
    source: 'files/deploy/kubernetes/base/deployment.yaml.njk',
    file: 'deploy/kubernetes/base/deployment.yaml',
    rule: 'restricted',
    break: text => text.replace(/runAsNonRoot: true/g, 'runAsNonRoot: false'),
  },
};
