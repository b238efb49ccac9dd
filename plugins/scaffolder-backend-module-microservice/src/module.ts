import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { createGithubCheckAction, createRenderAction } from './actions';
import {
  blueprintDirectoriesFromConfig,
  defaultChoicesFromConfig,
  imageRegistryFromConfig,
} from './config';
import { filterDefinitions, toTemplateFilters } from './filters';
import { createServiceRenderer } from './renderer';

/**
 * Adds `microservice:github:check`, `microservice:render` and the case/escape filters to the
 * scaffolder.
 * @public
 */
export const scaffolderModuleMicroservice = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'microservice',
  register({ registerInit }) {
    registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        templating: scaffolderTemplatingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ actions, templating, config, logger }) {
        const integrations = ScmIntegrations.fromConfig(config);
        const renderer = await createServiceRenderer({
          blueprintDirectories: blueprintDirectoriesFromConfig(config),
          defaults: defaultChoicesFromConfig(config),
          imageRegistry: imageRegistryFromConfig(config),
          integrations,
        });
        logger.info(
          `Blueprints: stacks ${renderer.choices.stacks.join(', ')}; ${renderer.catalog.layers.size} layers`,
        );
        actions.addActions(
          createGithubCheckAction({ integrations }),
          createRenderAction({ renderer }),
        );
        templating.addTemplateFilters(toTemplateFilters(filterDefinitions));
      },
    });
  },
});
