import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  descriptionRule,
  domainRule,
  entityRefRule,
  enumValueRule,
  fieldNameRule,
  NO_OPTION,
  preferredDefaults,
  productionReplicasRule,
  resourceNameRule,
  serviceNameRule,
  tokenClaimRule,
  type TextRule,
} from './request';
import * as rules from './request/rules';
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

/** A property anywhere in the form: on a page, in a branch a choice adds, or in an array's items. */
interface FormProperty {
  /** `name`, `fields[].name`, `fields[].values[]` (an array's items, which have no title). */
  where: string;
  schema: any;
  item?: boolean;
}
function formProperties(schema: any, prefix = ''): FormProperty[] {
  const own = Object.entries(schema.properties ?? {});
  const branches = dependencyBranches(schema).flatMap(([field, oneOf]) =>
    oneOf.flatMap(branch =>
      Object.entries(branch.properties ?? {}).filter(
        ([name]) => name !== field,
      ),
    ),
  );
  return [...own, ...branches].flatMap(([name, property]: [string, any]) => {
    const where = `${prefix}${name}`;
    const items = property.items;
    if (!items) return [{ where, schema: property }];
    return [
      { where, schema: property },
      ...(items.properties
        ? formProperties(items, `${where}[].`)
        : [{ where: `${where}[]`, schema: items, item: true }]),
    ];
  });
}
const allProperties: FormProperty[] = template.spec.parameters.flatMap(
  (page: any) => formProperties(page),
);

/** The rule of request/rules.ts each patterned form property follows. */
const fieldRules: Record<string, TextRule> = {
  name: serviceNameRule,
  description: descriptionRule,
  owner: entityRefRule,
  system: entityRefRule,
  resource: resourceNameRule,
  jwtAudience: tokenClaimRule,
  jwtIssuer: tokenClaimRule,
  domain: domainRule,
  'fields[].name': fieldNameRule,
  'fields[].description': descriptionRule,
  'fields[].values[]': enumValueRule,
};
/** Every text rule request/rules.ts declares, by its name. */
const textRules = Object.entries(rules).filter(
  ([, value]) =>
    typeof value === 'object' &&
    value !== null &&
    'pattern' in value &&
    'message' in value,
) as [string, TextRule][];
const patterned = allProperties.filter(
  ({ schema }) => schema.pattern !== undefined,
);
const patternedPaths = [...new Set(patterned.map(({ where }) => where))];

/** What keeps `text` from being one trimmed line of single-spaced words; empty when nothing. */
function lineProblems(text: unknown): string[] {
  if (typeof text !== 'string' || text.trim() === '') {
    return ['is empty or not text'];
  }
  const problems: string[] = [];
  if (text !== text.trim()) problems.push('has leading or trailing space');
  if (/\s\s|[\n\r\t]/.test(text))
    problems.push('is not one single-spaced line');
  return problems;
}

/** A title: "Production replicas", capitalised, no trailing period. */
function titleProblems(title: unknown): string[] {
  const problems = lineProblems(title);
  if (problems.length > 0) return problems;
  const text = title as string;
  if (!/^[A-Z0-9]/.test(text)) problems.push('does not start with a capital');
  if (/[.,;:]$/.test(text)) problems.push('ends with punctuation');
  return problems;
}

/** A description: a sentence, from a capital (or a numeral) to a full stop. */
function sentenceProblems(description: unknown): string[] {
  const problems = lineProblems(description);
  if (problems.length > 0) return problems;
  const text = description as string;
  if (!/^[A-Z0-9]/.test(text)) problems.push('does not start with a capital');
  if (!/[.!?]$/.test(text)) problems.push('does not end a sentence');
  if (!/[A-Za-z]{2,}/.test(text)) problems.push('has no words');
  return problems;
}

/** Regex syntax a user should never be shown. */
const regexSyntax = [
  /\^/, // anchor or negated class
  /\$/, // anchor
  /\\/, // escape
  /\(\?/, // group flags and lookarounds
  /\[[^\]\s]*\]/, // character class such as [a-z]
  /\{\d+(,\d*)?\}/, // quantifier such as {0,61}
  /[)\]][*+?]/, // quantified group or class
  /\.[*+]/, // any character, repeated
];

/** A message said after a field's name ("name must …"): words, not a regex. */
function wordsProblems(message: unknown): string[] {
  const problems = lineProblems(message);
  if (problems.length > 0) return problems;
  const text = message as string;
  problems.push(
    ...regexSyntax
      .filter(syntax => syntax.test(text))
      .map(syntax => `holds regex syntax ${syntax}`),
  );
  if (!/^[a-z]/.test(text)) problems.push('does not read after a field name');
  if ((text.match(/[A-Za-z]{2,}/g) ?? []).length < 4) {
    problems.push('is not words');
  }
  return problems;
}

