import {
  startTaskTestBackend,
  type TaskTestBackend,
} from './__testUtils__/taskTestBackend';

jest.setTimeout(300_000);

const valid = {
  name: 'hostile-service',
  owner: 'group:default/team-a',
  repoUrl: 'github.com?owner=acme&repo=hostile-service',
};

/**
 * Values sent straight to POST /v2/tasks, bypassing the form. Each is refused before any side
 * effect: either by the template's JSON schema (400, no task) or by the render action's rules
 * (the task fails at the render step, before publish). No repository is ever created.
 */
describe('hostile values through the REST API', () => {
  let backend: TaskTestBackend;

  beforeAll(async () => {
    backend = await startTaskTestBackend();
    // Wait for the template to be in the catalog.
    await backend.eventually(async () => {
      const { body } = await backend.api(
        '/catalog/entities/by-name/template/default/microservice',
      );
      return body?.metadata ? true : undefined;
    }, 'the template in the catalog');
  });
  afterAll(() => backend?.stop());

  async function post(values: Record<string, unknown>) {
    return backend.api('/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/microservice',
        values,
      }),
    });
  }

  it.each([
    [{ name: 'Bad Name' }, 'name', 'pattern'],
    [{ name: '../x' }, 'name', 'pattern'],
    [{ name: 'a'.repeat(41) }, 'name', 'maxLength'],
    [{ owner: 'group:default/team-a\nx' }, 'owner', 'pattern'],
    [{ description: 'two\nlines' }, 'description', 'pattern'],
    [{ resource: 'Items; DROP TABLE x' }, 'resource', 'pattern'],
  ])(
    'the template schema refuses %j with 400, creating no task',
    async (change, field, rule) => {
      const { status, body } = await post({ ...valid, ...change });
      expect(status).toBe(400);
      expect(
        body.errors.map((e: any) => ({ path: e.path, name: e.name })),
      ).toEqual([{ path: [field], name: rule }]);
      expect(backend.github.store.list()).toEqual([]);
    },
  );

  it.each([
    [{ resource: 'lambda' }, /resource: "lambda" is a Python keyword/],
    [{ stack: 'go-gin', resource: 'func' }, /resource: "func" is a Go keyword/],
    [{ resource: 'order' }, /resource: "order" is an SQL reserved word/],
    [{ name: 'class' }, /name: "class" is a Python keyword/],
    [{ name: 'json' }, /name: the Python package "json" would shadow/],
    [
      { repoUrl: 'github.com?owner=acme&repo=x..y' },
      /repoUrl: the repository name must be/,
    ],
  ])(
    'the render action refuses %j: the task fails before publishing',
    async (change, rule) => {
      const { status, body } = await post({ ...valid, ...change });
      expect(status).toBe(201);
      const run = await backend.waitForTask(body.id);
      expect({ status: run.status, rule: rule.test(run.messages) }).toEqual({
        status: 'failed',
        rule: true,
      });
      expect(run.messages).not.toMatch(/Beginning step Create the repository/);
      expect(backend.github.store.list()).toEqual([]);
    },
  );
});
