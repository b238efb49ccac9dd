import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  builtInBlueprintsDirectory,
  createServiceRenderer,
  writeRenderedFiles,
  type RenderedService,
  type ServiceRenderer,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export const DEFAULT_INPUT = {
  name: 'orders-service',
  owner: 'group:default/team-a',
};

/**
 * The renderer the scripts use outside Backstage: the built-in blueprints plus extra folders,
 * and the default github.com integration.
 */
export function createScriptRenderer(
  options: {
    extraBlueprintDirectories?: string[];
    imageRegistry?: string;
  } = {},
): Promise<ServiceRenderer> {
  return createServiceRenderer({
    blueprintDirectories: [
      builtInBlueprintsDirectory(),
      ...(options.extraBlueprintDirectories ?? []),
    ],
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    imageRegistry: options.imageRegistry,
  });
}

/** Renders a request (DEFAULT_INPUT and an acme repository unless it says otherwise) into a directory. */
export async function renderToDirectory(
  renderer: ServiceRenderer,
  input: Record<string, unknown>,
  outputDirectory: string,
): Promise<RenderedService> {
  const values = { ...DEFAULT_INPUT, ...input };
  const service = await renderer.render({
    repoUrl: `github.com?owner=acme&repo=${values.name}`,
    ...values,
  });
  await writeRenderedFiles(outputDirectory, service.files);
  return service;
}

/** Renders a service into a directory without a Backstage backend, through the same renderer. */
export async function renderServiceToDirectory(options: {
  input: Record<string, unknown>;
  outputDirectory: string;
  extraBlueprintDirectories?: string[];
}): Promise<RenderedService> {
  const renderer = await createScriptRenderer(options);
  return renderToDirectory(renderer, options.input, options.outputDirectory);
}
