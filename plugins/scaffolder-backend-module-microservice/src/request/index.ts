export * from './rules';
export {
  parseServiceInput,
  repoUrlProblem,
  serviceInputSchema,
} from './serviceInput';
export * from './reservedWords';
export type { InstalledChoices, ServiceInput } from './serviceInput';
export { installedChoices } from './installedChoices';
export type { DefaultChoices } from './installedChoices';
export { normaliseServiceInput } from './normaliseServiceInput';
export type { RepositoryLocation } from './normaliseServiceInput';
export type * from './serviceSpec';
export * from './fieldTypes';
export {
  DEFAULT_FIELDS,
  FIELD_NAMES_TAKEN,
  fieldInputSchema,
} from './fieldInput';
export type { FieldInput } from './fieldInput';
export type * from './fieldSpec';
export type { DatabaseSpec } from './database';
export { POSTGRESQL } from './database';
export { assertNamesAllowed, reservedNameProblems } from './reservedNames';
export type { LanguageWords } from './reservedNames';
export { NO_OPTION, installedOptions } from './installedChoices';
