// helm template of each chart × values file, as on a cluster with the Prometheus Operator
// (--api-versions …/ServiceMonitor). Produces one manifest per template for the manifest linters.
import { join, relative } from 'node:path';
import { BIN } from '../lib/env.mjs';
import { helmCases } from '../lib/helm.mjs';
import { run } from '../lib/pool.mjs';
import { isYaml, walk } from '../lib/service.mjs';
import { pinned } from '../lib/versions.mjs';

export default {
  name: 'helm template',
  unit: 'chart values',
  version: async () => pinned('HELM_VERSION'),
  appliesTo: helmCases,
  async check(results, svc, items) {
    await Promise.all(
      items.map(async i => {
        const outDir = join(svc.work, `helm-${i.name}-${i.env}`);
        const tpl = await run(
          join(BIN, 'helm'),
          [
            'template',
            i.name,
            i.chart,
            '--namespace',
            `${i.name}-${i.env}`,
            ...i.values,
            '--set-string',
            'image.tag=sha-0123456789abcdef',
            '--api-versions',
            'monitoring.coreos.com/v1/ServiceMonitor',
            '--output-dir',
            outDir,
          ],
          { cwd: svc.dir },
        );
        const rendered = tpl.code ? [] : walk(outDir).filter(isYaml).sort();
        let problems = [];
        if (tpl.code)
          problems = [
            { rule: 'template', message: tpl.err || `exit ${tpl.code}` },
          ];
        else if (!rendered.length)
          problems = [{ rule: 'template', message: 'rendered no manifest' }];
        results.record(this.name, svc, i, problems, this.unit);
        for (const path of rendered) {
          const file = `${i.chart}/${relative(join(outDir, i.name), path)} [${i.env}]`;
          svc.derived.push({ path, file, layer: svc.layerOf(file) });
        }
      }),
    );
  },
  // A values path that does not exist, in the ServiceMonitor: helm lint never renders it (its
  // cluster has no Prometheus Operator), helm template here does.
  breakage: {
    case: { ci: 'gitlab-ci', deployment: 'helm' },
    blueprint: 'layers/helm',
    source:
      'files/deploy/helm/{{ spec.name.kebab }}/templates/servicemonitor.yaml',
    file: 'deploy/helm/',
    rule: 'template',
    break: text =>
      text.replace('.Values.metrics.path', '.Values.metrics.selfTest.path'),
  },
};
