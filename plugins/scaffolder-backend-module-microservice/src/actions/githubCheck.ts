import type { ScmIntegrationRegistry } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { getOctokitOptions } from '@backstage/plugin-scaffolder-backend-module-github';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { Octokit } from 'octokit';
import { githubRepositoryInputs, statusOf } from './githubInputs';
import { examples } from './githubCheck.examples';

export const GITHUB_CHECK_ACTION_ID = 'microservice:github:check';

async function checkRepositoryCanBeCreated(options: {
  integrations: ScmIntegrationRegistry;
  host: string;
  owner: string;
  repo: string;
  token?: string;
}): Promise<'User' | 'Organization'> {
  const { integrations, host, owner, repo, token } = options;
  const client = new Octokit(
    await getOctokitOptions({
      integrations,
      host,
      owner,
      repo,
      token,
    }),
  );

  const login = await client.rest.users.getAuthenticated().then(
    response => response.data.login,
    error => {
      if (statusOf(error) === 401) {
        throw new InputError(
          `${host} refused the GitHub token (401): configure integrations.github for ${host} with a valid token`,
        );
      }
      throw error;
    },
  );

  const ownerType = await client.rest.users
    .getByUsername({ username: owner })
    .then(
      response => response.data.type as 'User' | 'Organization',
      error => {
        if (statusOf(error) === 404) {
          throw new InputError(
            `The GitHub owner "${owner}" does not exist on ${host}`,
          );
        }
        throw error;
      },
    );
  if (ownerType === 'User' && owner.toLowerCase() !== login.toLowerCase()) {
    throw new InputError(
      `The token belongs to "${login}", which cannot create repositories for the user "${owner}"; use "${login}" or an organisation`,
    );
  }

  const exists = await client.rest.repos.get({ owner, repo }).then(
    () => true,
    error => {
      if (statusOf(error) === 404) return false;
      throw error;
    },
  );
  if (exists) {
    throw new InputError(
      `The repository ${owner}/${repo} already exists on ${host}; choose another name`,
    );
  }
  return ownerType;
}

/**
 * Checks, before anything is created, that `publish:github` can succeed: the token is accepted,
 * the owner exists, a user-owned repository belongs to the token's user, and the repository does
 * not exist yet. Read-only, so it runs in dry-run too. Run it first: a task that fails after
 * `publish:github` leaves an orphan repository behind.
 */
export function createGithubCheckAction(options: {
  integrations: ScmIntegrationRegistry;
}) {
  const { integrations } = options;

  return createTemplateAction({
    id: GITHUB_CHECK_ACTION_ID,
    description:
      'Checks that a GitHub repository can be created (token, owner, name free) before any side effect.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...githubRepositoryInputs,
        token: z =>
          z
            .string()
            .optional()
            .describe(
              'A token to use instead of the integration’s (as for publish:github)',
            ),
      },
      output: {
        ownerType: z =>
          z
            .enum(['User', 'Organization'])
            .describe('Whether the owner is a user or an organisation'),
      },
    },
    async handler(ctx) {
      const { host, owner, repo } = parseRepoUrl(
        ctx.input.repoUrl,
        integrations,
      );
      if (!owner || !repo) {
        throw new InputError(
          `repoUrl "${ctx.input.repoUrl}" must name an owner and a repository`,
        );
      }
      // A retried task has already created the repository: the check passed then and stands.
      const ownerType = await ctx.checkpoint({
        key: `microservice.github.check.${host}.${owner}.${repo}`,
        fn: () =>
          checkRepositoryCanBeCreated({
            integrations,
            host,
            owner,
            repo,
            token: ctx.input.token,
          }),
      });
      ctx.logger.info(
        `${owner}/${repo} can be created on ${host} (owner is a ${ownerType})`,
      );
      ctx.output('ownerType', ownerType);
    },
  });
}
