import type { ScmIntegrationRegistry } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './catalogCheck.examples';

export const CATALOG_CHECK_ACTION_ID = 'microservice:catalog:check';

/** The entity a Component registration is about: the Component, else the first entity. */
function mainEntity(entities: Entity[]): Entity | undefined {
  return entities.find(e => e.kind === 'Component') ?? entities[0];
}

/**
 * Reads the published catalog-info.yaml through the catalog (a dry-run registration: it parses
 * and validates the entities and stores nothing) before `catalog:register` runs. Backstage's
 * `catalog:register` stores the Location first and reads the file second, so a file it cannot
 * read would leave a Location behind in a failed task; checked here, a failure leaves nothing.
 * It also says whether the Location is already registered, so a retried or resumed task skips
 * `catalog:register` (which would fail on the existing Location) instead of registering twice;
 * with `requireRegistered`, run after `catalog:register`, it confirms the registration.
 */
export function createCatalogCheckAction(options: {
  catalog: CatalogService;
  integrations: ScmIntegrationRegistry;
}) {
  const { catalog, integrations } = options;

  return createTemplateAction({
    id: CATALOG_CHECK_ACTION_ID,
    description:
      'Checks that the catalog can read and accept a published catalog-info.yaml, and whether it is registered already.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              'The repository contents URL, as publish:github outputs it',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .default('/catalog-info.yaml')
            .describe('Path of the catalog file in the repository'),
        requireRegistered: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Fail unless the Location is registered: run after catalog:register to confirm it',
            ),
      },
      output: {
        catalogInfoUrl: z =>
          z.string().describe('The URL the catalog reads the entities from'),
        entityRef: z =>
          z
            .string()
            .describe(
              'The Component the file declares, e.g. component:default/orders-service',
            ),
        registered: z =>
          z
            .boolean()
            .describe(
              'Whether a Location for this URL is registered already (catalog:register must then be skipped)',
            ),
      },
    },
    async handler(ctx) {
      const { repoContentsUrl, catalogInfoPath, requireRegistered } = ctx.input;
      if (ctx.isDryRun) {
        // Nothing is published in a dry run (publish:github outputs placeholders): nothing to read.
        ctx.logger.info(
          `Dry run: would read ${catalogInfoPath} from ${repoContentsUrl}`,
        );
        ctx.output('catalogInfoUrl', '');
        ctx.output('entityRef', '');
        ctx.output('registered', false);
        return;
      }
      const integration = integrations.byUrl(repoContentsUrl);
      if (!integration) {
        throw new InputError(`No integration found for ${repoContentsUrl}`);
      }
      const catalogInfoUrl = integration.resolveUrl({
        base: repoContentsUrl,
        url: catalogInfoPath,
      });
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      const credentials = await ctx.getInitiatorCredentials();
      const location = { type: 'url', target: catalogInfoUrl };
      const registered =
        (await catalog.getLocationByRef(`url:${catalogInfoUrl}`, {
          credentials,
        })) !== undefined;
      const entities = await catalog
        .addLocation({ ...location, dryRun: true }, { credentials })
        .then(
          result => result.entities,
          error => {
            const what = registered
              ? 'Its Location is registered: the catalog adds the service once the file can be read.'
              : 'Nothing was registered; retry the task once the file can be read.';
            throw new Error(
              `The catalog cannot read ${catalogInfoUrl}: ${(error as Error).message}. ${what}`,
            );
          },
        );
      if (requireRegistered && !registered) {
        throw new Error(
          `${catalogInfoUrl} is not registered in the catalog: catalog:register did not store its Location. Retry the task to register it.`,
        );
      }
      const entity = mainEntity(entities);
      if (!entity) {
        throw new InputError(
          `${catalogInfoUrl} declares no entity; nothing was registered`,
        );
      }
      const entityRef = stringifyEntityRef(entity);
      ctx.logger.info(
        `The catalog reads ${entities.length} entities from ${catalogInfoUrl} (${entityRef})${
          registered ? '; its Location is registered already' : ''
        }`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('registered', registered);
    },
  });
}
