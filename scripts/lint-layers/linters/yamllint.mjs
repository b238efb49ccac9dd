// yamllint: every YAML file a layer writes (Helm templates only after `helm template`), and every
// manifest kustomize/helm produce, with the stricter-layout settings for each.
import { join } from 'node:path';
import { HERE } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { isHelmTemplate, isYaml } from '../lib/service.mjs';
import { versionFrom } from '../lib/versions.mjs';

const LAYER_CONFIG = join(HERE, 'yamllint.yaml');
const MANIFEST_CONFIG = join(HERE, 'yamllint-manifests.yaml');

export default {
  name: 'yamllint',
  unit: 'files',
  stage: 'manifests',
  version: () => versionFrom('yamllint', ['--version']),
  appliesTo: svc => [
    ...svc.files
      .filter(f => isYaml(f) && !isHelmTemplate(f))
      .map(f => ({ ...svc.item(f), config: LAYER_CONFIG })),
    ...svc.derived.map(m => ({ ...m, config: MANIFEST_CONFIG })),
  ],
  async check(results, svc, items) {
    for (const config of new Set(items.map(i => i.config))) {
      const group = items.filter(i => i.config === config);
      const r = await run('yamllint', [
        '-s',
        '-f',
        'parsable',
        '-c',
        config,
        ...group.map(i => i.path),
      ]);
      const byPath = new Map(group.map(i => [i.path, []]));
      for (const line of r.out.split('\n')) {
        const m = /^(.*?):(\d+):(\d+): \[(\w+)\] (.*?)(?: \(([\w-]+)\))?$/.exec(
          line,
        );
        if (m)
          byPath.get(m[1])?.push({
            line: `${m[2]}:${m[3]}`,
            rule: m[6] ?? m[4],
            message: m[5],
          });
      }
      if (r.code !== 0 && [...byPath.values()].every(p => !p.length))
        byPath
          .get(group[0].path)
          .push({ rule: 'run', message: r.err || r.out || `exit ${r.code}` });
      for (const i of group)
        results.record(this.name, svc, i, byPath.get(i.path), this.unit);
    }
  },
  // A comment line over the 120-column limit (yamllint.yaml): nothing else reads mkdocs.yml.
  breakage: {
    case: { ci: 'jenkins', deployment: 'kubernetes' },
    blueprint: 'layers/techdocs',
    source: 'files/mkdocs.yml.njk',
    file: 'mkdocs.yml',
    rule: 'line-length',
    break: text =>
      `# ${'this comment is far too long for the layer settings of yamllint'.repeat(2)}\n${text}`,
  },
};
