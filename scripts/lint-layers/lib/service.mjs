// A rendered service: its files, the layer each came from (render-matrix.ts writes
// `<case>.origins.tsv` beside it), and the manifests derived from it (kustomize build, helm
// template output), which the manifest linters check after the producers have run.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export const isYaml = f => /\.ya?ml$/.test(f);
export const isHelmTemplate = f => /^deploy\/helm\/[^/]+\/templates\//.test(f);

export function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export class Service {
  constructor(dir, work) {
    this.dir = dir;
    this.name = basename(dir);
    /** A private scratch folder for derived output. */
    this.work = join(work, this.name);
    mkdirSync(this.work, { recursive: true });
    this.origins = new Map();
    const tsv = `${dir}.origins.tsv`;
    if (existsSync(tsv))
      for (const row of readFileSync(tsv, 'utf8').split('\n').filter(Boolean)) {
        const [path, blueprint] = row.split('\t');
        this.origins.set(
          path,
          blueprint === 'microservice:render' ? 'renderer' : blueprint,
        );
      }
    this.files = walk(dir)
      .map(f => relative(dir, f))
      .sort();
    /** Manifests produced from the service: [{path (absolute), file (label), layer}]. */
    this.derived = [];
  }

  /** The layer a file (or a derived label, `path [how]`) came from. */
  layerOf(file) {
    const path = file.replace(/ \[.*\]$/, '');
    if (this.origins.has(path)) return this.origins.get(path);
    if (path.startsWith('deploy/kubernetes/')) return 'kubernetes';
    if (path.startsWith('deploy/helm/')) return 'helm';
    return 'unknown-layer';
  }

  has(path) {
    return existsSync(join(this.dir, path));
  }

  /** A file of the service as a linter input: {path, file, layer}. */
  item(file) {
    return { path: join(this.dir, file), file, layer: this.layerOf(file) };
  }

  /**
   * Every Kubernetes manifest: the kustomize files as written (not kustomization.yaml) and the
   * derived ones. Helm templates are not manifests until `helm template` renders them.
   */
  manifests() {
    return [
      ...this.files
        .filter(
          f =>
            f.startsWith('deploy/kubernetes/') &&
            isYaml(f) &&
            !/kustomization\.ya?ml$/.test(f),
        )
        .map(f => this.item(f)),
      ...this.derived,
    ];
  }
}