describe('the Microservice template', () => {
  it('is named as REST callers and other templates expect', () => {
    expect(template.metadata.name).toBe('microservice');
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      'microservice:github:check',
      'microservice:render',
      'microservice:github:publish',
      'microservice:catalog:check',
      'catalog:register',
      'microservice:catalog:check',
    ]);
  });

  it('leaves the installed stacks and options to the catalog module, so they cannot go stale', async () => {
    const { choices } = await builtInRenderer();
    expect(
      template.metadata.annotations[
        'microservice-scaffolder/installed-choices'
      ],
    ).toBe('true');
    // The catalog module fills in values, titles and defaults; the template names none.
    for (const field of ['stack', ...Object.keys(choices.options)]) {
      const { enum: values, default: chosen } = properties[field] ?? {};
      expect({ field, values, chosen }).toEqual({
        field,
        values: undefined,
        chosen: undefined,
      });
    }
    expect(choices.stacks[0]).toBe(preferredDefaults.stack);
  });

  it('follows a rule of request/rules.ts in every patterned field', () => {
    expect(patternedPaths.length).toBeGreaterThan(0);
    // A new patterned field needs its rule here; a rule here needs its field in the form.
    expect(patternedPaths.filter(where => !fieldRules[where])).toEqual([]);
    expect(
      Object.keys(fieldRules).filter(where => !patternedPaths.includes(where)),
    ).toEqual([]);
    for (const { where, schema } of patterned) {
      const rule = fieldRules[where];
      const { pattern, maxLength, errorMessage } = schema;
      expect({ where, pattern, maxLength }).toEqual({
        where,
        pattern: rule.pattern,
        maxLength: rule.maxLength,
      });
      expect({ where, errorMessage }).toEqual({
        where,
        errorMessage: {
          pattern: rule.message,
          maxLength: `must be at most ${rule.maxLength} characters`,
        },
      });
    }
    expect(properties.productionReplicas).toMatchObject(productionReplicasRule);
  });

  it('gives every field, page and step a title, and every field a sentence describing it', () => {
    // Every property but an array's items: those are the array field's values.
    const fields = allProperties.filter(({ item }) => !item);
    expect(fields.length).toBeGreaterThan(Object.keys(properties).length);
    const titled: [string, unknown][] = [
      ['template', template.metadata.title],
      ...template.spec.parameters.map(
        (page: any, index: number): [string, unknown] => [
          `page ${index + 1}`,
          page.title,
        ],
      ),
      ...template.spec.steps.map((step: any): [string, unknown] => [
        `step ${step.id}`,
        step.name,
      ]),
      ...[...template.spec.output.links, ...template.spec.output.text].map(
        (output: any, index: number): [string, unknown] => [
          `output ${index + 1}`,
          output.title,
        ],
      ),
      ...fields.map(({ where, schema }): [string, unknown] => [
        where,
        schema.title,
      ]),
    ];
    expect(titled.length).toBeGreaterThan(fields.length);
    for (const [what, title] of titled) {
      expect({ what, title, problems: titleProblems(title) }).toEqual({
        what,
        title,
        problems: [],
      });
    }
    const described: [string, unknown][] = [
      ['template', template.metadata.description],
      ...template.spec.parameters
        .filter((page: any) => page.description !== undefined)
        .map((page: any): [string, unknown] => [page.title, page.description]),
      ...fields.map(({ where, schema }): [string, unknown] => [
        where,
        schema.description,
      ]),
    ];
    for (const [what, description] of described) {
      expect({
        what,
        description,
        problems: sentenceProblems(description),
      }).toEqual({ what, description, problems: [] });
    }
  });

  it('says every pattern in words: the rule messages, and the form messages that repeat them', () => {
    // The form's rules are among those request/rules.ts declares, so all of them are checked here.
    expect(
      Object.entries(fieldRules)
        .filter(
          ([, rule]) => !textRules.some(([, declared]) => declared === rule),
        )
        .map(([where]) => where),
    ).toEqual([]);
    for (const [rule, { message }] of textRules) {
      expect({ rule, message, problems: wordsProblems(message) }).toEqual({
        rule,
        message,
        problems: [],
      });
    }
    for (const { where, schema } of patterned) {
      const message = schema.errorMessage?.pattern;
      expect({ where, message, problems: wordsProblems(message) }).toEqual({
        where,
        message,
        problems: [],
      });
      // The form says exactly what the action says.
      expect({ where, message }).toEqual({
        where,
        message: fieldRules[where]?.message,
      });
    }
  });

  it('shows conditional fields for exactly the values of the field they depend on', async () => {
    const { choices } = await builtInRenderer();
    const pages = template.spec.parameters.filter(
      (page: any) => page.dependencies,
    );
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      for (const [field, branches] of dependencyBranches(page)) {
        const covered = branches.flatMap(
          branch => branch.properties[field].enum,
        );
        const installed = choices.options[field];
        // The catalog module gives the branch without "none" every other installed value.
        const seen = installed
          ? {
              none: covered.includes(NO_OPTION),
              notInstalled: covered.filter(value => !installed.includes(value)),
            }
          : { values: covered.sort() };
        expect({ field, ...seen }).toEqual({
          field,
          ...(installed
            ? { none: true, notInstalled: [] }
            : { values: [...page.properties[field].enum].sort() }),
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
