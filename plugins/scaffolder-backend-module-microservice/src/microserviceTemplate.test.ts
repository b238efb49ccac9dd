import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  descriptionRule,
  domainRule,
  entityRefRule,
  preferredDefaults,
  productionReplicasRule,
  resourceNameRule,
  serviceNameRule,
  tokenClaimRule,
  type TextRule,
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
/** `dependencies: {field: {oneOf: [...]}}` branches: the fields a choice adds to its page. */
const dependencyBranches = (page: any): [string, any[]][] =>
  Object.entries(page.dependencies ?? {}).map(([field, dependency]: any) => [
    field,
    dependency.oneOf,
  ]);
const conditionalProperties = (page: any) =>
  dependencyBranches(page).flatMap(([field, branches]) =>
    branches.map(branch =>
      Object.fromEntries(
        Object.entries(branch.properties).filter(([name]) => name !== field),
      ),
    ),
  );
const properties: Record<string, any> = Object.assign(
  {},
  ...template.spec.parameters.flatMap((page: any) => [
    page.properties,
    ...conditionalProperties(page),
  ]),
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
      'microservice:catalog:check',
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

  it('uses the rules of the action, and says their messages in words', () => {
    const rules: [string, TextRule][] = [
      ['name', serviceNameRule],
      ['description', descriptionRule],
      ['owner', entityRefRule],
      ['system', entityRefRule],
      ['resource', resourceNameRule],
      ['jwtAudience', tokenClaimRule],
      ['jwtIssuer', tokenClaimRule],
      ['domain', domainRule],
    ];
    for (const [field, rule] of rules) {
      const { pattern, maxLength, errorMessage } = properties[field];
      expect({ field, pattern, maxLength }).toEqual({
        field,
        pattern: rule.pattern,
        maxLength: rule.maxLength,
      });
      expect({ field, errorMessage }).toEqual({
        field,
        errorMessage: {
          pattern: rule.message,
          maxLength: `must be at most ${rule.maxLength} characters`,
        },
      });
    }
    expect(properties.productionReplicas).toMatchObject(productionReplicasRule);
  });

  it('gives every field a title and a description', () => {
    for (const [field, property] of Object.entries(properties)) {
      expect({ field, title: typeof property.title }).toEqual({
        field,
        title: 'string',
      });
      expect({ field, description: typeof property.description }).toEqual({
        field,
        description: 'string',
      });
    }
  });

  it('says every pattern in words', () => {
    const patterned = Object.entries(properties).filter(
      ([, property]) => property.pattern,
    );
    expect(patterned.length).toBeGreaterThan(0);
    for (const [field, property] of patterned) {
      expect({ field, message: typeof property.errorMessage?.pattern }).toEqual(
        {
          field,
          message: 'string',
        },
      );
    }
  });

  it('shows conditional fields for exactly the values of the field they depend on', () => {
    const pages = template.spec.parameters.filter(
      (page: any) => page.dependencies,
    );
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      for (const [field, branches] of dependencyBranches(page)) {
        const covered = branches.flatMap(
          branch => branch.properties[field].enum,
        );
        expect({ field, values: covered.sort() }).toEqual({
          field,
          values: [...page.properties[field].enum].sort(),
        });
      }
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
