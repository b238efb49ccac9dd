import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  builtInBlueprintsDirectory,
  createServiceRenderer,
  writeRenderedFiles,
  type RenderedService,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export const DEFAULT_INPUT = {
  name: 'orders-service',
  owner: 'group:default/team-a',
};

/** Renders a service into a directory without a Backstage backend, through the same renderer. */
export async function renderServiceToDirectory(options: {
  input: Record<string, unknown>;
  outputDirectory: string;
  extraBlueprintDirectories?: string[];
}): Promise<RenderedService> {
  const renderer = await createServiceRenderer({
    blueprintDirectories: [
      builtInBlueprintsDirectory(),
      ...(options.extraBlueprintDirectories ?? []),
    ],
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const values = { ...DEFAULT_INPUT, ...options.input };
  const service = await renderer.render({
    repoUrl: `github.com?owner=acme&repo=${values.name}`,
    ...values,
  });
  await writeRenderedFiles(options.outputDirectory, service.files);
  return service;
}
