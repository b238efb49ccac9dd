import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import {
  createCatalogCheckAction,
  createGithubCheckAction,
  createGithubPublishAction,
  createRenderAction,
  createUpgradeAction,
  createUpgradeFleetAction,
} from './actions';
import {
  blueprintDirectoriesFromConfig,
  defaultChoicesFromConfig,
  imageRegistryFromConfig,
} from './config';
import { filterDefinitions, toTemplateFilters } from './filters';
import { createServiceRenderer } from './renderer';

/**
 * Adds `microservice:github:check`, `microservice:render`, `microservice:github:publish`,
 * `microservice:catalog:check`, `microservice:upgrade`, `microservice:upgrade:fleet` and the
 * case/escape filters to the scaffolder.
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
        catalog: catalogServiceRef,
      },
      async init({ actions, templating, config, logger, catalog }) {
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
          createGithubPublishAction({ integrations, config }),
          createRenderAction({ renderer }),
          createCatalogCheckAction({ catalog, integrations }),
          createUpgradeAction({ renderer, integrations, catalog }),
          createUpgradeFleetAction({ renderer, integrations, catalog }),
        );
        templating.addTemplateFilters(toTemplateFilters(filterDefinitions));
      },
    });
  },
});
