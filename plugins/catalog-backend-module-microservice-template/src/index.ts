/**
 * A catalog module for the Microservice template: its form offers the stacks and options the
 * installed blueprints implement.
 *
 * @packageDocumentation
 */
export { catalogModuleMicroserviceTemplate as default } from './module';
export { formChoices } from './formChoices';
export type { FormChoice, FormChoices } from './formChoices';
export {
  INSTALLED_CHOICES_ANNOTATION,
  withInstalledChoices,
} from './withInstalledChoices';
