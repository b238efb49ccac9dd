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
  writeRenderedFiles,
  PROVENANCE_FILE,
} from './engine';
export type { RenderedFile, StackFacts } from './engine';
export { filterDefinitions, filtersByName } from './filters';
export * from './spec';
