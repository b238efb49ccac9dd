/**
 * The Microservice scaffolder module: the `microservice:render` action, its blueprint engine and
 * template filters.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMicroservice as default } from './module';
export * from './actions';
export { createServiceRenderer } from './renderer';
export type { RenderedService, ServiceRenderer } from './renderer';
export {
  builtInBlueprintsDirectory,
  loadBlueprints,
  writeRenderedFiles,
  PROVENANCE_FILE,
} from './engine';
export type { BlueprintCatalog } from './engine';
export {
  blueprintDirectoriesFromConfig,
  defaultChoicesFromConfig,
} from './config';
export { commandRoles, describeOrigin, requiredCommandRoles } from './engine';
export type {
  CommandRole,
  FileOrigin,
  RenderContext,
  RenderedFile,
  StackContext,
  StackManifest,
} from './engine';
export * from './api';
export { filterDefinitions, filtersByName } from './filters';
export * from './request';
