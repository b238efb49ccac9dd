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
