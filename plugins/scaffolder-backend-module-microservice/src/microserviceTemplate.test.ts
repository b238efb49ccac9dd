import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  descriptionRule,
  entityRefRule,
  preferredDefaults,
  resourceNameRule,
  serviceNameRule,
} from './spec';
import { builtInRenderer } from './__testUtils__/testRenderer';

// The form (templates/microservice/template.yaml) and the action must accept the same values:
// this test holds the template to the rules and the installed blueprints.
const template = parseYaml(
  fs.readFileSync(
    path.resolve(__dirname, '../../../templates/microservice/template.yaml'),
    'utf8',
  ),
);
const properties: Record<string, any> = Object.assign(
  {},
  ...template.spec.parameters.map((page: any) => page.properties),
);
const renderStep = template.spec.steps.find(
  (step: any) => step.action === 'microservice:render',
);

describe('the Microservice template', () => {
  it('is named as REST callers and other templates expect', () => {
    expect(template.metadata.name).toBe('microservice');
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      'microservice:github:check',
      'microservice:render',
      'publish:github',
      'catalog:register',
    ]);
  });

  it('offers exactly the installed stacks and layer options, with the same defaults', async () => {
    const { choices } = await builtInRenderer();
    for (const [field, values] of [
      ['stack', choices.stacks],
      ['ci', choices.ci],
      ['deployment', choices.deployment],
    ] as const) {
      expect({ field, enum: [...properties[field].enum].sort() }).toEqual({
        field,
        enum: [...values].sort(),
      });
      expect({ field, default: properties[field].default }).toEqual({
        field,
        default: values[0],
      });
    }
    expect(properties.stack.default).toBe(preferredDefaults.stack);
  });

  it('uses the naming rules of the action', () => {
    expect(properties.name.pattern).toBe(serviceNameRule.pattern);
    expect(properties.name.maxLength).toBe(serviceNameRule.maxLength);
    expect(properties.resource.pattern).toBe(resourceNameRule.pattern);
    expect(properties.resource.maxLength).toBe(resourceNameRule.maxLength);
    for (const [field, rule] of [
      ['description', descriptionRule],
      ['owner', entityRefRule],
      ['system', entityRefRule],
    ] as const) {
      expect({ field, pattern: properties[field].pattern }).toEqual({
        field,
        pattern: rule.pattern,
      });
      expect({ field, maxLength: properties[field].maxLength }).toEqual({
        field,
        maxLength: rule.maxLength,
      });
    }
  });

  it('passes every form value to the render action under the same name', () => {
    const formFields = Object.keys(properties).filter(
      field => field !== 'repoVisibility',
    );
    for (const field of formFields) {
      expect({ field, value: renderStep.input[field] }).toEqual({
        field,
        value: `\${{ parameters.${field} }}`,
      });
    }
  });
});
