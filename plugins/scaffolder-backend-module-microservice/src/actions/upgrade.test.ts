import { execFileSync } from 'node:child_process';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse as parseYaml } from 'yaml';
import {
  SECURITY_DEADLINE,
  startUpgradeWorld,
  TEMPLATE_REF,
  type UpgradeWorld,
} from '../__testUtils__/upgradeFixtures';
import { TEMPLATE_BRANCH, UPGRADE_BRANCH } from '../upgrade';
import { createUpgradeAction } from './upgrade';
import { examples } from './upgrade.examples';

jest.setTimeout(60_000);

describe('microservice:upgrade', () => {
  let world: UpgradeWorld;

  beforeAll(async () => {
    world = await startUpgradeWorld();
  });
  afterAll(() => world.github.stop());

  async function upgrade(name: string, answers?: JsonObject) {
    const input: {
      repoUrl: string;
      templateRef: string;
      answers?: JsonObject;
    } = {
      repoUrl: `github.com?owner=acme&repo=${name}`,
      templateRef: TEMPLATE_REF,
    };
    if (answers) input.answers = answers;
    const ctx = createMockActionContext({ input });
    await createUpgradeAction({
      renderer: world.versionNext,
      integrations: world.integrations,
      catalog: catalogServiceMock(),
    }).handler(ctx);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([key, value]) => [key, value]),
    );
  }

  it('publishing keeps the template’s output on its own branch', async () => {
    await world.makeService('branch-service');
    const main = await world.github.store.resolveRef(
      'acme',
      'branch-service',
      'main',
    );
    expect(
      await world.github.store.resolveRef(
        'acme',
        'branch-service',
        TEMPLATE_BRANCH,
      ),
    ).toBe(main);
  });

  it('applies the template’s changes and keeps both team edits, in one pull request', async () => {
    await world.makeService('clean-service');
    await world.teamCommit('clean-service', {
      'SECURITY.md': t =>
        t.replace('# Security policy', '# Security policy of team A'),
      Makefile: t => `${t}\nlint-all: lint\n`,
    });
    const first = await upgrade('clean-service');
    expect(first.status).toBe('upgraded');
    expect(first.conflicts).toEqual([]);
    const security = await world.read(
      'clean-service',
      UPGRADE_BRANCH,
      'SECURITY.md',
    );
    expect(security).toContain('# Security policy of team A');
    expect(security).toContain('answer within two working days');
    expect(
      await world.read('clean-service', UPGRADE_BRANCH, 'Makefile'),
    ).toContain('lint-all: lint');
    expect(
      await world.read('clean-service', UPGRADE_BRANCH, 'Dockerfile'),
    ).toContain('# Rebuilt monthly for base image fixes.');
    const provenance = parseYaml(
      (await world.read(
        'clean-service',
        UPGRADE_BRANCH,
        '.microservice-scaffolder.yaml',
      ))!,
    );
    expect(provenance.blueprints.stack.version).toBe('2.1.0');
    const pulls = world.github.pulls.list('acme', 'clean-service');
    expect(pulls).toHaveLength(1);
    expect(pulls[0].title).toBe(
      'Microservice template: python-fastapi 2.0.0 → 2.1.0, repo-hygiene 1.1.0 → 1.2.0',
    );
    expect(pulls[0].body).toContain('**repo-hygiene**: `SECURITY.md`');
    expect(first.pullRequestUrl).toBe(
      `${world.github.url}/acme/clean-service/pull/1`,
    );

    // Again: the same branch and pull request, updated; never a second.
    const again = await upgrade('clean-service');
    expect(again.pullRequestUrl).toBe(first.pullRequestUrl);
    expect(world.github.pulls.list('acme', 'clean-service')).toHaveLength(1);
  });

  it('names an overlapping edit as a conflict, with the markers in the file', async () => {
    await world.makeService('overlap-service');
    await world.teamCommit('overlap-service', {
      'SECURITY.md': t =>
        t.replace(SECURITY_DEADLINE, 'answer within five working days'),
    });
    const outputs = await upgrade('overlap-service');
    expect(outputs.status).toBe('conflicting');
    expect(outputs.conflicts).toEqual(['SECURITY.md']);
    const security = await world.read(
      'overlap-service',
      UPGRADE_BRANCH,
      'SECURITY.md',
    );
    expect(security).toMatch(
      /<<<<<<< HEAD[\s\S]*five working days[\s\S]*=======[\s\S]*two working days[\s\S]*>>>>>>> template/,
    );
    const [pull] = world.github.pulls.list('acme', 'overlap-service');
    expect(pull.body).toContain('## Conflicts');
    expect(pull.body).toContain('- `SECURITY.md`');
  });

  it('opens nothing for a service that is current', async () => {
    await world.makeService('current-service');
    // The upgrade merged: main holds the template's latest render.
    await upgrade('current-service');
    const upgraded = await world.github.store.resolveRef(
      'acme',
      'current-service',
      UPGRADE_BRANCH,
    );
    execFileSync('git', [
      '-C',
      world.github.store.gitDirectory('acme', 'current-service'),
      'update-ref',
      'refs/heads/main',
      upgraded!,
    ]);
    world.github.pulls.list('acme', 'current-service')[0].state = 'closed';

    const outputs = await upgrade('current-service');
    expect(outputs).toEqual({ status: 'current', conflicts: [] });
    expect(
      world.github.pulls
        .list('acme', 'current-service')
        .filter(p => p.state === 'open'),
    ).toEqual([]);
  });

  it('carries changed answers in the same pull request', async () => {
    await world.makeService('tracing-service');
    const outputs = await upgrade('tracing-service', { tracing: true });
    expect(outputs.status).toBe('upgraded');
    const provenance = parseYaml(
      (await world.read(
        'tracing-service',
        UPGRADE_BRANCH,
        '.microservice-scaffolder.yaml',
      ))!,
    );
    expect(provenance.answers.tracing).toBe(true);
  });

  it('refuses a repository that does not exist', async () => {
    await expect(upgrade('missing-service')).rejects.toThrow(
      'acme/missing-service does not exist on github.com',
    );
  });

  it.each(examples.map(example => [example.description, example]))(
    'runs the example: %s',
    async (_, example) => {
      const step = parseYaml(example.example).steps[0];
      await world.makeService('orders-service').catch(() => undefined);
      const outputs = await upgrade('orders-service', step.input.answers);
      expect(['upgraded', 'conflicting']).toContain(outputs.status);
    },
  );
});
