import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  blueprintDirectoriesFromConfig,
  defaultChoicesFromConfig,
  installedChoices,
  loadBlueprints,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { formChoices } from './formChoices';
import { InstalledChoicesProcessor } from './installedChoicesProcessor';

/**
 * Makes the Microservice template's form offer what is installed: the same blueprint folders
 * and defaults (`microserviceScaffolder.*`) the render action reads.
 * @public
 */
export const catalogModuleMicroserviceTemplate = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'microservice-template',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        const blueprints = await loadBlueprints(
          blueprintDirectoriesFromConfig(config),
        );
        const choices = installedChoices(
          blueprints,
          defaultChoicesFromConfig(config),
        );
        catalog.addProcessor(
          new InstalledChoicesProcessor(formChoices(blueprints, choices)),
        );
      },
    });
  },
});
