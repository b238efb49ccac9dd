/** Where a generated file came from. */
export type FileOrigin =
  | {
      /** A blueprint's file: `source` is its path under `files/`, as written. */
      kind: 'stack' | 'layer';
      blueprint: string;
      source: string;
    }
  | {
      /** Written by the render action itself (the provenance file). */
      kind: 'renderer';
    };

/** One file of the generated service, before it is written. */
export interface RenderedFile {
  /** POSIX path relative to the service root. */
  path: string;
  content: Buffer;
  executable: boolean;
  /** The blueprint and source file it came from, for error messages and duplicate detection. */
  origin: FileOrigin;
}

/** The origin in words, e.g. `layer "helm", file deploy/helm/…/values.yaml.njk`. */
export function describeOrigin(origin: FileOrigin): string {
  return origin.kind === 'renderer'
    ? 'microservice:render'
    : `${origin.kind} "${origin.blueprint}", file ${origin.source}`;
}
