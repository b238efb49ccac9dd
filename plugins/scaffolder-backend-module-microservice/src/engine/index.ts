export type {
  Blueprint,
  Layer,
  SourceFile,
  Stack,
  StackManifest,
  LayerManifest,
} from './blueprint';
export { commandRoles, requiredCommandRoles } from './manifest';
export type { Command, CommandRole } from './manifest';
export { composeService, stackContext, stackFor } from './composeService';
export type {
  ComposedService,
  RenderContext,
  StackContext,
} from './composeService';
export { createRenderEnvironment } from './environment';
export {
  builtInBlueprintsDirectory,
  loadBlueprints,
  type BlueprintCatalog,
} from './loadBlueprints';
export {
  PROVENANCE_FILE,
  provenanceFile,
  TEMPLATE_VERSION_ANNOTATION,
} from './provenanceFile';
export type { Provenance } from './provenanceFile';
export { describeOrigin } from './renderedFile';
export type { FileOrigin, RenderedFile } from './renderedFile';
export type { Fragment } from './renderBlueprint';
export { writeRenderedFiles } from './writeFiles';
