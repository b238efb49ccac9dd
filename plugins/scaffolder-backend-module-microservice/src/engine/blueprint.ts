import type {
  BlueprintManifest,
  LayerManifest,
  StackManifest,
} from './manifest';

export { blueprintManifestSchema } from './manifest';
export type { BlueprintManifest, LayerManifest, StackManifest };

/** One file under a blueprint's `files/` or `fragments/`, read once when blueprints load. */
export interface SourceFile {
  /** POSIX path relative to `files/` (or `fragments/`), as written: `src/{{ … }}/main.py.njk`. */
  path: string;
  content: Buffer;
  executable: boolean;
}

/** A manifest together with the folder it was read from and the files under it. */
export type Blueprint<M extends BlueprintManifest = BlueprintManifest> = {
  manifest: M;
  /** Absolute path of the folder holding `blueprint.yaml`, `files/` and `fragments/`. */
  directory: string;
  /**
   * sha256 of the manifest and every file under the folder: with the version, what an upgrade
   * needs to know it re-renders exactly the blueprint that made a repository.
   */
  contentHash: string;
  /** `files/`: written into the service (rendered when they end in .njk). */
  files: SourceFile[];
  /** `fragments/<slot>/…`: rendered text other files include (`fragments.<slot>`). */
  fragments: SourceFile[];
};

export type Stack = Blueprint<StackManifest>;
export type Layer = Blueprint<LayerManifest>;
