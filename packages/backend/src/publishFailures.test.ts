import {
  STAND_IN_TOKEN,
  startTaskTestBackend,
  type TaskTestBackend,
} from './__testUtils__/taskTestBackend';

jest.setTimeout(300_000);

const service = (name: string, extra: object = {}) => ({
  name,
  owner: 'group:default/team-a',
  repoUrl: `github.com?owner=acme&repo=${name}`,
  ...extra,
});

/** Each failure ends the task with a message a developer understands and registers nothing. */
describe('publishing failures, retry and concurrency', () => {
  let backend: TaskTestBackend;

  beforeAll(async () => {
    backend = await startTaskTestBackend();
  });
  afterEach(() => backend.github.faults.clear());
  afterAll(() => backend?.stop());

  async function expectFailedCleanly(
    run: { status: string; messages: string },
    message: RegExp,
    component: string,
  ) {
    expect({ status: run.status, message: message.test(run.messages) }).toEqual(
      {
        status: 'failed',
        message: true,
      },
    );
    expect(run.messages).not.toContain(STAND_IN_TOKEN);
    expect(await backend.entityStatus(`component:default/${component}`)).toBe(
      404,
    );
  }

  /** The service's files reached the repository's main branch. */
  async function expectPushed(repository: string) {
    const files = await backend.github.store.listFiles(
      'acme',
      repository,
      'main',
    );
    expect(files.map(f => f.path)).toContain('catalog-info.yaml');
  }

  it('refuses a repository that exists before rendering anything', async () => {
    await backend.github.store.create({
      owner: 'acme',
      name: 'taken-service',
      private: true,
      description: null,
      topics: [],
      protectedBranches: {},
    });
    const run = await backend.runTask(service('taken-service'));
    await expectFailedCleanly(
      run,
      /acme\/taken-service already exists/,
      'taken-service',
    );
    expect(run.messages).not.toMatch(/Beginning step Render the service/);
  });

  it('refuses an owner that does not exist, creating nothing', async () => {
    const run = await backend.runTask({
      ...service('ghost-service'),
      repoUrl: 'github.com?owner=nobody&repo=ghost-service',
    });
    await expectFailedCleanly(
      run,
      /owner "nobody" does not exist/,
      'ghost-service',
    );
    expect(backend.github.store.get('nobody', 'ghost-service')).toBeUndefined();
  });

  it('refuses a token GitHub does not accept, before anything is created', async () => {
    backend.github.setAcceptedToken('a-rotated-token');
    try {
      const run = await backend.runTask(service('revoked-service'));
      await expectFailedCleanly(
        run,
        /refused the GitHub token \(401\)/,
        'revoked-service',
      );
      expect(
        backend.github.store.get('acme', 'revoked-service'),
      ).toBeUndefined();
    } finally {
      backend.github.setAcceptedToken(STAND_IN_TOKEN);
    }
  });

  it('rides out a passing GitHub server error (Octokit retries it)', async () => {
    backend.github.faults.add({
      method: 'POST',
      path: '^/api/v3/orgs/acme/repos$',
      status: 502,
      times: 1,
    });
    const run = await backend.runTask(service('lucky-service'));
    expect(run.status).toBe('completed');
  });

  it('waits out a slow GitHub (each creation call answered after 2 s)', async () => {
    backend.github.faults.add({
      method: 'POST',
      path: '^/api/v3/orgs/acme/repos$',
      delayMs: 2_000,
      times: 1,
    });
    backend.github.faults.add({
      method: 'GET',
      path: '^/api/v3/repos/acme/patient-service$',
      delayMs: 2_000,
      times: 1,
    });
    const run = await backend.runTask(service('patient-service'));
    expect(run.status).toBe('completed');
    expect(backend.github.faults.remaining()).toBe(0);
  });

  it('rides out a connection dropped during the push (publish retries it)', async () => {
    backend.github.faults.add({
      method: 'POST',
      path: '^/acme/dropped-service\\.git/git-receive-pack$',
      drop: true,
      times: 1,
    });
    const run = await backend.runTask(service('dropped-service'));
    expect(run.status).toBe('completed');
    expect(backend.github.faults.remaining()).toBe(0);
    expect(run.messages).toMatch(
      /Git push failed \(attempt 1\/\d+\).*socket hang up/,
    );
    await expectPushed('dropped-service');
  });

  it('reports a lasting GitHub server error on creation, leaving no repository', async () => {
    backend.github.faults.add({
      method: 'POST',
      path: '^/api/v3/orgs/acme/repos$',
      status: 502,
      times: 100,
    });
    const run = await backend.runTask(service('unlucky-service'));
    await expectFailedCleanly(
      run,
      /Failed to create the Organization repository acme\/unlucky-service/,
      'unlucky-service',
    );
    expect(backend.github.store.get('acme', 'unlucky-service')).toBeUndefined();
  });

  it('reports a refused push, then completes on retry without a second repository', async () => {
    backend.github.faults.add({
      method: 'POST',
      path: '^/acme/retried-service\\.git/git-receive-pack$',
      status: 403,
      times: 1,
    });
    const first = await backend.runTask(service('retried-service'));
    await expectFailedCleanly(first, /403|push/i, 'retried-service');
    expect(backend.github.store.get('acme', 'retried-service')).toBeDefined();

    const retry = await backend.api(`/scaffolder/v2/tasks/${first.id}/retry`, {
      method: 'POST',
      body: JSON.stringify({}),
    });
    expect(retry.status).toBe(201);
    const second = await backend.waitForTask(first.id);
    expect({ status: second.status, messages: second.messages }).toMatchObject({
      status: 'completed',
    });
    const repositories = backend.github.store
      .list()
      .filter(r => r.name.startsWith('retried-service'));
    expect(repositories).toHaveLength(1);
    await expectPushed('retried-service');
    await backend.eventually(
      async () =>
        (await backend.entityStatus('component:default/retried-service')) ===
          200 || undefined,
      'the retried service in the catalog',
    );
  });

  it('reports a catalog registration that cannot read catalog-info.yaml', async () => {
    backend.github.faults.add({
      method: 'GET',
      path: '^/api/v3/repos/acme/unregistered-service/contents/',
      status: 500,
      times: 100,
    });
    const run = await backend.runTask(service('unregistered-service'));
    await expectFailedCleanly(
      run,
      /catalog-info\.yaml|register|500/i,
      'unregistered-service',
    );
  });

  it('runs 20 tasks at once, each repository holding exactly its own service', async () => {
    const names = Array.from(
      { length: 20 },
      (_, i) => `parallel-service-${i + 1}`,
    );
    const started = Date.now();
    const ids = await Promise.all(
      names.map(name => backend.startTask(service(name))),
    );
    const runs = await Promise.all(ids.map(id => backend.waitForTask(id)));
    const seconds = (Date.now() - started) / 1000;
    // Reported, not asserted: timings belong in a benchmark, not in a test.
    const durations = runs
      .map(run => {
        const times = run.events.map((e: any) => Date.parse(e.createdAt));
        return (Math.max(...times) - Math.min(...times)) / 1000;
      })
      .sort((a, b) => a - b);
    process.stdout.write(
      `20 concurrent tasks finished in ${seconds.toFixed(1)} s; median task ${durations[10].toFixed(1)} s\n`,
    );

    expect(runs.map(r => r.status)).toEqual(names.map(() => 'completed'));
    for (const name of names) {
      const catalogInfo = await backend.github.store.readFile(
        'acme',
        name,
        'main',
        'catalog-info.yaml',
      );
      expect(catalogInfo?.content.toString()).toContain(`name: ${name}\n`);
      const answers = await backend.github.store.readFile(
        'acme',
        name,
        'main',
        '.microservice-scaffolder.yaml',
      );
      expect(answers?.content.toString()).toContain(`name: ${name}\n`);
    }
  });
});
