import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  standInIntegrations,
  startTestGithubStandIn,
  type GithubStandIn,
} from 'github-stand-in';
import { parse as parseYaml } from 'yaml';
import { createGithubPublishAction, TASK_TRAILER } from './githubPublish';
import { examples } from './githubPublish.examples';

const TOKEN = 'right-token';

/** Checkpoints kept across runs of a step, as the scaffolder keeps them in the task's state. */
function checkpointStore() {
  const saved = new Map<string, unknown>();
  return async ({ key, fn }: { key: string; fn: () => Promise<unknown> }) => {
    if (!saved.has(key)) saved.set(key, await fn());
    return saved.get(key);
  };
}

describe('microservice:github:publish', () => {
  let github: GithubStandIn;
  let action: ReturnType<typeof createGithubPublishAction>;

  beforeAll(async () => {
    github = await startTestGithubStandIn(TOKEN);
    const config = new ConfigReader({
      integrations: { github: standInIntegrations(github, TOKEN) },
    });
    action = createGithubPublishAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
    });
  });
  afterAll(() => github.stop());

  /** A run of the step; runs sharing `checkpoint` are one task's first run and its re-runs. */
  async function publish(
    repo: string,
    checkpoint = checkpointStore(),
    taskId = 'task-1',
  ) {
    const ctx = createMockActionContext({
      input: {
        repoUrl: `github.com?owner=acme&repo=${repo}`,
        description: 'Orders',
        repoVisibility: 'private' as const,
        sourcePath: 'service',
        defaultBranch: 'main',
        protectDefaultBranch: true,
        gitCommitMessage: 'Initial commit',
      },
      task: { id: taskId },
    });
    await fs.mkdir(path.join(ctx.workspacePath, 'service'), {
      recursive: true,
    });
    await fs.writeFile(
      path.join(ctx.workspacePath, 'service', 'README.md'),
      `# ${repo}\n`,
    );
    ctx.checkpoint = checkpoint as typeof ctx.checkpoint;
    await action.handler(ctx);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
    return { ctx, outputs };
  }

  const createEmpty = (name: string) =>
    github.store.create({
      owner: 'acme',
      name,
      private: true,
      description: null,
      topics: [],
      protectedBranches: {},
    });

  it('creates, pushes with the task’s trailer and protects the branch', async () => {
    const { outputs } = await publish('fresh-service');
    const head = await github.store.commit('acme', 'fresh-service', 'main');
    expect(head?.message).toBe(`Initial commit\n\n${TASK_TRAILER}: task-1`);
    expect(outputs.commitHash).toBe(head?.sha);
    expect(outputs.repoContentsUrl).toBe(
      `${github.url}/acme/fresh-service/blob/main`,
    );
    expect(
      github.store.get('acme', 'fresh-service')?.protectedBranches.main,
    ).toBeDefined();
  });

  it('re-run after the push landed: pushes nothing again and gives the same outputs', async () => {
    const checkpoint = checkpointStore();
    const first = await publish('pushed-service', checkpoint);
    const again = await publish('pushed-service', checkpoint);
    expect(again.outputs).toEqual(first.outputs);
    const head = await github.store.commit('acme', 'pushed-service', 'main');
    expect(head?.sha).toBe(first.outputs.commitHash);
  });

  it('re-run after the repository was created but not pushed: pushes into it', async () => {
    const checkpoint = checkpointStore();
    // The earlier run recorded its intent, created the repository and died before its checkpoint.
    await checkpoint({
      key: 'microservice.github.publish.intent.acme.created-service',
      fn: async () => ({ startedAt: '2026-01-01T00:00:00.000Z' }),
    });
    await createEmpty('created-service');
    const { outputs } = await publish('created-service', checkpoint);
    const head = await github.store.commit('acme', 'created-service', 'main');
    expect(head?.sha).toBe(outputs.commitHash);
    expect(
      await github.store.readFile(
        'acme',
        'created-service',
        'main',
        'README.md',
      ),
    ).toBeDefined();
  });

  it('refuses a repository this task did not make, on a first run or a re-run', async () => {
    await createEmpty('someone-elses-empty');
    await expect(publish('someone-elses-empty')).rejects.toThrow(
      'The repository acme/someone-elses-empty already exists on github.com and was not made by this task',
    );
    const checkpoint = checkpointStore();
    await publish('other-task-service', checkpoint, 'task-a');
    await expect(
      publish('other-task-service', checkpointStore(), 'task-b'),
    ).rejects.toThrow(/was not made by this task/);
  });

  it.each(examples.map(example => [example.description, example]))(
    'runs the example: %s',
    async (_, example) => {
      const step = parseYaml(example.example).steps[0];
      const { outputs } = await publish(
        new URLSearchParams(step.input.repoUrl.split('?')[1]).get('repo')!,
      );
      expect(outputs.remoteUrl).toMatch(/orders-service\.git$/);
    },
  );
});
