import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  blueprintDirectoriesFromConfig,
  defaultChoicesFromConfig,
  imageRegistryFromConfig,
} from './config';
import { createServiceRenderer } from './renderer';

/** A renderer configured as a platform team would, in app-config.yaml. */
function rendererFor(microserviceScaffolder: object) {
  const config = new ConfigReader({ microserviceScaffolder });
  return createServiceRenderer({
    blueprintDirectories: blueprintDirectoriesFromConfig(config),
    defaults: defaultChoicesFromConfig(config),
    imageRegistry: imageRegistryFromConfig(config),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
}

const request = {
  name: 'orders-service',
  owner: 'group:default/team-a',
  repoUrl: 'github.com?owner=acme&repo=orders-service',
};

describe('microserviceScaffolder.defaults', () => {
  it('makes a configured value the default of requests that do not choose', async () => {
    const renderer = await rendererFor({
      defaults: { ci: 'gitlab-ci', deployment: 'helm' },
    });
    expect(renderer.choices.options.ci[0]).toBe('gitlab-ci');
    expect(renderer.choices.options.deployment[0]).toBe('helm');

    const service = await renderer.render(request);
    expect(service.layers).toEqual(
      expect.arrayContaining(['gitlab-ci', 'helm']),
    );
    expect(service.layers).not.toContain('kubernetes');
  });

  it('keeps the built-in defaults when none are configured', async () => {
    const renderer = await rendererFor({});
    expect(renderer.choices.options.ci[0]).toBe('github-actions');
    expect(renderer.choices.options.deployment[0]).toBe('kubernetes');
  });

  it('refuses at startup a default that is not installed, listing what is', async () => {
    await expect(
      rendererFor({ defaults: { ci: 'buildkite' } }),
    ).rejects.toThrow(
      'microserviceScaffolder.defaults.ci is "buildkite", which is not installed; choose one of github-actions, gitlab-ci, jenkins, none',
    );
  });
});

describe('microserviceScaffolder.imageRegistry', () => {
  it('names the registry of the image every layer deploys', async () => {
    const renderer = await rendererFor({
      imageRegistry: 'registry.acme.io:5000',
    });
    const { spec } = await renderer.render(request);
    expect(spec.image).toBe('registry.acme.io:5000/acme/orders-service');
    expect(spec.imageRegistry).toBe('registry.acme.io:5000');
  });

  it('is ghcr.io unless configured', async () => {
    const { spec } = await (await rendererFor({})).render(request);
    expect(spec.image).toBe('ghcr.io/acme/orders-service');
  });

  it('refuses at startup a value that is not a registry host', async () => {
    await expect(
      rendererFor({ imageRegistry: 'https://registry.acme.io/' }),
    ).rejects.toThrow(
      'microserviceScaffolder.imageRegistry "https://registry.acme.io/" must be a registry host',
    );
  });
});
