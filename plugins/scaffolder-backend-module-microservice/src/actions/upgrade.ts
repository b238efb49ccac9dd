import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { templateProvenance, upgradeService } from '../upgrade';
import { githubRepositoryInputs } from './githubInputs';
import {
  DEFAULT_TEMPLATE_REF,
  upgradeInputs,
  type UpgradeActionOptions,
} from './upgradeInputs';
import { examples } from './upgrade.examples';

export const UPGRADE_ACTION_ID = 'microservice:upgrade';

/**
 * Upgrades one service made by the Microservice template to today's blueprints, as a pull
 * request that keeps the team's own changes (a three-way merge over the repository's template
 * branch). A service already current gets none; a re-run updates the same pull request.
 */
export function createUpgradeAction(options: UpgradeActionOptions) {
  const { renderer, integrations, catalog } = options;

  return createTemplateAction({
    id: UPGRADE_ACTION_ID,
    description:
      'Upgrades a service made by the Microservice template to the installed blueprints, as a pull request that keeps the team’s changes.',
    examples,
    schema: {
      input: {
        ...upgradeInputs,
        ...githubRepositoryInputs,
      },
      output: {
        status: z =>
          z
            .enum(['current', 'upgraded', 'conflicting'])
            .describe(
              'current: nothing to do; upgraded: a clean pull request; conflicting: a pull request with conflicts to resolve',
            ),
        pullRequestUrl: z =>
          z.string().optional().describe('The upgrade’s pull request'),
        conflicts: z =>
          z
            .array(z.string())
            .describe('Files both the template and the team changed'),
      },
    },
    async handler(ctx) {
      const started = Date.now();
      const upgrade = await upgradeService({
        renderer,
        integrations,
        repoUrl: ctx.input.repoUrl,
        token: ctx.input.token,
        answers: ctx.input.answers as JsonObject | undefined,
        template: await templateProvenance(
          catalog,
          ctx.input.templateRef ?? DEFAULT_TEMPLATE_REF,
          await ctx.getInitiatorCredentials(),
        ),
      });
      ctx.output('status', upgrade.status);
      ctx.output('conflicts', upgrade.conflicts);
      if (!upgrade.pullRequest) {
        ctx.logger.info(`${ctx.input.repoUrl} is current: no pull request`);
        return;
      }
      const { action, url } = upgrade.pullRequest;
      ctx.logger.info(
        `${action === 'opened' ? 'Opened' : 'Updated'} ${url}${
          upgrade.conflicts.length
            ? `, with conflicts in ${upgrade.conflicts.join(', ')}`
            : ''
        } in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      ctx.output('pullRequestUrl', url);
    },
  });
}
