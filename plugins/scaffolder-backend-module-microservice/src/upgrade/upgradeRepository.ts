import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JsonObject } from '@backstage/types';
import { PROVENANCE_FILE, writeRenderedFiles } from '../engine';
import type { ServiceRenderer } from '../renderer';
import { gitIn } from './git';
import {
  blueprintChanges,
  readProvenance,
  type BlueprintChange,
  type BlueprintVersion,
} from './versions';

/**
 * The branch holding the template's output exactly as rendered, one commit per render: the
 * service's first commit, then each upgrade's. It is the base of every three-way upgrade, kept
 * in the repository itself, so an upgrade never needs the module version that made it.
 */
export const TEMPLATE_BRANCH = 'microservice-scaffolder/template';
/** The branch an upgrade's pull request comes from; a re-run replaces it. */
export const UPGRADE_BRANCH = 'microservice-scaffolder/upgrade';

const AUTHOR = {
  name: 'Microservice Scaffolder',
  email: 'scaffolder@backstage.io',
};

export interface UpgradePlan {
  /** `current`: the default branch has the template's output already; nothing is pushed. */
  status: 'current' | 'upgraded' | 'conflicting';
  changes: BlueprintChange[];
  /** Files the template changed since the service's last upgrade, per blueprint. */
  filesByBlueprint: Record<string, string[]>;
  /** Files both the template and the team changed differently: left with conflict markers. */
  conflicts: string[];
  /** The upgrade branch's commit, when one was pushed. */
  commitHash?: string;
}

const blueprintOf = (origin: { kind: string; blueprint?: string }) =>
  origin.kind === 'renderer' ? 'microservice:render' : origin.blueprint!;

/**
 * Renders the service's recorded answers (with `changedAnswers` over them) with today's
 * blueprints as a new commit on the template branch, and merges that branch into a new upgrade
 * branch made from the default branch: git's three-way merge keeps the team's changes, applies
 * the template's and marks where both changed the same lines. Pushes both branches.
 */
export async function upgradeRepository(options: {
  renderer: ServiceRenderer;
  cloneUrl: string;
  token: string;
  defaultBranch: string;
  changedAnswers?: JsonObject;
  template?: { ref: string; version?: string };
}): Promise<UpgradePlan> {
  const { renderer, cloneUrl, token, defaultBranch } = options;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'microservice-upgrade-'));
  try {
    const git = gitIn({ cwd: dir, token, author: AUTHOR });
    await git(['init', '--quiet']);
    await git(['remote', 'add', 'origin', cloneUrl]);
    const fetched = await git(
      [
        'fetch',
        '--quiet',
        '--no-tags',
        'origin',
        defaultBranch,
        TEMPLATE_BRANCH,
      ],
      { allowFailure: true },
    );
    if (fetched.code !== 0) {
      throw new Error(
        `cannot fetch ${defaultBranch} and ${TEMPLATE_BRANCH} (${fetched.stderr.trim()}): a repository made before microservice:github:publish kept the template branch, or one whose branch was deleted, cannot be upgraded`,
      );
    }
    const main = `origin/${defaultBranch}`;
    const templateTip = `origin/${TEMPLATE_BRANCH}`;
    const recorded = readProvenance(
      (await git(['show', `${main}:${PROVENANCE_FILE}`])).stdout,
    );
    const service = await renderer.render(
      { ...recorded.answers, ...options.changedAnswers },
      options.template,
    );

    // The template branch gets today's render as its next commit.
    await git(['checkout', '--quiet', '-B', 'template', templateTip]);
    await git(['rm', '-r', '--quiet', '--ignore-unmatch', '.']);
    await writeRenderedFiles(dir, service.files);
    await git(['add', '--all']);
    const templateChanged =
      (await git(['diff', '--cached', '--quiet'], { allowFailure: true }))
        .code !== 0;
    const rendered = readProvenance(
      service.files
        .find(file => file.path === PROVENANCE_FILE)!
        .content.toString('utf8'),
    );
    // Relative to what the default branch records: an upgrade not merged yet is part of it.
    const changes = blueprintChanges(recorded.blueprints, rendered.blueprints);
    if (templateChanged) {
      await git([
        'commit',
        '--quiet',
        '-m',
        `Template: ${describeVersions(rendered.blueprints)}`,
      ]);
    }

    // The upgrade: the default branch with the template branch merged in.
    await git(['checkout', '--quiet', '-B', 'upgrade', main]);
    const merged = await git(
      [
        'merge',
        '--no-ff',
        '--no-edit',
        '-m',
        `Upgrade from the Microservice template`,
        'template',
      ],
      { allowFailure: true },
    );
    const conflicts = (
      await git(['diff', '--name-only', '--diff-filter=U'])
    ).stdout
      .split('\n')
      .filter(Boolean);
    if (merged.code !== 0 && conflicts.length === 0) {
      throw new Error(`git merge failed: ${merged.stderr.trim()}`);
    }
    if (conflicts.length) {
      // The markers are committed: the pull request shows the team where to choose.
      await git(['add', '--all']);
      await git(['commit', '--quiet', '--no-edit']);
    }
    const differs =
      (await git(['diff', '--quiet', main, 'upgrade'], { allowFailure: true }))
        .code !== 0;
    // What the template changed since the default branch last took it, per blueprint.
    const base = (await git(['merge-base', main, 'template'])).stdout.trim();
    const changedPaths = new Set(
      (await git(['diff', '--name-only', base, 'template'])).stdout
        .split('\n')
        .filter(Boolean),
    );
    const filesByBlueprint: Record<string, string[]> = {};
    for (const file of service.files) {
      if (!changedPaths.has(file.path)) continue;
      (filesByBlueprint[blueprintOf(file.origin)] ??= []).push(file.path);
    }
    const renderedPaths = new Set(service.files.map(file => file.path));
    const removed = [...changedPaths].filter(p => !renderedPaths.has(p));
    if (removed.length) filesByBlueprint['(removed)'] = removed;

    const refs = [
      ...(templateChanged ? [`template:refs/heads/${TEMPLATE_BRANCH}`] : []),
      ...(differs ? [`+upgrade:refs/heads/${UPGRADE_BRANCH}`] : []),
    ];
    if (refs.length) await git(['push', '--quiet', 'origin', ...refs]);
    if (!differs) {
      return { status: 'current', changes, filesByBlueprint, conflicts: [] };
    }
    return {
      status: conflicts.length ? 'conflicting' : 'upgraded',
      changes,
      filesByBlueprint,
      conflicts,
      commitHash: (await git(['rev-parse', 'upgrade'])).stdout.trim(),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function describeVersions(blueprints: BlueprintVersion[]) {
  return blueprints.map(b => `${b.name} ${b.version}`).join(', ');
}
