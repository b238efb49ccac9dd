import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  createGithubBranchProtectionAction,
  createGithubRepoPushAction,
  createPublishGithubAction,
  getOctokitOptions,
} from '@backstage/plugin-scaffolder-backend-module-github';
import {
  createTemplateAction,
  parseRepoUrl,
  type ActionContext,
} from '@backstage/plugin-scaffolder-node';
import { Octokit } from 'octokit';
import { TEMPLATE_BRANCH } from '../upgrade';
import { githubRepositoryInputs, statusOf } from './githubInputs';
import { examples } from './githubPublish.examples';

export const GITHUB_PUBLISH_ACTION_ID = 'microservice:github:publish';

/** The git trailer naming the task that pushed a repository's first commit. */
export const TASK_TRAILER = 'Scaffolder-Task';

/** What a re-run of the step finds on GitHub, and so what is left to do. */
export type PublishState =
  | { kind: 'absent' }
  | { kind: 'created-by-this-task' }
  | { kind: 'pushed-by-this-task'; commitHash: string }
  | { kind: 'someone-elses' };

/**
 * Reads what a previous run of this task left behind. A repository whose default branch holds a
 * commit with this task's trailer was pushed by it; an empty one was created by it when an
 * earlier run of the step had recorded its intent (the check step proved the name was free at the
 * task's start, so nobody else created it in between short of a race the check cannot see).
 */
export async function publishState(options: {
  client: Octokit;
  owner: string;
  repo: string;
  defaultBranch: string;
  taskId: string;
  resumed: boolean;
}): Promise<PublishState> {
  const { client, owner, repo, defaultBranch, taskId, resumed } = options;
  const exists = await client.rest.repos.get({ owner, repo }).then(
    () => true,
    error => {
      if (statusOf(error) === 404) return false;
      throw error;
    },
  );
  if (!exists) return { kind: 'absent' };
  // 404 for a missing branch, an empty repository's included (its commits answer 409, which
  // Octokit would retry).
  const head = await client.rest.repos
    .getBranch({ owner, repo, branch: defaultBranch })
    .then(
      response => response.data.commit,
      error => {
        if (statusOf(error) === 404) return undefined;
        throw error;
      },
    );
  if (head?.commit.message.includes(`${TASK_TRAILER}: ${taskId}`)) {
    return { kind: 'pushed-by-this-task', commitHash: head.sha };
  }
  if (!head && resumed) return { kind: 'created-by-this-task' };
  return { kind: 'someone-elses' };
}

/**
 * Points the template branch at the first commit: the template's output as rendered, the base
 * of every later upgrade (`microservice:upgrade`). Kept if it exists (a re-run).
 */
async function keepTemplateBranch(
  client: Octokit,
  owner: string,
  repo: string,
  sha: string,
) {
  await client.rest.git
    .createRef({ owner, repo, ref: `refs/heads/${TEMPLATE_BRANCH}`, sha })
    .catch(error => {
      const exists =
        statusOf(error) === 422 && /already exists/i.test(String(error));
      if (!exists) throw error;
    });
}

/**
 * `publish:github` made safe to run again. Backstage resumes a task whose backend died at its
 * interrupted step, and `publish:github` is not idempotent there: a repository created just
 * before the death fails the re-run with "name already exists", a finished push fails it with a
 * non-fast-forward. This step records its intent before creating anything and stamps the commit
 * with the task's id, so a re-run finds what an earlier run did and finishes the rest with the
 * official actions: `publish:github` when nothing exists, `github:repo:push` into the repository
 * this task created, `github:branch-protection:create` when the push itself had landed.
 */
