import type { ScmIntegrationRegistry } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { getOctokitOptions } from '@backstage/plugin-scaffolder-backend-module-github';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { Octokit } from 'octokit';
import { statusOf } from '../actions/githubInputs';
import type { ServiceRenderer } from '../renderer';
import { openOrUpdatePullRequest } from './pullRequest';
import { upgradeRepository, type UpgradePlan } from './upgradeRepository';

export interface ServiceUpgrade {
  status: UpgradePlan['status'];
  conflicts: string[];
  pullRequest?: { url: string; action: 'opened' | 'updated' };
}

/** One service's upgrade: the three-way merge pushed, then its pull request opened or updated. */
export async function upgradeService(options: {
  renderer: ServiceRenderer;
  integrations: ScmIntegrationRegistry;
  repoUrl: string;
  token?: string;
  answers?: JsonObject;
  template?: { ref: string; version?: string };
}): Promise<ServiceUpgrade> {
  const { renderer, integrations, repoUrl } = options;
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  if (!owner || !repo) {
    throw new InputError(
      `repoUrl "${repoUrl}" must name an owner and a repository`,
    );
  }
  const octokitOptions = await getOctokitOptions({
    integrations,
    host,
    owner,
    repo,
    token: options.token,
  });
  const client = new Octokit(octokitOptions);
  const { data: repository } = await client.rest.repos
    .get({ owner, repo })
    .catch(error => {
      if (statusOf(error) === 404) {
        throw new InputError(`${owner}/${repo} does not exist on ${host}`);
      }
      throw error;
    });
  const plan = await upgradeRepository({
    renderer,
    cloneUrl: repository.clone_url,
    token: String(octokitOptions.auth),
    defaultBranch: repository.default_branch,
    changedAnswers: options.answers,
    template: options.template,
  });
  if (plan.status === 'current') {
    return { status: 'current', conflicts: [] };
  }
  const pull = await openOrUpdatePullRequest({
    client,
    owner,
    repo,
    defaultBranch: repository.default_branch,
    plan,
  });
  return {
    status: plan.status,
    conflicts: plan.conflicts,
    pullRequest: { url: pull.url, action: pull.action },
  };
}
