import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import microserviceModule from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { startGithubStandIn, type GithubStandIn } from 'github-stand-in';

jest.setTimeout(120_000);

const repositoryRoot = path.resolve(__dirname, '../../..');
const TOKEN = 'test-token';

/** A whole task through the REST API: template → repository on the stand-in → catalog entities. */
describe('the Microservice template, end to end', () => {
  let github: GithubStandIn;
  let baseUrl: string;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    github = await startGithubStandIn({
      dataDirectory: fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-')),
      token: TOKEN,
      login: 'backstage-dev',
      organizations: ['acme'],
    });
    const host = new URL(github.url).host;
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogScaffolderModule,
        scaffolderPlugin,
        scaffolderGithubModule,
        microserviceModule,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: github.apiBaseUrl,
                  token: TOKEN,
                },
                { host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
              ],
            },
            catalog: {
              rules: [
                {
                  allow: ['Component', 'API', 'Template', 'Location', 'Group'],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: path.join(
                    repositoryRoot,
                    'templates/microservice/template.yaml',
                  ),
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}/api`;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await github?.stop();
  });

  const api = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${url}`, {
      ...init,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
    });
    return { status: response.status, body: await response.json() };
  };

  async function eventually<T>(
    probe: () => Promise<T | undefined>,
    what: string,
  ) {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('creates the repository, pushes the rendered service and registers its entities', async () => {
    await eventually(async () => {
      const { body } = await api(
        '/catalog/entities/by-name/template/default/microservice',
      );
      return body?.metadata ? true : undefined;
    }, 'the template in the catalog');

    const { status, body: created } = await api('/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/microservice',
        values: {
          name: 'orders-service',
          description: 'Takes "orders": all of them # really',
          owner: 'group:default/team-a',
          repoUrl: 'github.com?owner=acme&repo=orders-service',
          ci: 'github-actions',
          deployment: 'helm',
        },
      }),
    });
    expect(status).toBe(201);

    const task = await eventually(async () => {
      const { body } = await api(`/scaffolder/v2/tasks/${created.id}`);
      return ['completed', 'failed'].includes(body.status) ? body : undefined;
    }, 'the task to finish');
    const { body: events } = await api(
      `/scaffolder/v2/tasks/${created.id}/events`,
    );
    const messages = events.map((e: any) => e.body.message).join('\n');
    expect({ status: task.status, messages }).toMatchObject({
      status: 'completed',
    });

    // The repository holds exactly the rendered files, modes included.
    const pushed = await github.store.listFiles(
      'acme',
      'orders-service',
      'main',
    );
    const paths = pushed.map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['catalog-info.yaml', 'deploy.sh']),
    );
    expect(pushed.find(f => f.path === 'deploy.sh')?.mode).toBe('100755');
    expect(pushed.find(f => f.path === 'catalog-info.yaml')?.mode).toBe(
      '100644',
    );
    expect(
      github.store.get('acme', 'orders-service')?.protectedBranches.main,
    ).toBeDefined();

    // The output links point at the repository and the entity.
    const completion = events.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links).toEqual([
      { title: 'Repository', url: `${github.url}/acme/orders-service.git` },
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: 'component:default/orders-service',
      },
    ]);

    // Component and API appear in the catalog, the API with its OpenAPI document resolved.
    const component = await eventually(async () => {
      const { body } = await api(
        '/catalog/entities/by-name/component/default/orders-service',
      );
      return body?.metadata ? body : undefined;
    }, 'the Component');
    expect(component.spec).toMatchObject({
      owner: 'group:default/team-a',
      type: 'service',
    });
    expect(component.metadata.description).toBe(
      'Takes "orders": all of them # really',
    );
    const apiEntity = await eventually(async () => {
      const { body } = await api(
        '/catalog/entities/by-name/api/default/orders-service',
      );
      return body?.spec?.definition ? body : undefined;
    }, 'the API with its definition');
    expect(JSON.parse(apiEntity.spec.definition).openapi).toMatch(/^3\./);
  });

  it('fails clearly when the repository already exists, registering nothing', async () => {
    const { body: created } = await api('/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/microservice',
        values: {
          name: 'orders-service-two',
          owner: 'group:default/team-a',
          // Same repository as the first test, other service name.
          repoUrl: 'github.com?owner=acme&repo=orders-service',
        },
      }),
    });
    const task = await eventually(async () => {
      const { body } = await api(`/scaffolder/v2/tasks/${created.id}`);
      return ['completed', 'failed'].includes(body.status) ? body : undefined;
    }, 'the task to finish');
    const { body: events } = await api(
      `/scaffolder/v2/tasks/${created.id}/events`,
    );
    const messages = events.map((e: any) => e.body.message).join('\n');
    expect(task.status).toBe('failed');
    expect(messages).toMatch(/name already exists on this account/);
    expect(messages).not.toContain(TOKEN);
    const { status } = await api(
      '/catalog/entities/by-name/component/default/orders-service-two',
    );
    expect(status).toBe(404);
  });
});
