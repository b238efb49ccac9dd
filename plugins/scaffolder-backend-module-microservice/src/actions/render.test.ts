import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { PROVENANCE_FILE } from '../engine';
import { builtInRenderer } from '../__testUtils__/testRenderer';
import { createRenderAction } from './render';

const minimalInput = {
  name: 'orders-service',
  owner: 'group:default/team-a',
  repoUrl: 'github.com?owner=acme&repo=orders-service',
};

describe('microservice:render', () => {
  const workspace = createMockDirectory();
  let action: ReturnType<typeof createRenderAction>;

  beforeAll(async () => {
    action = createRenderAction({ renderer: await builtInRenderer() });
  });
  beforeEach(() => workspace.clear());

  function contextFor(input: object, extra: object = {}) {
    return {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
        templateInfo: {
          entityRef: 'template:default/microservice',
          entity: {
            metadata: {
              name: 'microservice',
              annotations: {
                'microservice-scaffolder/template-version': '1.2.3',
              },
            },
          },
        },
      }),
      ...extra,
    };
  }

  it('renders the service into the workspace and outputs what later steps need', async () => {
    const ctx = contextFor(minimalInput);
    await action.handler(ctx);

    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
    expect(outputs).toMatchObject({
      name: 'orders-service',
      entityNamespace: 'default',
      entityRef: 'component:default/orders-service',
      apiEntityRef: 'api:default/orders-service',
      targetPath: '.',
      catalogInfoPath: '/catalog-info.yaml',
      stack: 'python-fastapi',
    });
    expect(outputs.layers).toEqual(
      expect.arrayContaining(['catalog', 'techdocs']),
    );
    for (const file of outputs.files as string[]) {
      expect(fs.existsSync(workspace.resolve(file))).toBe(true);
    }

    const entities = parseAllDocuments(
      fs.readFileSync(workspace.resolve('catalog-info.yaml'), 'utf8'),
    ).map(document => document.toJS());
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'Component:orders-service',
      'API:orders-service',
    ]);
    expect(entities[0].spec.owner).toBe('group:default/team-a');
  });

  it('records the template, its version and the normalised answers', async () => {
    await action.handler(contextFor({ ...minimalInput, auth: 'jwt' }));
    const provenance = parseYaml(
      fs.readFileSync(workspace.resolve(PROVENANCE_FILE), 'utf8'),
    );
    expect(provenance.template).toEqual({
      ref: 'template:default/microservice',
      version: '1.2.3',
    });
    expect(provenance.blueprints.stack.name).toBe('python-fastapi');
    expect(provenance.answers).toMatchObject({
      ...minimalInput,
      auth: 'jwt',
      resource: 'item',
      lifecycle: 'experimental',
    });
  });

  it('renders into targetPath inside the workspace', async () => {
    const ctx = contextFor({ ...minimalInput, targetPath: 'service' });
    await action.handler(ctx);
    expect(fs.existsSync(workspace.resolve('service/catalog-info.yaml'))).toBe(
      true,
    );
    expect(ctx.output).toHaveBeenCalledWith('targetPath', 'service');
  });

  it('refuses a targetPath outside the workspace and writes nothing', async () => {
    await expect(
      action.handler(
        contextFor({ ...minimalInput, targetPath: '../elsewhere' }),
      ),
    ).rejects.toThrow(/targetPath: must be a relative folder/);
    expect(workspace.content()).toEqual({});
  });

  it('renders the same in dry-run, where it has no side effect outside the workspace', async () => {
    const ctx = contextFor(minimalInput, { isDryRun: true });
    await action.handler(ctx);
    expect(fs.existsSync(workspace.resolve('catalog-info.yaml'))).toBe(true);
  });

  it.each([
    [{ name: 'Orders_Service' }, /name: must use lowercase letters/],
    [{ name: 'a'.repeat(41) }, /name: must be at most 40 characters/],
    [{ owner: 'not a ref!' }, /owner: must be a catalog entity reference/],
    [{ stack: 'cobol-cics' }, /stack: Invalid enum value/],
    [{ resource: 'Items' }, /resource: must be a singular noun/],
    [{ description: 'two\nlines' }, /description: must use one line of text/],
    [{ repoUrl: 'github.com?owner=acme' }, /repo/],
  ])(
    'rejects %j with a clear error before writing anything',
    async (change, message) => {
      await expect(
        action.handler(contextFor({ ...minimalInput, ...change })),
      ).rejects.toThrow(message);
      expect(workspace.content()).toEqual({});
    },
  );
});
