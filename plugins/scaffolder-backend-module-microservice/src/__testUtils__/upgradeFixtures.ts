import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  standInIntegrations,
  startTestGithubStandIn,
  type GithubStandIn,
} from 'github-stand-in';
import { createGithubPublishAction } from '../actions/githubPublish';
import { builtInBlueprintsDirectory, writeRenderedFiles } from '../engine';
import { createServiceRenderer, type ServiceRenderer } from '../renderer';

export const TOKEN = 'right-token';
export const TEMPLATE_REF = 'template:default/microservice';
/** The SECURITY.md line version N+1 changes; a team edit of it overlaps. */
export const SECURITY_DEADLINE = 'answer within three working days';

/**
 * Version N+1 of a stack and a layer, as a platform team's blueprint folder: python-fastapi
 * 2.0.0 → 2.1.0 (a line at the end of its Dockerfile), repo-hygiene 1.1.0 → 1.2.0 (a shorter
 * deadline in SECURITY.md, far from its first line).
 */
export function nextVersionBlueprints(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprints-next-'));
  const copy = (kind: string, name: string) => {
    const target = path.join(root, kind, name);
    fs.cpSync(path.join(builtInBlueprintsDirectory(), kind, name), target, {
      recursive: true,
    });
    return target;
  };
  const edit = (file: string, change: (text: string) => string) => {
    const before = fs.readFileSync(file, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the fixture did not change ${file}`);
    fs.writeFileSync(file, after);
  };
  const stack = copy('stacks', 'python-fastapi');
  edit(path.join(stack, 'blueprint.yaml'), t =>
    t.replace(/^version: 2\.0\.0$/m, 'version: 2.1.0'),
  );
  edit(
    path.join(stack, 'files/Dockerfile.njk'),
    t => `${t}# Rebuilt monthly for base image fixes.\n`,
  );
  const layer = copy('layers', 'repo-hygiene');
  edit(path.join(layer, 'blueprint.yaml'), t =>
    t.replace(/^version: 1\.1\.0$/m, 'version: 1.2.0'),
  );
  edit(path.join(layer, 'files/SECURITY.md.njk'), t =>
    t.replace(SECURITY_DEADLINE, 'answer within two working days'),
  );
  return root;
}

export interface UpgradeWorld {
  github: GithubStandIn;
  integrations: ScmIntegrations;
  /** The built-in blueprints: what made the services. */
  versionN: ServiceRenderer;
  /** The built-in blueprints with nextVersionBlueprints() over them. */
  versionNext: ServiceRenderer;
  /** Renders `name` with `renderer` and publishes it as the template does. */
  makeService(name: string, renderer?: ServiceRenderer): Promise<void>;
  /** A team's commit on main: `edits` maps paths to a change of their text. */
  teamCommit(
    name: string,
    edits: Record<string, (text: string) => string>,
  ): Promise<void>;
  read(name: string, ref: string, file: string): Promise<string | undefined>;
}

/** The GitHub stand-in and renderers of version N and N+1. */
export async function startUpgradeWorld(): Promise<UpgradeWorld> {
  const github = await startTestGithubStandIn(TOKEN);
  const config = new ConfigReader({
    integrations: { github: standInIntegrations(github, TOKEN) },
  });
  const integrations = ScmIntegrations.fromConfig(config);
  const versionN = await createServiceRenderer({
    blueprintDirectories: [builtInBlueprintsDirectory()],
    integrations,
  });
  const versionNext = await createServiceRenderer({
    blueprintDirectories: [
      builtInBlueprintsDirectory(),
      nextVersionBlueprints(),
    ],
    integrations,
  });

  return {
    github,
    integrations,
    versionN,
    versionNext,
    async makeService(name, renderer = versionN) {
      const repoUrl = `github.com?owner=acme&repo=${name}`;
      const service = await renderer.render(
        {
          name,
          owner: 'group:default/team-a',
          stack: 'python-fastapi',
          repoUrl,
          targetPath: 'service',
        },
        { ref: TEMPLATE_REF },
      );
      const ctx = createMockActionContext({
        input: {
          repoUrl,
          repoVisibility: 'private' as const,
          sourcePath: 'service',
          defaultBranch: 'main',
          protectDefaultBranch: false,
        },
      });
      await writeRenderedFiles(
        path.join(ctx.workspacePath, 'service'),
        service.files,
      );
      await createGithubPublishAction({ integrations, config }).handler(ctx);
    },
    async teamCommit(name, edits) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'team-'));
      const url = new URL(`${github.url}/acme/${name}.git`);
      url.username = 'x-access-token';
      url.password = TOKEN;
      // Asynchronous: the stand-in answering git runs in this process.
      const git = (...args: string[]) =>
        promisify(execFile)('git', args, { cwd: dir });
      await git('clone', '--quiet', url.toString(), '.');
      for (const [file, change] of Object.entries(edits)) {
        const target = path.join(dir, file);
        fs.writeFileSync(target, change(fs.readFileSync(target, 'utf8')));
      }
      await git(
        '-c',
        'user.name=Team A',
        '-c',
        'user.email=a@acme.io',
        'commit',
        '-qam',
        'Our changes',
      );
      await git('push', '--quiet', 'origin', 'main');
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async read(name, ref, file) {
      return (
        await github.store.readFile('acme', name, ref, file)
      )?.content.toString('utf8');
    },
  };
}
