export * from './rules';
export { parseServiceInput, serviceInputSchema } from './serviceInput';
export type { InstalledChoices, ServiceInput } from './serviceInput';
export { installedChoices } from './installedChoices';
export { normaliseServiceInput } from './normaliseServiceInput';
export type { RepositoryLocation } from './normaliseServiceInput';
export type * from './serviceSpec';
