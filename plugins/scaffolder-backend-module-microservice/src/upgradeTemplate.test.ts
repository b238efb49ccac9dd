import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { builtInRenderer } from './__testUtils__/testRenderer';
import { UPGRADE_FLEET_ACTION_ID } from './actions';

const template = parseYaml(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../templates/microservice-upgrade/template.yaml',
    ),
    'utf8',
  ),
);

describe('the Upgrade services template', () => {
  it('runs the fleet upgrade on the services the form offers', () => {
    expect(template.metadata.name).toBe('microservice-upgrade');
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      UPGRADE_FLEET_ACTION_ID,
    ]);
    const { services, answers } = template.spec.parameters[0].properties;
    expect(services['ui:field']).toBe('MultiEntityPicker');
    // The picker offers what the fleet upgrades: Components made from the Microservice template.
    expect(services['ui:options'].catalogFilter).toEqual({
      kind: 'Component',
      'metadata.annotations.backstage.io/source-template':
        template.spec.steps[0].input.templateRef,
    });
    expect(Object.keys(answers.properties)).toEqual(['tracing']);
  });

  it('offers answers the render action accepts', async () => {
    const renderer = await builtInRenderer();
    const { answers } = template.spec.parameters[0].properties;
    for (const answer of Object.keys(answers.properties)) {
      await expect(
        renderer.render(
          {
            name: 'orders-service',
            owner: 'group:default/team-a',
            repoUrl: 'github.com?owner=acme&repo=orders-service',
            [answer]: true,
          },
          { ref: 'template:default/microservice' },
        ),
      ).resolves.toBeDefined();
    }
  });

  it('names its services by the annotation the render action writes', async () => {
    const renderer = await builtInRenderer();
    const service = await renderer.render(
      {
        name: 'orders-service',
        owner: 'group:default/team-a',
        repoUrl: 'github.com?owner=acme&repo=orders-service',
      },
      { ref: 'template:default/microservice' },
    );
    const catalogInfo = service.files.find(
      f => f.path === 'catalog-info.yaml',
    )!;
    const [component] = parseAllDocuments(
      catalogInfo.content.toString('utf8'),
    ).map(document => document.toJS());
    expect(component.metadata.annotations['backstage.io/source-template']).toBe(
      'template:default/microservice',
    );
  });
});
