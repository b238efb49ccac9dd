import { InputError } from '@backstage/errors';
import {
  ANNOTATION_SOURCE_LOCATION,
  parseLocationRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { templateProvenance, upgradeService } from '../upgrade';
import { inPool } from '../upgrade/pool';
import {
  DEFAULT_TEMPLATE_REF,
  upgradeInputs,
  type UpgradeActionOptions,
} from './upgradeInputs';
import { examples } from './upgradeFleet.examples';

export const UPGRADE_FLEET_ACTION_ID = 'microservice:upgrade:fleet';
const DEFAULT_CONCURRENCY = 4;
const SOURCE_TEMPLATE = 'backstage.io/source-template';
const PROJECT_SLUG = 'github.com/project-slug';

type Outcome = 'opened' | 'updated' | 'current' | 'conflicting' | 'failed';

interface FleetResult {
  entityRef: string;
  outcome: Outcome;
  pullRequestUrl?: string;
  conflicts?: string[];
  reason?: string;
}

/** The repository a Component was made in, as a repoUrl, from its annotations. */
function repoUrlOf(entity: Entity): string {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[PROJECT_SLUG];
  const location = annotations[ANNOTATION_SOURCE_LOCATION];
  if (!slug || !location) {
    throw new Error(
      `it has no ${PROJECT_SLUG} or ${ANNOTATION_SOURCE_LOCATION} annotation`,
    );
  }
  const host = new URL(parseLocationRef(location).target).host;
  const [owner, repo] = slug.split('/');
  return `${host}?owner=${encodeURIComponent(owner)}&repo=${encodeURIComponent(repo)}`;
}

/**
 * Upgrades many services made by a template, each as its own pull request, a few at a time. A
 * failure on one (a deleted repository, a refused push) is reported and never stops the others.
 */
export function createUpgradeFleetAction(options: UpgradeActionOptions) {
  const { renderer, integrations, catalog } = options;

  return createTemplateAction({
    id: UPGRADE_FLEET_ACTION_ID,
    description:
      'Upgrades every Component made from a template (or the ones named) to the installed blueprints, a pull request each.',
    examples,
    schema: {
      input: {
        ...upgradeInputs,
        entityRefs: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Only these Components; all of the template’s when empty',
            ),
        concurrency: z =>
          z
            .number()
            .int()
            .min(1)
            .max(10)
            .default(DEFAULT_CONCURRENCY)
            .describe('Services upgraded at the same time'),
      },
      output: {
        summary: z =>
          z
            .record(z.string(), z.number())
            .describe(
              'How many services were opened, updated, current, conflicting, failed',
            ),
        results: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .describe(
              'Per service: entityRef, outcome, pullRequestUrl, conflicts, reason',
            ),
        report: z => z.string().describe('The results as a Markdown table'),
      },
    },
    async handler(ctx) {
      const started = Date.now();
      const {
        templateRef = DEFAULT_TEMPLATE_REF,
        entityRefs = [],
        answers,
        concurrency = DEFAULT_CONCURRENCY,
      } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const entities: (Entity | { ref: string; missing: true })[] =
        entityRefs.length
          ? (
              await catalog.getEntitiesByRefs(
                { entityRefs, fields: ['kind', 'metadata', 'spec'] },
                { credentials },
              )
            ).items.map(
              (entity, i) => entity ?? { ref: entityRefs[i], missing: true },
            )
          : (
              await catalog.getEntities(
                {
                  filter: {
                    kind: 'Component',
                    [`metadata.annotations.${SOURCE_TEMPLATE}`]: templateRef,
                  },
                },
                { credentials },
              )
            ).items;
      if (!entities.length) {
        throw new InputError(
          `No Component in the catalog was made from ${templateRef}`,
        );
      }
      ctx.logger.info(
        `Upgrading ${entities.length} services, ${concurrency} at a time`,
      );
      const template = await templateProvenance(
        catalog,
        templateRef,
        credentials,
      );

      const results = await inPool(entities, concurrency, async item => {
        if ('missing' in item) {
          return {
            entityRef: item.ref,
            outcome: 'failed',
            reason: 'not in the catalog',
          } as FleetResult;
        }
        const entityRef = stringifyEntityRef(item);
        try {
          if (item.metadata.annotations?.[SOURCE_TEMPLATE] !== templateRef) {
            throw new Error(`it was not made from ${templateRef}`);
          }
          const upgrade = await upgradeService({
            renderer,
            integrations,
            repoUrl: repoUrlOf(item),
            answers: answers as JsonObject | undefined,
            template,
          });
          const outcome: Outcome =
            upgrade.status === 'conflicting'
              ? 'conflicting'
              : (upgrade.pullRequest?.action ?? 'current');
          ctx.logger.info(
            `${entityRef}: ${outcome}${upgrade.pullRequest ? ` ${upgrade.pullRequest.url}` : ''}`,
          );
          return {
            entityRef,
            outcome,
            pullRequestUrl: upgrade.pullRequest?.url,
            conflicts: upgrade.conflicts.length ? upgrade.conflicts : undefined,
          } as FleetResult;
        } catch (error) {
          const reason = (error as Error).message;
          ctx.logger.warn(`${entityRef}: failed: ${reason}`);
          return { entityRef, outcome: 'failed', reason } as FleetResult;
        }
      });

      const summary: Record<Outcome, number> = {
        opened: 0,
        updated: 0,
        current: 0,
        conflicting: 0,
        failed: 0,
      };
      for (const result of results) summary[result.outcome] += 1;
      ctx.output('summary', summary);
      ctx.output('results', results as unknown as JsonObject[]);
      ctx.output('report', fleetReport(results));
      ctx.logger.info(
        `${Object.entries(summary)
          .map(([outcome, count]) => `${count} ${outcome}`)
          .join(', ')} (${results.length} services in ${(
          (Date.now() - started) /
          1000
        ).toFixed(1)} s)`,
      );
    },
  });
}

/** A Markdown table a task's output shows: one row per service. */
export function fleetReport(results: FleetResult[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| Service | Outcome | Pull request or reason |',
    '| --- | --- | --- |',
    ...results.map(r => {
      const detail = r.pullRequestUrl
        ? `[${r.pullRequestUrl}](${r.pullRequestUrl})${r.conflicts ? ` (conflicts: ${r.conflicts.join(', ')})` : ''}`
        : (r.reason ?? '');
      return `| ${cell(r.entityRef)} | ${r.outcome} | ${cell(detail)} |`;
    }),
  ].join('\n');
}
