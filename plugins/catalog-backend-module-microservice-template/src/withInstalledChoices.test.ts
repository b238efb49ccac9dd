import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  builtInBlueprintsDirectory,
  installedChoices,
  loadBlueprints,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { formChoices } from './formChoices';
import { withInstalledChoices } from './withInstalledChoices';

const template: Entity = parseYaml(
  fs.readFileSync(
    path.resolve(__dirname, '../../../templates/microservice/template.yaml'),
    'utf8',
  ),
);

/** Each page's properties by name, merged, with the conditional branches of every page. */
function properties(entity: Entity): Record<string, any> {
  return Object.assign(
    {},
    ...(entity.spec!.parameters as any[]).map(page => page.properties),
  );
}

function branches(entity: Entity, option: string): string[][] {
  const page = (entity.spec!.parameters as any[]).find(
    p => p.dependencies?.[option],
  );
  return page.dependencies[option].oneOf.map(
    (branch: any) => branch.properties[option].enum,
  );
}

async function choicesFor(roots: string[], defaults = {}) {
  const catalog = await loadBlueprints(roots);
  return formChoices(catalog, installedChoices(catalog, defaults));
}

describe('withInstalledChoices', () => {
  it('fills the stack and option fields with the installed blueprints, titles and defaults', async () => {
    const filled = withInstalledChoices(
      template,
      await choicesFor([builtInBlueprintsDirectory()], { ci: 'gitlab-ci' }),
    );
    const fields = properties(filled);
    expect(fields.stack).toMatchObject({
      enum: expect.arrayContaining(['python-fastapi']),
      default: 'python-fastapi',
    });
    expect(
      fields.stack.enumNames[fields.stack.enum.indexOf('python-fastapi')],
    ).toBe('Python / FastAPI');
    expect(fields.ci).toMatchObject({
      enum: ['gitlab-ci', 'github-actions', 'jenkins', 'none'],
      enumNames: ['GitLab CI/CD', 'GitHub Actions', 'Jenkins', 'None'],
      default: 'gitlab-ci',
    });
    expect(fields.deployment.enum).toEqual(['kubernetes', 'helm', 'none']);
    // Domain and replicas appear for every deployment but none.
    expect(branches(filled, 'deployment')).toEqual([
      ['none'],
      ['kubernetes', 'helm'],
    ]);
    // The raw template is left alone.
    expect(properties(template).ci.enum).toBeUndefined();
  });

  it("offers a platform team's stack, option value and whole new option, with no edit to the template", async () => {
    const platform = createMockDirectory();
    const builtIn = await loadBlueprints([builtInBlueprintsDirectory()]);
    const python = builtIn.stacks.get('python-fastapi')!;
    platform.setContent({
      'stacks/kotlin-ktor/blueprint.yaml': stringifyYaml({
        ...python.manifest,
        name: 'kotlin-ktor',
        title: 'Kotlin / Ktor',
      }),
      'layers/argocd/blueprint.yaml': stringifyYaml({
        kind: 'layer',
        name: 'argocd',
        title: 'Argo CD application',
        description: 'GitOps',
        version: '1.0.0',
        option: { name: 'deployment', value: 'argocd' },
      }),
      'layers/kafka/blueprint.yaml': stringifyYaml({
        kind: 'layer',
        name: 'kafka',
        title: 'Kafka topic',
        description: 'Messaging',
        version: '1.0.0',
        option: { name: 'messaging', value: 'kafka' },
      }),
    });
    const filled = withInstalledChoices(
      template,
      await choicesFor([builtInBlueprintsDirectory(), platform.path]),
    );
    const fields = properties(filled);
    expect(fields.stack.enumNames).toContain('Kotlin / Ktor');
    expect(fields.deployment.enum).toEqual([
      'kubernetes',
      'argocd',
      'helm',
      'none',
    ]);
    expect(branches(filled, 'deployment')[1]).toEqual([
      'kubernetes',
      'argocd',
      'helm',
    ]);
    expect(fields.messaging).toMatchObject({
      title: 'Messaging',
      enum: ['kafka', 'none'],
      enumNames: ['Kafka topic', 'None'],
      default: 'kafka',
    });
    const render = (filled.spec!.steps as any[]).find(
      step => step.action === 'microservice:render',
    );
    expect(render.input.messaging).toBe('${{ parameters.messaging }}');
  });

  it('leaves templates without the annotation as they are', async () => {
    const other = {
      ...template,
      metadata: { ...template.metadata, annotations: {} },
    };
    expect(
      withInstalledChoices(
        other,
        await choicesFor([builtInBlueprintsDirectory()]),
      ),
    ).toBe(other);
  });
});
