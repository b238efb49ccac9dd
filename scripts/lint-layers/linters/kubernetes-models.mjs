// kubernetes-models (+ prometheus-operator): every object of every manifest (kustomize files,
// overlay builds, helm template output) against its API schema, plus the project rule that every
// container has a read-only root filesystem (validate-k8s.mjs).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, NODE_TOOLS } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { npmVersion } from '../lib/versions.mjs';

const VALIDATOR = join(NODE_TOOLS, 'validate-k8s.mjs');
let copied = false;

export default {
  name: 'kubernetes-models',
  unit: 'objects',
  stage: 'manifests',
  version: async () =>
    `${npmVersion('kubernetes-models')} (+ prometheus-operator ${npmVersion('@kubernetes-models/prometheus-operator')})`,
  appliesTo: svc => svc.manifests(),
  async check(results, svc, items) {
    if (!copied) {
      // Next to the tools' node_modules, where its imports resolve.
      copyFileSync(join(HERE, 'validate-k8s.mjs'), VALIDATOR);
      copied = true;
    }
    const v = await run(process.execPath, [
      VALIDATOR,
      ...items.map(i => i.path),
    ]);
    const reports = v.out
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line));
    for (const r of reports) {
      const item = items.find(i => i.path === r.file);
      if (!item)
        throw new Error(
          `validate-k8s.mjs reported a file it was not given: ${r.file}`,
        );
      results.record(
        this.name,
        svc,
        item,
        r.problems.map(p => ({
          rule: p.rule,
          message: r.object ? `${r.object}: ${p.message}` : p.message,
        })),
        this.unit,
      );
    }
    const failed = reports.some(r => r.problems.length);
    if (v.code !== (failed ? 1 : 0))
      throw new Error(`validate-k8s.mjs exit ${v.code}: ${v.err || v.out}`);
  },
  // A Service port that is no number (kustomize passes it through; only the schema refuses it).
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'layers/kubernetes',
    source: 'files/deploy/kubernetes/base/service.yaml.njk',
    file: 'deploy/kubernetes/base/service.yaml',
    rule: 'schema',
    break: text => text.replace(/^( +port: )80$/m, (_, key) => `${key}eighty`),
  },
};
