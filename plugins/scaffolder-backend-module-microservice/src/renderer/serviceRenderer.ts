import type { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { InputError } from '@backstage/errors';
import { openapiDocument } from '../api';
import {
  composeService,
  createRenderEnvironment,
  loadBlueprints,
  provenanceFile,
  stackContext,
  stackFor,
  type BlueprintCatalog,
  type Provenance,
  type RenderContext,
  type RenderedFile,
} from '../engine';
import { filtersByName } from '../filters';
import { generator } from '../generator';
import { nextSteps } from './nextSteps';
import {
  assertNamesAllowed,
  DEFAULT_IMAGE_REGISTRY,
  imageRegistryRule,
  installedChoices,
  normaliseServiceInput,
  parseServiceInput,
  satisfiesRule,
  type DefaultChoices,
  type InstalledChoices,
  type ServiceInput,
  type ServiceSpec,
} from '../request';

export interface RenderedService {
  input: ServiceInput;
  spec: ServiceSpec;
  stack: string;
  layers: string[];
  /** Every file of the service, the provenance file included, sorted by path. */
  files: RenderedFile[];
  /** Shell lines to run the service and its tests after cloning. */
  nextSteps: string;
  /** What every blueprint file saw: the spec, the stack's facts, what layers provided. */
  context: RenderContext;
}

/** Turns raw request values into a service's files; one per backend, shared by every task. */
export interface ServiceRenderer {
  catalog: BlueprintCatalog;
  choices: InstalledChoices;
  render(
    values: unknown,
    template?: Provenance['template'],
  ): Promise<RenderedService>;
}

/** The repository `repoUrl` names, on a host an integration is configured for. */
function repositoryOf(repoUrl: string, integrations: ScmIntegrationRegistry) {
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (error) {
    // e.g. a host no integration is configured for: a mistake in the request, said as one.
    throw new InputError(
      `Invalid service request: repoUrl: ${(error as Error).message}`,
    );
  }
  const { host, owner, repo } = parsed;
  if (!owner || !repo) {
    throw new InputError(
      `Invalid service request: repoUrl: "${repoUrl}" must name an owner and a repository`,
    );
  }
  return { host, owner, repo };
}

export async function createServiceRenderer(options: {
  blueprintDirectories: string[];
  integrations: ScmIntegrationRegistry;
  /** A platform team's defaults for requests that do not choose. */
  defaults?: DefaultChoices;
  /** The registry host images go to (default ghcr.io). */
  imageRegistry?: string;
}): Promise<ServiceRenderer> {
  const imageRegistry = options.imageRegistry ?? DEFAULT_IMAGE_REGISTRY;
  if (!satisfiesRule(imageRegistryRule, imageRegistry)) {
    throw new Error(
      `microserviceScaffolder.imageRegistry "${imageRegistry}" ${imageRegistryRule.message}`,
    );
  }
  const catalog = await loadBlueprints(options.blueprintDirectories);
  const choices = installedChoices(catalog, options.defaults);
  const environment = createRenderEnvironment(filtersByName());

  return {
    catalog,
    choices,
    async render(values, template) {
      const input = parseServiceInput(values, choices);
      const { host, owner, repo } = repositoryOf(
        input.repoUrl,
        options.integrations,
      );
      const normalised = normaliseServiceInput(
        input,
        { host, owner, repo },
        imageRegistry,
        Object.keys(choices.options),
      );
      const spec = template
        ? {
            ...normalised,
            catalog: { ...normalised.catalog, sourceTemplate: template.ref },
          }
        : normalised;
      const stack = stackContext(stackFor(catalog, spec), environment, spec);
      // Language keywords and shadowed modules are the chosen stack's; refused before rendering.
      assertNamesAllowed(spec, stack.language);
      const service = composeService(
        catalog,
        environment,
        spec,
        openapiDocument(spec),
      );
      const provenance = provenanceFile(service, {
        template,
        generator,
        answers: input as unknown as JsonObject,
      });
      return {
        input,
        spec,
        stack: service.stack.manifest.name,
        layers: service.layers.map(layer => layer.manifest.name),
        files: [...service.files, provenance].sort((a, b) =>
          a.path < b.path ? -1 : Number(a.path > b.path),
        ),
        context: service.context,
        nextSteps: nextSteps(service.context),
      };
    },
  };
}
