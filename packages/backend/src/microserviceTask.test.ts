import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import microserviceModule, {
  builtInBlueprintsDirectory,
  createServiceRenderer,
  PROVENANCE_FILE,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { startGithubStandIn, type GithubStandIn } from 'github-stand-in';

jest.setTimeout(120_000);

const repositoryRoot = path.resolve(__dirname, '../../..');
const TOKEN = 'test-token';

/** The files the template's render step writes for these values, rendered outside Backstage. */
async function renderLocally(values: Record<string, unknown>) {
  const renderer = await createServiceRenderer({
    blueprintDirectories: [builtInBlueprintsDirectory()],
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  return (await renderer.render(values)).files;
}

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

  async function runTask(values: Record<string, unknown>) {
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
        values,
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
    const messages: string = events.map((e: any) => e.body.message).join('\n');
    return { status: task.status as string, events, messages };
  }

  it('creates the repository, pushes the rendered service and registers its entities', async () => {
    const values = {
      name: 'orders-service',
      description: 'Takes "orders": all of them # really',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders-service',
      ci: 'github-actions',
      deployment: 'helm',
    };
    const { status, events, messages } = await runTask(values);
    expect({ status, messages }).toMatchObject({ status: 'completed' });

    // The repository holds exactly the rendered files, byte for byte, modes included (the
    // provenance file differs only in naming the template that ran).
    const rendered = await renderLocally(values);
    const pushed = await github.store.listFiles(
      'acme',
      'orders-service',
      'main',
    );
    expect(pushed.map(f => f.path).sort()).toEqual(
      rendered.map(f => f.path).sort(),
    );
    for (const file of rendered.filter(f => f.path !== PROVENANCE_FILE)) {
      const stored = await github.store.readFile(
        'acme',
        'orders-service',
        'main',
        file.path,
      );
      const mode = pushed.find(f => f.path === file.path)?.mode;
      expect({
        path: file.path,
        same: stored?.content.equals(file.content),
        mode,
      }).toEqual({
        path: file.path,
        same: true,
        mode: file.executable ? '100755' : '100644',
      });
    }
    expect(rendered.find(f => f.path === 'deploy.sh')?.executable).toBe(true);
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
    expect(component.metadata.description).toBe(values.description);
    const apiEntity = await eventually(async () => {
      const { body } = await api(
        '/catalog/entities/by-name/api/default/orders-service',
      );
      return body?.spec?.definition ? body : undefined;
    }, 'the API with its definition');
    expect(JSON.parse(apiEntity.spec.definition).openapi).toMatch(/^3\./);
  });

  it('fails clearly when the repository already exists, registering nothing', async () => {
    const { status, messages } = await runTask({
      name: 'orders-service-two',
      owner: 'group:default/team-a',
      // The repository the first test created, under another service name.
      repoUrl: 'github.com?owner=acme&repo=orders-service',
    });
    // microservice:github:check stops it before anything is rendered or created.
    expect(status).toBe('failed');
    expect(messages).toMatch(
      /The repository acme\/orders-service already exists on github\.com/,
    );
    expect(messages).not.toMatch(/Beginning step Create the repository/);
    expect(messages).not.toContain(TOKEN);
    const lookup = await api(
      '/catalog/entities/by-name/component/default/orders-service-two',
    );
    expect(lookup.status).toBe(404);
  });
});
