import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse as parseYaml } from 'yaml';
import { builtInRenderer } from '../__testUtils__/testRenderer';
import { createRenderAction } from './render';
import { examples } from './render.examples';

// Template expressions in examples stand for form values; give them concrete ones.
const formValues: Record<string, string> = {
  'parameters.name': 'billing-api',
  'parameters.description': 'Bills: "monthly" & on demand',
  'parameters.owner': 'group:default/payments',
  'parameters.system': 'payments',
  'parameters.repoUrl': 'github.com?owner=acme&repo=billing-api',
};

function resolveExpressions(input: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? value.replace(
            /^\$\{\{ (.+) \}\}$/,
            (_, expression) => formValues[expression],
          )
        : value,
    ]),
  );
}

describe('microservice:render examples', () => {
  const workspace = createMockDirectory();

  it.each(examples.map(example => [example.description, example]))(
    '%s',
    async (_, example) => {
      workspace.clear();
      const action = createRenderAction({ renderer: await builtInRenderer() });
      const step = parseYaml(example.example).steps[0];
      expect(step.action).toBe(action.id);

      const input = resolveExpressions(step.input);
      await action.handler(
        createMockActionContext({
          input: input as any,
          workspacePath: workspace.path,
        }),
      );
      const target = workspace.resolve(String(input.targetPath ?? '.'));
      expect(fs.existsSync(`${target}/catalog-info.yaml`)).toBe(true);
    },
  );
});
