import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
// The zod the scaffolder hands to action schemas.
import type { z as zodV3 } from 'zod/v3';
import type { ServiceRenderer } from '../renderer';

type Zod = typeof zodV3;

/** What the upgrade actions need from the backend. */
export interface UpgradeActionOptions {
  renderer: ServiceRenderer;
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
}

/**
 * The template whose services are upgraded when a step names none. The scaffolder checks inputs
 * against the schema's JSON form and applies no defaults: handlers fall back to it themselves.
 */
export const DEFAULT_TEMPLATE_REF = 'template:default/microservice';

/** The inputs both upgrade actions take: which template made the services, what to change. */
export const upgradeInputs = {
  templateRef: (z: Zod) =>
    z
      .string()
      .default(DEFAULT_TEMPLATE_REF)
      .describe('The template that made the services'),
  answers: (z: Zod) =>
    z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'Answers to change in the same upgrade, e.g. { ci: gitlab-ci } or { tracing: true }',
      ),
};
