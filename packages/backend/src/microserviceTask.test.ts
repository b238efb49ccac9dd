import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  builtInBlueprintsDirectory,
  createServiceRenderer,
  PROVENANCE_FILE,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  STAND_IN_TOKEN,
  startTaskTestBackend,
  type TaskTestBackend,
} from './__testUtils__/taskTestBackend';

jest.setTimeout(120_000);

/** The files the template's render step writes for these values, rendered outside Backstage. */
async function renderLocally(values: Record<string, unknown>) {
  const renderer = await createServiceRenderer({
    blueprintDirectories: [builtInBlueprintsDirectory()],
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  return (
    await renderer.render(values, { ref: 'template:default/microservice' })
  ).files;
}

/** A whole task through the REST API: template → repository on the stand-in → catalog entities. */
describe('the Microservice template, end to end', () => {
  let backend: TaskTestBackend;

  beforeAll(async () => {
    backend = await startTaskTestBackend();
  });
  afterAll(() => backend?.stop());

  it('creates the repository, pushes the rendered service and registers its entities', async () => {
    const { github, api, eventually } = backend;
    const values = {
      name: 'orders-service',
      description: 'Takes "orders": all of them # really',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders-service',
      ci: 'github-actions',
      deployment: 'helm',
    };
    const { status, events, messages } = await backend.runTask(values);
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
    // publish:github's defaults (protectDefaultBranch: true): reviews required, admins included.
    expect(
      github.store.get('acme', 'orders-service')?.protectedBranches.main,
    ).toMatchObject({
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      required_status_checks: { strict: true, contexts: [] },
    });

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
    expect(messages).not.toContain(STAND_IN_TOKEN);
  });
});
