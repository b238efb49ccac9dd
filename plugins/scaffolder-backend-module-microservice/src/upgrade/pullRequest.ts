import type { Octokit } from 'octokit';
import { UPGRADE_BRANCH, type UpgradePlan } from './upgradeRepository';
import { describeChange } from './versions';

/** At most this many paths are listed per blueprint; the pull request's own diff has them all. */
const LISTED_FILES = 20;

export function pullRequestTitle(plan: UpgradePlan): string {
  const changes = plan.changes.map(describeChange);
  return `Microservice template: ${changes.length ? changes.join(', ') : 'changed answers'}`;
}

export function pullRequestBody(plan: UpgradePlan): string {
  const lines = [
    'The Microservice template has changed since this service was made or last upgraded. This pull request applies its changes and keeps yours (a three-way merge whose base is the `microservice-scaffolder/template` branch: the template’s output as last rendered).',
    '',
    '## Blueprints',
    '',
    ...(plan.changes.length
      ? plan.changes.map(change => `- ${describeChange(change)}`)
      : ['- no blueprint changed: the recorded answers did']),
    '',
    '## What the template changed',
    '',
  ];
  for (const [blueprint, files] of Object.entries(
    plan.filesByBlueprint,
  ).sort()) {
    const shown = files.slice(0, LISTED_FILES).map(f => `\`${f}\``);
    const more =
      files.length > LISTED_FILES
        ? `, and ${files.length - LISTED_FILES} more`
        : '';
    lines.push(`- **${blueprint}**: ${shown.join(', ')}${more}`);
  }
  if (plan.conflicts.length) {
    lines.push(
      '',
      '## Conflicts',
      '',
      'The template and this repository changed the same lines of these files. Each holds git’s conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`): keep what you want, remove the markers, and push to this branch.',
      '',
      ...plan.conflicts.map(file => `- \`${file}\``),
    );
  }
  lines.push(
    '',
    'Made by `microservice:upgrade`; running it again updates this pull request. `.microservice-scaffolder.yaml` records the new blueprint versions and answers.',
  );
  return lines.join('\n');
}

/** Opens the upgrade's pull request, or updates the open one: never a second. */
export async function openOrUpdatePullRequest(options: {
  client: Octokit;
  owner: string;
  repo: string;
  defaultBranch: string;
  plan: UpgradePlan;
}): Promise<{ url: string; number: number; action: 'opened' | 'updated' }> {
  const { client, owner, repo, defaultBranch, plan } = options;
  const title = pullRequestTitle(plan);
  const body = pullRequestBody(plan);
  const { data: open } = await client.rest.pulls.list({
    owner,
    repo,
    head: `${owner}:${UPGRADE_BRANCH}`,
    state: 'open',
  });
  if (open.length) {
    const { data } = await client.rest.pulls.update({
      owner,
      repo,
      pull_number: open[0].number,
      title,
      body,
    });
    return { url: data.html_url, number: data.number, action: 'updated' };
  }
  const { data } = await client.rest.pulls.create({
    owner,
    repo,
    title,
    body,
    head: UPGRADE_BRANCH,
    base: defaultBranch,
  });
  return { url: data.html_url, number: data.number, action: 'opened' };
}
