import {
  STAND_IN_TOKEN,
  startTaskTestBackend,
  type TaskRun,
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

  /**
   * The task failed at `stepId` with its own error (not a line logged earlier), leaked no token,
   * and left nothing in the catalog: no Component, no Location for the repository.
   */
  async function expectFailedCleanly(
    run: TaskRun,
    stepId: string,
    message: RegExp,
    component: string,
  ) {
    expect(run.status).toBe('failed');
    expect(run.failure?.stepId).toBe(stepId);
    expect(run.failure?.message).toMatch(message);
    expect(run.messages).not.toContain(STAND_IN_TOKEN);
    expect(await backend.entityStatus(`component:default/${component}`)).toBe(
      404,
    );
    expect(
      (await backend.locationTargets()).filter(target =>
        target.includes(`/acme/${component}/`),
      ),
    ).toEqual([]);
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
      'check',
      /^InputError: The repository acme\/taken-service already exists on github\.com; choose another name$/,
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
      'check',
      /^InputError: The GitHub owner "nobody" does not exist on github\.com$/,
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
        'check',
        /^InputError: github\.com refused the GitHub token \(401\)/,
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
      // The dropped connection reads as either, depending on where the push was.
      /Git push failed \(attempt 1\/\d+\).*(socket hang up|ECONNRESET)/,
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
      'publish',
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
    await expectFailedCleanly(
      first,
      'publish',
      /^Error: HTTP Error: 403 Forbidden/,
      'retried-service',
    );
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

  it('fails before registering when the catalog cannot read catalog-info.yaml, leaving no Location', async () => {
    backend.github.faults.add({
      method: 'GET',
      path: '^/api/v3/repos/acme/unregistered-service/contents/',
      status: 500,
      times: 100,
    });
    const run = await backend.runTask(service('unregistered-service'));
    await expectFailedCleanly(
      run,
      'check-catalog',
      /^Error: The catalog cannot read \S+\/acme\/unregistered-service\/\S*catalog-info\.yaml: .*Nothing was registered/,
      'unregistered-service',
    );
    expect(run.messages).not.toMatch(/Beginning step Register in the catalog/);
  });

  // Backstage's catalog:register stores the Location, then reads the file. A file readable for
  // our check but not for catalog:register a moment later (the window between the two steps)
  // leaves the Location behind; the confirming check fails the task saying so, and the catalog
  // registers the service once the file can be read. Pinned here, and said in the README.
  it('pins Backstage: a read failing inside catalog:register leaves its Location, processed later', async () => {
    backend.github.faults.add({
      method: 'GET',
      path: '^/api/v3/repos/acme/late-fault-service/contents/catalog-info\\.yaml',
      after: 1,
      status: 500,
      times: 100,
    });
    const run = await backend.runTask(service('late-fault-service'));
    expect(run.status).toBe('failed');
    expect(run.failure?.stepId).toBe('confirm-registration');
    expect(run.failure?.message).toMatch(
      /^Error: The catalog cannot read \S+\/acme\/late-fault-service\/\S*catalog-info\.yaml: .*Its Location is registered: the catalog adds the service once the file can be read\.$/,
    );
    const location = (await backend.locationTargets()).filter(target =>
      target.includes('/acme/late-fault-service/'),
    );
    expect(location).toHaveLength(1);
    expect(
      await backend.entityStatus('component:default/late-fault-service'),
    ).toBe(404);

    backend.github.faults.clear();
    await backend.refreshLocation(location[0]);
    await backend.eventually(
      async () =>
        (await backend.entityStatus('component:default/late-fault-service')) ===
          200 || undefined,
      'the service in the catalog once its file can be read',
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
