import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  standInIntegrations,
  startTestGithubStandIn,
  type GithubStandIn,
} from 'github-stand-in';
import { parse as parseYaml } from 'yaml';
import { scaffolderModuleMicroservice } from './module';

const templatePath = path.resolve(
  __dirname,
  '../../../templates/microservice/template.yaml',
);

describe('scaffolderModuleMicroservice in a Backstage backend', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;
  let github: GithubStandIn;

  beforeAll(async () => {
    // The template's first step asks GitHub whether the repository can be created.
    github = await startTestGithubStandIn('test-token');
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderModuleMicroservice,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: standInIntegrations(github, 'test-token') },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}/api/scaffolder`;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    await github?.stop();
  });

  const request = (url: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${url}`, {
      ...init,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
    });

  /** A dry-run of the real template, as the portal's template editor sends it. */
  const dryRun = (name: string, repo: string) =>
    request('/v2/dry-run', {
      method: 'POST',
      body: JSON.stringify({
        template: parseYaml(fs.readFileSync(templatePath, 'utf8')),
        values: {
          name,
          owner: 'group:default/team-a',
          repoUrl: `github.com?owner=acme&repo=${repo}`,
        },
        secrets: {},
        directoryContents: [],
      }),
    });

  it('lists microservice:render with its schema and examples', async () => {
    const actions = await (await request('/v2/actions')).json();
    const render = actions.find(
      (a: { id: string }) => a.id === 'microservice:render',
    );
    expect(render.schema.input.required).toEqual(['name', 'owner', 'repoUrl']);
    expect(render.schema.input.properties.name.description).toMatch(
      /Service name/,
    );
    expect(render.examples.length).toBeGreaterThan(0);
  });

  it('dry-runs the Microservice template and returns the rendered service', async () => {
    const response = await dryRun('orders-service', 'orders-service');
    expect(response.status).toBe(200);
    const result = await response.json();
    const paths = result.directoryContents.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'service/catalog-info.yaml',
        'service/.microservice-scaffolder.yaml',
        'service/mkdocs.yml',
      ]),
    );
    const messages = result.log.map(
      (l: { body: { message: string } }) => l.body.message,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Rendered \d+ files of orders-service/),
        'Skipping because microservice:github:publish does not support dry-run',
      ]),
    );
    const catalogInfo = result.directoryContents.find(
      (f: { path: string }) => f.path === 'service/catalog-info.yaml',
    );
    expect(
      Buffer.from(catalogInfo.base64Content, 'base64').toString(),
    ).toContain('github.com/project-slug: "acme/orders-service"');
  });

  it('refuses a dry-run with an invalid name before any step runs', async () => {
    const response = await dryRun('Bad Name', 'bad');
    const result = await response.json();
    // The template's parameter schema turns it away before any step runs.
    expect(response.status).toBe(400);
    expect(result.errors).toEqual([
      expect.objectContaining({ property: 'instance.name', name: 'pattern' }),
    ]);
  });
});
