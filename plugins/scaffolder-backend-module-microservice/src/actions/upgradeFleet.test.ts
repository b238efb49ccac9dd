import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import { parse as parseYaml } from 'yaml';
import {
  SECURITY_DEADLINE,
  startUpgradeWorld,
  TEMPLATE_REF,
  type UpgradeWorld,
} from '../__testUtils__/upgradeFixtures';
import { createUpgradeFleetAction, fleetReport } from './upgradeFleet';
import { examples } from './upgradeFleet.examples';

jest.setTimeout(180_000);

const names = Array.from(
  { length: 10 },
  (_, i) => `fleet-service-${String(i + 1).padStart(2, '0')}`,
);

/** The Component catalog-info.yaml declares for a service made from the template. */
const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'github.com/project-slug': `acme/${name}`,
      'backstage.io/source-location': `url:https://github.com/acme/${name}/tree/main/`,
      'backstage.io/source-template': TEMPLATE_REF,
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'experimental',
  },
});

/** A fleet summary: by default the fleet's one current, one conflicting, one failed service. */
const counts = (some: Record<string, number>) => ({
  opened: 0,
  updated: 0,
  current: 1,
  conflicting: 1,
  failed: 1,
  ...some,
});

describe('microservice:upgrade:fleet', () => {
  let world: UpgradeWorld;

  beforeAll(async () => {
    world = await startUpgradeWorld();
    // Ten services: the first already current, the second with a conflicting edit, the third
    // deleted since; the others as the template made them.
    await world.makeService(names[0], world.versionNext);
    for (const name of names.slice(1)) await world.makeService(name);
    await world.teamCommit(names[1], {
      'SECURITY.md': t =>
        t.replace(SECURITY_DEADLINE, 'answer within five working days'),
    });
    await world.github.store.delete('acme', names[2]);
  });
  afterAll(() => world.github.stop());

  /** A run with `input` as a step writes it: the scaffolder fills in no defaults. */
  async function runFleet(input: JsonObject = { templateRef: TEMPLATE_REF }) {
    const catalog = catalogServiceMock({ entities: names.map(component) });
    const ctx = createMockActionContext({ input });
    await createUpgradeFleetAction({
      renderer: world.versionNext,
      integrations: world.integrations,
      catalog,
    }).handler(ctx as any);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([key, value]) => [key, value]),
    );
  }

  it('upgrades every service of the template, a pull request each, and sums them up', async () => {
    const first = await runFleet();
    expect(first.summary).toEqual(counts({ opened: 7 }));
    const byRef = Object.fromEntries(
      first.results.map((r: { entityRef: string }) => [r.entityRef, r]),
    );
    expect(byRef[`component:default/${names[1]}`]).toMatchObject({
      outcome: 'conflicting',
      conflicts: ['SECURITY.md'],
    });
    expect(byRef[`component:default/${names[2]}`]).toMatchObject({
      outcome: 'failed',
      reason: `acme/${names[2]} does not exist on github.com`,
    });
    expect(first.report).toContain(
      `| component:default/${names[2]} | failed | acme/${names[2]} does not exist on github.com |`,
    );

    // Again: the same pull requests updated, never a second.
    const second = await runFleet();
    expect(second.summary).toEqual(counts({ updated: 7 }));
    for (const name of names) {
      expect(world.github.pulls.list('acme', name).length).toBeLessThanOrEqual(
        1,
      );
    }
  });

  it('upgrades only the services named, and reports one not in the catalog', async () => {
    const outputs = await runFleet({
      entityRefs: [
        `component:default/${names[3]}`,
        'component:default/nowhere',
      ],
    });
    expect(outputs.summary).toEqual(
      counts({ updated: 1, current: 0, conflicting: 0 }),
    );
    expect(outputs.results[1]).toEqual({
      entityRef: 'component:default/nowhere',
      outcome: 'failed',
      reason: 'not in the catalog',
    });
  });

  it('escapes a reason that would break the report’s table', () => {
    expect(
      fleetReport([
        {
          entityRef: 'component:default/a',
          outcome: 'failed',
          reason: 'x | y\nz',
        },
      ]),
    ).toContain('| component:default/a | failed | x \\| y z |');
  });

  it.each(examples.map(example => [example.description, example]))(
    'runs the example: %s',
    async (_, example) => {
      const { input } = parseYaml(example.example).steps[0];
      const outputs = await runFleet(input);
      const total = Object.values(
        outputs.summary as Record<string, number>,
      ).reduce((sum, n) => sum + n, 0);
      // The first upgrades the ten services; the second names two the catalog does not hold.
      expect(total).toBe(input.entityRefs ? 2 : 10);
    },
  );
});
