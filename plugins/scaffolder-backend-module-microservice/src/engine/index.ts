export type { Blueprint, Layer, Stack, StackFacts } from './blueprint';
export { composeService } from './composeService';
export type { ComposedService, RenderContext } from './composeService';
export { createRenderEnvironment } from './environment';
export {
  builtInBlueprintsDirectory,
  loadBlueprints,
  type BlueprintCatalog,
} from './loadBlueprints';
export { PROVENANCE_FILE, provenanceFile } from './provenanceFile';
export type { Provenance } from './provenanceFile';
export type { RenderedFile } from './renderedFile';
export { writeRenderedFiles } from './writeFiles';
