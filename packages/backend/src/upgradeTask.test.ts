import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  STAND_IN_TOKEN,
  startTaskTestBackend,
  type TaskTestBackend,
} from './__testUtils__/taskTestBackend';

jest.setTimeout(300_000);

const UPGRADE_BRANCH = 'microservice-scaffolder/upgrade';

/**
 * The "Upgrade services" template on the real backend: services made by Microservice tasks,
 * upgraded with a changed answer (tracing on) through the stand-in's pull requests.
 */
describe('the Upgrade services template, end to end', () => {
  let backend: TaskTestBackend;

  /** A service made by a Microservice task, in the catalog. */
  async function makeService(name: string) {
    const run = await backend.runTask({
      name,
      owner: 'group:default/team-a',
      repoUrl: `github.com?owner=acme&repo=${name}`,
    });
    if (run.status !== 'completed') {
      throw new Error(`${name}: ${run.status} ${run.failure?.message}`);
    }
    await backend.eventually(
      async () =>
        (await backend.entityStatus(`component:default/${name}`)) === 200 ||
        undefined,
      `${name} in the catalog`,
    );
  }

  beforeAll(async () => {
    backend = await startTaskTestBackend();
    await makeService('upgraded-a');
    await makeService('upgraded-b');
  });
  afterAll(() => backend?.stop());

  /** A team's commit on main of upgraded-a, through git over HTTP like any developer's. */
  async function teamCommit() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'team-'));
    const url = new URL(`${backend.github.url}/acme/upgraded-a.git`);
    url.username = 'x-access-token';
    url.password = STAND_IN_TOKEN;
    // Asynchronous: the stand-in answering git runs in this process.
    const git = (...args: string[]) =>
      promisify(execFile)('git', args, { cwd: dir });
    await git('clone', '--quiet', url.toString(), '.');
    fs.appendFileSync(path.join(dir, 'Makefile'), '\nlint-all: lint\n');
    await git(
      '-c',
      'user.name=A',
      '-c',
      'user.email=a@acme.io',
      'commit',
      '-qam',
      'Ours',
    );
    await git('push', '--quiet', 'origin', 'main');
  }

  async function upgrade(values: Record<string, unknown>) {
    const run = await backend.runTask(values, 'microservice-upgrade');
    expect({ status: run.status, failure: run.failure }).toEqual({
      status: 'completed',
      failure: undefined,
    });
    const completion = run.events.find((e: any) => e.type === 'completion');
    return {
      messages: run.messages,
      report: String(completion.body.output.text[0].content),
    };
  }

  it('opens a pull request carrying the changed answer and the team’s commit, then updates it', async () => {
    await teamCommit();
    const first = await upgrade({
      services: ['component:default/upgraded-a'],
      answers: { tracing: true },
    });
    const pullUrl = `${backend.github.url}/acme/upgraded-a/pull/1`;
    expect(first.report).toContain(
      `| component:default/upgraded-a | opened | [${pullUrl}](${pullUrl}) |`,
    );
    expect(first.messages).toContain(
      '1 opened, 0 updated, 0 current, 0 conflicting, 0 failed',
    );
    const provenance = await backend.github.store.readFile(
      'acme',
      'upgraded-a',
      UPGRADE_BRANCH,
      '.microservice-scaffolder.yaml',
    );
    expect(provenance!.content.toString()).toMatch(/^ {2}tracing: true$/m);
    const makefile = await backend.github.store.readFile(
      'acme',
      'upgraded-a',
      UPGRADE_BRANCH,
      'Makefile',
    );
    expect(makefile!.content.toString()).toContain('lint-all: lint');

    // Every service of the template now: a's pull request updated, b's opened; none twice.
    const all = await upgrade({ answers: { tracing: true } });
    expect(all.messages).toContain(
      '1 opened, 1 updated, 0 current, 0 conflicting, 0 failed',
    );
    expect(backend.github.pulls.list('acme', 'upgraded-a')).toHaveLength(1);
    expect(backend.github.pulls.list('acme', 'upgraded-b')).toHaveLength(1);
  });

  it('reports services that are current, with no pull request', async () => {
    const run = await upgrade({ services: ['component:default/upgraded-b'] });
    expect(run.report).toContain('| component:default/upgraded-b | current |');
  });
});
