// kustomize build of each overlay. Produces the built manifests for the manifest linters.
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BIN } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { versionFrom } from '../lib/versions.mjs';

export default {
  name: 'kustomize',
  unit: 'overlays',
  version: () =>
    versionFrom(join(BIN, 'kustomize'), ['version'], /(v\d+\.\d+\.\d+)/),
  appliesTo: svc =>
    svc.files
      .filter(f =>
        /^deploy\/kubernetes\/overlays\/[^/]+\/kustomization\.ya?ml$/.test(f),
      )
      .map(f => ({ ...svc.item(f), dir: dirname(f), file: dirname(f) })),
  async check(results, svc, items) {
    await Promise.all(
      items.map(async i => {
        const r = await run(join(BIN, 'kustomize'), ['build', i.dir], {
          cwd: svc.dir,
        });
        results.record(
          this.name,
          svc,
          i,
          r.code ? [{ rule: 'build', message: r.err || `exit ${r.code}` }] : [],
          this.unit,
        );
        if (r.code) return;
        const out = join(svc.work, `kustomize-${basename(i.dir)}.yaml`);
        writeFileSync(out, r.out);
        svc.derived.push({
          path: out,
          file: `${i.dir} [kustomize build]`,
          layer: i.layer,
        });
      }),
    );
  },
  // A resource that does not exist; deploy.sh --dry-run builds the overlay too, so it fails as well.
  breakage: {
    case: { ci: 'jenkins', deployment: 'kubernetes' },
    blueprint: 'layers/kubernetes',
    source: 'files/deploy/kubernetes/overlays/staging/kustomization.yaml.njk',
    file: 'deploy/kubernetes/overlays/staging',
    rule: 'build',
    alsoFails: ['deploy.sh'],
    break: text =>
      text.replace(
        /^resources:\n/m,
        match => `${match}  - ../../self-test-missing\n`,
      ),
  },
};
