import type { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { InputError } from '@backstage/errors';
import {
  composeService,
  createRenderEnvironment,
  loadBlueprints,
  provenanceFile,
  type BlueprintCatalog,
  type Provenance,
  type RenderedFile,
} from '../engine';
import { filtersByName } from '../filters';
import { generator } from '../generator';
import { nextSteps } from './nextSteps';
import {
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
} from '../spec';

export interface RenderedService {
  input: ServiceInput;
  spec: ServiceSpec;
  stack: string;
  layers: string[];
  /** Every file of the service, the provenance file included, sorted by path. */
  files: RenderedFile[];
  /** Shell lines to run the service and its tests after cloning. */
  nextSteps: string;
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
      const { host, owner, repo } = parseRepoUrl(
        input.repoUrl,
        options.integrations,
      );
      if (!owner || !repo) {
        throw new InputError(
          `repoUrl "${input.repoUrl}" must name an owner and a repository`,
        );
      }
      const spec = normaliseServiceInput(
        input,
        { host, owner, repo },
        imageRegistry,
      );
      const service = await composeService(catalog, environment, spec);
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
          a.path.localeCompare(b.path),
        ),
        nextSteps: nextSteps(service.stack.manifest.facts, spec),
      };
    },
  };
}
