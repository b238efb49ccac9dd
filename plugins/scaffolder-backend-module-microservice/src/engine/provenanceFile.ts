import { stringify as stringifyYaml } from 'yaml';
import type { JsonObject } from '@backstage/types';
import type { ComposedService } from './composeService';
import type { RenderedFile } from './renderedFile';

export const PROVENANCE_FILE = '.microservice-scaffolder.yaml';
/** Annotation on a template entity naming its version, recorded in the generated service. */
export const TEMPLATE_VERSION_ANNOTATION =
  'microservice-scaffolder/template-version';

export interface Provenance {
  /** The template entity that ran, and its version annotation when it has one. */
  template?: { ref: string; version?: string };
  /** This package's version: the blueprint engine's. */
  generator: { name: string; version: string };
  answers: JsonObject;
}

/**
 * How the service was made: template and blueprint versions and the normalised answers. With
 * it, a later template version can be re-applied to the repository (as copier does).
 */
export function provenanceFile(
  service: ComposedService,
  provenance: Provenance,
): RenderedFile {
  const document = {
    template: provenance.template,
    generator: provenance.generator,
    // Name, version and content hash of each blueprint: an upgrade re-renders the base from
    // exactly these (the hash tells a locally changed blueprint from the released version).
    blueprints: {
      stack: {
        name: service.stack.manifest.name,
        version: service.stack.manifest.version,
        contentHash: service.stack.contentHash,
      },
      layers: service.layers.map(layer => ({
        name: layer.manifest.name,
        version: layer.manifest.version,
        contentHash: layer.contentHash,
      })),
    },
    answers: provenance.answers,
  };
  const header =
    '# Written by the microservice:render scaffolder action. Keep it: a newer template\n' +
    '# version is re-applied to this repository from these answers.\n';
  return {
    path: PROVENANCE_FILE,
    content: Buffer.from(header + stringifyYaml(document), 'utf8'),
    executable: false,
    origin: { kind: 'renderer' },
  };
}