export function createGithubPublishAction(options: {
  integrations: ScmIntegrationRegistry;
  config: Config;
}) {
  const { integrations, config } = options;
  const githubCredentialsProvider =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const official = { integrations, config, githubCredentialsProvider };
  const publish = createPublishGithubAction(official);
  const push = createGithubRepoPushAction(official);
  const protect = createGithubBranchProtectionAction({ integrations });

  return createTemplateAction({
    id: GITHUB_PUBLISH_ACTION_ID,
    description:
      'Creates a GitHub repository and pushes the workspace to it, like publish:github, and finishes instead of failing when a resumed task finds its own earlier work.',
    examples,
    schema: {
      input: {
        ...githubRepositoryInputs,
        description: z =>
          z.string().optional().describe('Repository description'),
        repoVisibility: z =>
          z
            .enum(['private', 'internal', 'public'])
            .default('private')
            .describe('Repository visibility'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder to publish (the whole workspace if unset)',
            ),
        defaultBranch: z =>
          z.string().default('main').describe('The default branch'),
        protectDefaultBranch: z =>
          z
            .boolean()
            .default(true)
            .describe('Protect the default branch (pull requests only)'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'First commit message; the task trailer is appended to it',
            ),
      },
      output: {
        remoteUrl: z => z.string().describe('The repository’s clone URL'),
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              'The default branch’s contents URL, for catalog:register',
            ),
        commitHash: z => z.string().describe('The first commit pushed'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const { host, owner, repo } = parseRepoUrl(input.repoUrl, integrations);
      if (!owner || !repo) {
        throw new InputError(
          `repoUrl "${input.repoUrl}" must name an owner and a repository`,
        );
      }
      const defaultBranch = input.defaultBranch ?? 'main';
      const runStartedAt = new Date().toISOString();
      // Stored before anything is created: a later run of this step sees an older value.
      const intent = await ctx.checkpoint({
        key: `microservice.github.publish.intent.${owner}.${repo}`,
        fn: async () => ({ startedAt: runStartedAt }),
      });
      const resumed = intent.startedAt !== runStartedAt;
      const client = new Octokit(
        await getOctokitOptions({
          integrations,
          credentialsProvider: githubCredentialsProvider,
          token: input.token,
          host,
          owner,
          repo,
        }),
      );
      const state = await publishState({
        client,
        owner,
        repo,
        defaultBranch,
        taskId: ctx.task.id,
        resumed,
      });
      const message = `${
        input.gitCommitMessage ??
        config.getOptionalString('scaffolder.defaultCommitMessage') ??
        'Initial commit'
      }\n\n${TASK_TRAILER}: ${ctx.task.id}`;
      const common = { repoUrl: input.repoUrl, token: input.token };
      const pushInput = {
        ...common,
        description: input.description,
        sourcePath: input.sourcePath,
        defaultBranch,
        protectDefaultBranch: input.protectDefaultBranch,
        gitCommitMessage: message,
      };
      // The official actions are called with this step's context: their own checkpoints and
      // outputs become this step's (the commit is kept for the template branch).
      const outputs: Record<string, unknown> = {};
      const run = <I>(
        action: { handler: (c: ActionContext<any, any>) => Promise<void> },
        actionInput: I,
      ) =>
        action.handler({
          ...ctx,
          input: actionInput,
          output: (name: string, value: unknown) => {
            outputs[name] = value;
            ctx.output(name as any, value as any);
          },
        });

      switch (state.kind) {
        case 'absent':
          if (resumed)
            ctx.logger.info(`Resumed: ${owner}/${repo} was not created yet`);
          await run(publish, {
            ...pushInput,
            repoVisibility: input.repoVisibility,
          });
          break;
        case 'created-by-this-task':
          ctx.logger.info(
            `Resumed: ${owner}/${repo} was created by this task and is empty; pushing into it`,
          );
          await run(push, pushInput);
          break;
        case 'pushed-by-this-task': {
          ctx.logger.info(
            `Resumed: this task pushed ${owner}/${repo} already (${state.commitHash}); nothing is pushed again`,
          );
          if (input.protectDefaultBranch !== false) {
            await run(protect, { ...common, branch: defaultBranch });
          }
          const { data } = await client.rest.repos.get({ owner, repo });
          ctx.output('remoteUrl', data.clone_url);
          ctx.output(
            'repoContentsUrl',
            `${data.html_url}/blob/${defaultBranch}`,
          );
          ctx.output('commitHash', state.commitHash);
          outputs.commitHash = state.commitHash;
          break;
        }
        default:
          throw new InputError(
            `The repository ${owner}/${repo} already exists on ${host} and was not made by this task; choose another name`,
          );
      }
      await keepTemplateBranch(client, owner, repo, String(outputs.commitHash));
    },
  });
}
