import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse as parseYaml } from 'yaml';
import { createCatalogCheckAction } from './catalogCheck';
import { examples } from './catalogCheck.examples';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
const repoContentsUrl = 'https://github.com/acme/orders-service/blob/main';
const catalogInfoUrl =
  // How the GitHub integration (and catalog:register) resolves the path against the contents URL.
  'https://github.com/acme/orders-service/tree/main/catalog-info.yaml';
const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service', namespace: 'default' },
  spec: {},
};
const api = { ...component, kind: 'API' };

/** A catalog that reads the file, and holds its Location or not. */
function catalogWhereLocationIs(registered: boolean) {
  return catalogServiceMock.mock({
    getLocationByRef: jest
      .fn()
      .mockResolvedValue(
        registered
          ? { id: '1', type: 'url', target: catalogInfoUrl }
          : undefined,
      ),
    addLocation: jest
      .fn()
      .mockResolvedValue({ location: {}, entities: [component] }),
  });
}

function setUp(
  catalog: ReturnType<typeof catalogServiceMock.mock>,
  requireRegistered = false,
) {
  const action = createCatalogCheckAction({ catalog, integrations });
  const ctx = createMockActionContext({
    input: {
      repoContentsUrl,
      catalogInfoPath: '/catalog-info.yaml',
      requireRegistered,
    },
  });
  return { action, ctx };
}

describe('microservice:catalog:check', () => {
  it('reads the file with a dry-run registration and names the Component', async () => {
    const catalog = catalogServiceMock.mock({
      getLocationByRef: jest.fn().mockResolvedValue(undefined),
      addLocation: jest
        .fn()
        .mockResolvedValue({ location: {}, entities: [api, component] }),
    });
    const { action, ctx } = setUp(catalog);
    await action.handler(ctx);
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'url', target: catalogInfoUrl, dryRun: true },
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-service',
    );
    expect(ctx.output).toHaveBeenCalledWith('registered', false);
  });

  it('says when the Location is registered already, so catalog:register is skipped', async () => {
    const catalog = catalogWhereLocationIs(true);
    const { action, ctx } = setUp(catalog);
    await action.handler(ctx);
    expect(catalog.getLocationByRef).toHaveBeenCalledWith(
      `url:${catalogInfoUrl}`,
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('registered', true);
  });

  it('confirms a registration, and fails a task whose registration did not happen', async () => {
    const confirmed = setUp(catalogWhereLocationIs(true), true);
    await confirmed.action.handler(confirmed.ctx);
    expect(confirmed.ctx.output).toHaveBeenCalledWith('registered', true);

    const refused = setUp(catalogWhereLocationIs(false), true);
    await expect(refused.action.handler(refused.ctx)).rejects.toThrow(
      `${catalogInfoUrl} is not registered in the catalog`,
    );
  });

  it('fails, storing nothing, when the catalog cannot read the file', async () => {
    const catalog = catalogServiceMock.mock({
      getLocationByRef: jest.fn().mockResolvedValue(undefined),
      addLocation: jest
        .fn()
        .mockRejectedValue(new Error('Unable to read url, 500 Internal Error')),
    });
    const { action, ctx } = setUp(catalog);
    await expect(action.handler(ctx)).rejects.toThrow(
      `The catalog cannot read ${catalogInfoUrl}: Unable to read url, 500 Internal Error. Nothing was registered`,
    );
    // Only the dry run was asked for: nothing that stores a Location.
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);
    expect(catalog.addLocation.mock.calls[0][0]).toMatchObject({
      dryRun: true,
    });
  });

  it('refuses a file that declares no entity', async () => {
    const catalog = catalogServiceMock.mock({
      getLocationByRef: jest.fn().mockResolvedValue(undefined),
      addLocation: jest.fn().mockResolvedValue({ location: {}, entities: [] }),
    });
    const { action, ctx } = setUp(catalog);
    await expect(action.handler(ctx)).rejects.toThrow(
      `${catalogInfoUrl} declares no entity; nothing was registered`,
    );
  });

  it('reads nothing in a dry run (nothing was published)', async () => {
    const catalog = catalogServiceMock.mock();
    const action = createCatalogCheckAction({ catalog, integrations });
    const ctx = createMockActionContext({
      input: {
        repoContentsUrl,
        catalogInfoPath: '/catalog-info.yaml',
        requireRegistered: false,
      },
    });
    await action.handler({ ...ctx, isDryRun: true });
    expect(catalog.addLocation).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('registered', false);
  });

  it.each(examples.map(example => [example.description, example]))(
    'runs its example: %s',
    async (_, example) => {
      const step = parseYaml(example.example).steps[0];
      const catalog = catalogServiceMock.mock({
        getLocationByRef: jest.fn().mockResolvedValue(undefined),
        addLocation: jest
          .fn()
          .mockResolvedValue({ location: {}, entities: [component] }),
      });
      const action = createCatalogCheckAction({ catalog, integrations });
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({ input: step.input });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'component:default/orders-service',
      );
    },
  );
});
