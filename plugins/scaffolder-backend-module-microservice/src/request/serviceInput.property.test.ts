import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import pluralize from 'pluralize';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseDocument } from 'yaml';
import { createRenderAction } from '../actions/render';
import type { RenderedFile } from '../engine';
import type { ServiceRenderer } from '../renderer';
import {
  isUnsafeRelativePath,
  pythonProblems,
  structuredFileProblems,
} from '../__testUtils__/checkRenderedFiles';
import {
  brokenFields,
  installedOptions,
  installedStacks,
  REPOSITORY_HOST,
  requestFields,
  stackWords,
  type RequestField,
} from '../testUtils/serviceInputOracle';
import {
  fieldTags,
  hostileText,
  keeping,
  validFieldLists,
} from '../testUtils/fieldArbitraries';
import { builtInRenderer } from '../__testUtils__/testRenderer';
import { FIELD_NAMES_TAKEN } from './fieldInput';
import { fieldLimitBounds } from './fieldTypes';
import { sqlReservedWords } from './reservedWords';
import {
  authModes,
  databases,
  descriptionRule,
  domainRule,
  entityRefRule,
  lifecycles,
  productionReplicasRule,
  repositoryNameRule,
  repositoryOwnerRule,
  resourceNameRule,
  serviceNameRule,
  targetPathRule,
  tokenClaimRule,
  type TextRule,
} from './rules';
import { z as zodV3 } from 'zod/v3';
import { parseServiceInput, serviceInputSchema } from './serviceInput';

const optionValues = (option: string) =>
  fc.constantFrom(...installedOptions[option]);
/** Words the installed stacks reserve, of the characters a name may use. */
const stackReserved = (kind: 'identifiers' | 'packages' | 'modules') =>
  [
    ...new Set(
      Object.values(stackWords).flatMap(words => words.reserved[kind]),
    ),
  ].filter(word => /^[a-z][a-z0-9_]*$/.test(word));

jest.setTimeout(60_000);

/** Runs per property; together they keep this file at about 20 s. */
const PROPERTY_RUNS = { render: 100, rules: 300 };

/** Anything a REST caller could put in one field. */
const anything = fc.oneof(
  hostileText(8),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 45 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(
    'class',
    'json',
    'order',
    'select',
    'common',
    '../x',
    '/abs',
    'a'.repeat(41),
  ),
);

const segment = (letters: string) =>
  fc.stringMatching(new RegExp(`^[${letters}][${letters}0-9]{0,7}$`));

/** Any string the rule's pattern matches, within its length. */
const fromRule = (rule: TextRule) =>
  fc.stringMatching(new RegExp(rule.pattern), { maxLength: rule.maxLength });

/** Values of a rule's pattern, of a given length. */
const ofLength = {
  name: (length: number) => `${'ab-'.repeat(length).slice(0, length - 1)}z`,
  resource: (length: number) => `${'ab_'.repeat(length).slice(0, length - 1)}z`,
  domain: (length: number) =>
    `${'abc.'.repeat(length).slice(0, length - 3)}com`,
  letters: (length: number) => 'a'.repeat(length),
  text: (length: number) => 'é'.repeat(length),
};

/** A value of the rule's pattern that is one to twenty characters too long. */
const tooLong = (rule: TextRule, make: (length: number) => string) =>
  fc.integer({ min: rule.maxLength + 1, max: rule.maxLength + 20 }).map(make);

/** A valid value with one edit that may break it. */
const edited = (
  valid: fc.Arbitrary<unknown>,
  edits: ((value: string) => string)[],
) =>
  fc
    .tuple(valid, fc.constantFrom(...edits))
    .map(([value, edit]) => edit(String(value)));

const entityRef = fc.oneof(
  segment('a-zA-Z'),
  segment('a-z').map(team => `group:default/${team}`),
  fromRule(entityRefRule),
);
const repositoryUrl = ([owner, repo]: [string, string]) =>
  `${REPOSITORY_HOST}?${new URLSearchParams({ owner, repo })}`;

/** Per field, values the rules accept: built from known-valid parts. */
const validValues: Record<RequestField, fc.Arbitrary<unknown>> = {
  name: keeping(
    'name',
    fc.oneof(
      fc
        .array(segment('a-z'), { minLength: 1, maxLength: 4 })
        .map(parts => parts.join('-')),
      fromRule(serviceNameRule),
    ),
  ),
  description: keeping(
    'description',
    fc.oneof(
      hostileText(40),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fromRule(descriptionRule),
    ),
  ),
  owner: keeping('owner', entityRef),
  system: keeping('system', entityRef),
  lifecycle: fc.constantFrom(...lifecycles),
  stack: fc.constantFrom(...installedStacks),
  database: fc.constantFrom(...databases),
  resource: keeping(
    'resource',
    fc.oneof(
      fc
        .array(segment('a-z'), { minLength: 1, maxLength: 3 })
        .map(parts => parts.join('_')),
      fromRule(resourceNameRule),
    ),
  ),
  auth: fc.constantFrom(...authModes),
  jwtAudience: keeping(
    'jwtAudience',
    fc.oneof(segment('a-z'), fromRule(tokenClaimRule)),
  ),
  jwtIssuer: keeping(
    'jwtIssuer',
    fc.oneof(
      segment('a-z').map(host => `https://${host}.example.com/`),
      fromRule(tokenClaimRule),
    ),
  ),
  metrics: fc.boolean(),
  tracing: fc.boolean(),
  domain: keeping(
    'domain',
    fc.oneof(
      fc.constantFrom('example.com', 'apps.acme.io'),
      fromRule(domainRule),
    ),
  ),
  productionReplicas: fc.integer({
    min: productionReplicasRule.minimum,
    max: productionReplicasRule.maximum,
  }),
  publicApiDocs: fc.boolean(),
  repoUrl: keeping(
    'repoUrl',
    fc
      .tuple(
        fc.oneof(segment('a-z'), fromRule(repositoryOwnerRule)),
        fc.oneof(segment('a-z'), fromRule(repositoryNameRule)),
      )
      .map(repositoryUrl),
  ),
  targetPath: keeping(
    'targetPath',
    fc.oneof(
      fc.constant('.'),
      fc
        .array(segment('a-z_'), { minLength: 1, maxLength: 3 })
        .map(parts => parts.join('/')),
      fromRule(targetPathRule),
    ),
  ),
  fields: keeping('fields', validFieldLists),
  ...Object.fromEntries(
    Object.keys(installedOptions).map(option => [option, optionValues(option)]),
  ),
};

const unique = (...lists: (readonly string[])[]) => [...new Set(lists.flat())];
const identifiers = stackReserved('identifiers');
const resourceWords = unique(
  identifiers,
  sqlReservedWords,
  stackReserved('modules'),
);
const enumValues = unique(
  lifecycles,
  databases,
  authModes,
  installedStacks,
  ...Object.values(installedOptions),
);
const enumCandidates = fc.oneof(
  fc.constantFrom(...enumValues),
  fc.constantFrom(...enumValues).map(value => value.toUpperCase()),
  fc.constantFrom(...enumValues).map(value => ` ${value}`),
  fc.constantFrom('', 'default', 'None', 'true'),
  anything,
);
const entityRefCandidates = fc.oneof(
  fc.constantFrom(
    '',
    'group:',
    ':team-a',
    'group:default/',
    '/team-a',
    'a/b/c',
    '-team',
    'team-',
    'team.',
    'group::team',
    'team a',
    'grüppe',
  ),
  tooLong(entityRefRule, ofLength.letters),
  hostileText(6),
  anything,
);
const tokenClaimCandidates = fc.oneof(
  fc.constantFrom(
    '',
    'https://auth.acme.io/?tenant=1',
    'https://auth.acme.io/#me',
    'orders service',
    '-orders',
    '/orders',
    'a"b',
    'a$b',
    'a{b}',
    'ünï',
  ),
  tooLong(tokenClaimRule, ofLength.letters),
  hostileText(6),
  anything,
);
const repositoryPartCandidates = fc.oneof(
  segment('a-z'),
  fc.constantFrom(
    '',
    '-acme',
    'acme-',
    'ac--me',
    'a.b',
    'a_b',
    'a..b',
    '.a',
    'a.',
    'a/b',
    'a b',
    'Acme1',
    'a'.repeat(40),
    'a'.repeat(101),
  ),
  hostileText(4),
);

type Field = Record<string, unknown>;
const { stringLength, textLength, decimalPrecision, decimalScale, integer } =
  fieldLimitBounds;
/** The first field of a list replaced by `field` under the same name. */
const asFirst =
  (field: Field) =>
  (fields: Field[]): unknown[] => [
    { name: fields[0].name, ...field },
    ...fields.slice(1),
  ];
const named =
  (name: unknown) =>
  (fields: Field[]): unknown[] => [{ ...fields[0], name }, ...fields.slice(1)];
const manyFields = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    name: `${fieldTags[index]}_x`,
    type: 'string',
  }));
const manyValues = (count: number) =>
  Array.from({ length: count }, (_, index) => `v${index}`);
/**
 * One change to a valid list of fields, from the bounds of fieldTypes.ts and the rules: most
 * break it, some stay just inside. Which is which is the oracle's to say.
 */
const fieldListEdits: ((fields: Field[]) => unknown)[] = [
  () => [],
  () => manyFields(fieldLimitBounds.fields.maximum + 1),
  () => manyFields(fieldLimitBounds.fields.maximum),
  named('Due'),
  named('due-date'),
  named('1due'),
  named(''),
  named(7),
  named('a'.repeat(41)),
  fields => [...fields, { ...fields[0] }],
  fields => ['name', ...fields.slice(1)],
  fields => [{ ...fields[0], colour: 'red' }, ...fields.slice(1)],
  fields => [{ ...fields[0], required: 'yes' }, ...fields.slice(1)],
  asFirst({ type: 'float' }),
  asFirst({ type: 'String' }),
  asFirst({ type: 'boolean', maxLength: 10 }),
  asFirst({ type: 'string', values: ['a'] }),
  asFirst({ type: 'date', minimum: 1 }),
  asFirst({ type: 'string', maxLength: 0 }),
  asFirst({ type: 'string', maxLength: 2.5 }),
  asFirst({ type: 'string', maxLength: stringLength.maximum }),
  asFirst({ type: 'string', maxLength: stringLength.maximum + 1 }),
  asFirst({ type: 'text', maxLength: textLength.maximum }),
  asFirst({ type: 'text', maxLength: textLength.maximum + 1 }),
  asFirst({ type: 'string', maxLength: 3, default: 'four' }),
  asFirst({ type: 'decimal', precision: decimalPrecision.maximum + 1 }),
  asFirst({ type: 'decimal', precision: decimalPrecision.minimum - 1 }),
  asFirst({ type: 'decimal', scale: decimalScale.maximum + 1 }),
  asFirst({ type: 'decimal', precision: 3, scale: 4 }),
  asFirst({ type: 'decimal', precision: 4, scale: 2, maximum: 100 }),
  asFirst({ type: 'decimal', precision: 4, scale: 2, default: 1.234 }),
  asFirst({ type: 'decimal', precision: 4, scale: 2, default: 99.99 }),
  asFirst({ type: 'decimal', minimum: 5, maximum: 1 }),
  asFirst({ type: 'integer', minimum: 5, maximum: 1 }),
  asFirst({ type: 'integer', minimum: integer.minimum }),
  asFirst({ type: 'integer', minimum: integer.minimum - 1 }),
  asFirst({ type: 'integer', maximum: integer.maximum + 1 }),
  asFirst({ type: 'integer', minimum: 1.5 }),
  asFirst({ type: 'integer', maximum: Infinity }),
  asFirst({ type: 'integer', minimum: 1, default: 0 }),
  asFirst({ type: 'integer', default: 'x' }),
  asFirst({ type: 'enum' }),
  asFirst({ type: 'enum', values: [] }),
  asFirst({ type: 'enum', values: ['In Progress'] }),
  asFirst({ type: 'enum', values: ['open', 'open'] }),
  asFirst({
    type: 'enum',
    values: manyValues(fieldLimitBounds.enumValues.maximum),
  }),
  asFirst({
    type: 'enum',
    values: manyValues(fieldLimitBounds.enumValues.maximum + 1),
  }),
  asFirst({ type: 'enum', values: ['open', 'closed'], default: 'gone' }),
  asFirst({ type: 'boolean', unique: true }),
  asFirst({ type: 'boolean', default: 'true' }),
  asFirst({ type: 'string', default: 5 }),
  asFirst({ type: 'string', default: null }),
  asFirst({ type: 'string', unique: true, default: 'x' }),
  asFirst({ type: 'date', default: '2026-13-45' }),
  asFirst({ type: 'date', default: '31/01/2026' }),
  asFirst({ type: 'datetime', default: '2026-01-31' }),
  asFirst({ type: 'datetime', default: '2026-01-31T25:00:00Z' }),
  asFirst({ type: 'uuid', default: '123E4567-E89B-12D3-A456-426614174000' }),
  asFirst({ type: 'string', description: 'one\ntwo' }),
  // A field whose JSON name is another's list parameter: minFaPrice.
  () => [
    { name: 'fa_price', type: 'decimal' },
    { name: 'min_fa_price', type: 'integer' },
  ],
  () => [
    { name: 'fa_title', type: 'string' },
    { name: 'fa_title_contains', type: 'string' },
  ],
];
const fieldListCandidates = fc.oneof(
  fc
    .tuple(validFieldLists, fc.constantFrom(...fieldListEdits))
    .map(([fields, edit]) => edit(fields)),
  fc
    .tuple(
      validFieldLists,
      fc.constantFrom(
        ...FIELD_NAMES_TAKEN,
        ...sqlReservedWords,
        ...identifiers,
      ),
    )
    .map(([fields, name]) => named(name)(fields)),
  anything,
);

/**
 * Per field, values that may break its rule: reserved words, near misses, values one edit away,
 * values too long, and anything. Whether each does is the oracle's to say, not these lists'.
 */
const candidateValues: Record<RequestField, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    fc.constantFrom(...identifiers).map(word => word.replace(/_/g, '-')),
    fc
      .constantFrom(...stackReserved('packages'))
      .map(module => module.replace(/_/g, '-')),
    tooLong(serviceNameRule, ofLength.name),
    edited(validValues.name, [
      name => name.toUpperCase(),
      name => `${name}-`,
      name => `${name}--x`,
      name => `9${name}`,
      name => name.replace(/-/g, '_'),
      name => `${name}.x`,
    ]),
    anything,
  ),
  description: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    hostileText(40),
    fc
      .tuple(
        validValues.description,
        fc.constantFrom(
          '\n',
          '\r',
          '\t',
          '\u0085',
          '\u2028',
          '\u2029',
          '\u0000',
          '\u001b',
          '\u007f',
          '\uD800',
          '\uDFFF',
          '\uDBFF\uDFFF',
        ),
        fc.nat(),
      )
      .map(([value, piece, at]) => {
        const text = String(value);
        const cut = at % (text.length + 1);
        return `${text.slice(0, cut)}${piece}${text.slice(cut)}`;
      }),
    tooLong(descriptionRule, ofLength.text),
    anything,
  ),
  owner: entityRefCandidates,
  system: entityRefCandidates,
  lifecycle: enumCandidates,
  stack: enumCandidates,
  database: enumCandidates,
  resource: fc.oneof(
    fc.constantFrom(...resourceWords),
    // Singulars whose plural is reserved, e.g. "reference" (references).
    fc.constantFrom(...resourceWords).map(word => pluralize.singular(word)),
    tooLong(resourceNameRule, ofLength.resource),
    edited(validValues.resource, [
      resource => resource.replace(/_/g, '-'),
      resource => `${resource}_`,
      resource => `_${resource}`,
      resource => resource.toUpperCase(),
      resource => `${resource}__x`,
      resource => `1${resource}`,
    ]),
    anything,
  ),
  auth: enumCandidates,
  jwtAudience: tokenClaimCandidates,
  jwtIssuer: tokenClaimCandidates,
  metrics: fc.oneof(
    fc.constantFrom('true', 'false', 0, 1, 'yes', ''),
    anything,
  ),
  tracing: fc.oneof(
    fc.constantFrom('true', 'false', 0, 1, 'yes', ''),
    anything,
  ),
  domain: fc.oneof(
    fc.constantFrom(
      'localhost',
      'Example.com',
      'example.com.',
      '.example.com',
      '-a.example.com',
      'a-.example.com',
      'a..com',
      'example.1com',
      '1.2.3.4',
      'exa mple.com',
      'example.com/x',
      'ex_ample.com',
      `${'a'.repeat(64)}.com`,
      'xn--bcher-kva.example',
    ),
    tooLong(domainRule, ofLength.domain),
    hostileText(6),
    anything,
  ),
  productionReplicas: fc.oneof(
    fc.integer({
      min: productionReplicasRule.minimum - 3,
      max: productionReplicasRule.maximum + 3,
    }),
    fc.constantFrom(
      productionReplicasRule.minimum - 1,
      productionReplicasRule.maximum + 1,
      0,
      -0,
      2.5,
      productionReplicasRule.maximum + 1e-6,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_SAFE_INTEGER + 2,
      '3',
    ),
    fc.double(),
    anything,
  ),
  publicApiDocs: fc.oneof(
    fc.constantFrom('true', 'false', 0, 1, 'yes', ''),
    anything,
  ),
  repoUrl: fc.oneof(
    fc
      .tuple(repositoryPartCandidates, repositoryPartCandidates)
      .map(repositoryUrl),
    validValues.repoUrl.map(url => String(url).replace('?', '/')),
    fc.constantFrom(
      'https://github.com/acme/orders',
      'github.com',
      'github.com?',
      'github.com?owner=acme',
      'github.com?repo=orders',
      'acme/orders',
    ),
    anything,
  ),
  targetPath: fc.oneof(
    fc.constantFrom(
      '',
      '..',
      '../x',
      'x/..',
      'x/../..',
      '/abs',
      'a//b',
      'a/',
      '.hidden',
      'a/.git',
      'a/./b',
      './a',
      'a\\b',
      'C:\\x',
      '~',
      '~/x',
      'a b',
    ),
    tooLong(targetPathRule, ofLength.letters),
    hostileText(6),
    anything,
  ),
  fields: fieldListCandidates,
  ...Object.fromEntries(
    Object.keys(installedOptions).map(option => [option, enumCandidates]),
  ),
};

/** A request, and the one field (if any) changed from a request built of valid values. */
interface Request {
  values: Record<string, unknown>;
  changed?: RequestField;
}

/**
 * Each value keeps its own rule for the default stack; the filter applies the rules that join
 * fields, e.g. a resource name the chosen stack reserves ("db" for node-typescript).
 */
const validRequestValues = fc
  .record(validValues, { requiredKeys: ['name', 'owner', 'repoUrl'] })
  .filter(values => brokenFields(values).length === 0);
const changedRequests: fc.Arbitrary<Request> = fc
  .tuple(
    validRequestValues,
    fc.oneof(
      ...requestFields.map(field =>
        candidateValues[field].map(value => [field, value] as const),
      ),
    ),
  )
  .map(([values, [field, value]]) => ({
    values: { ...values, [field]: value },
    changed: field,
  }));
/**
 * Any request a caller could send: valid ones, and valid ones with one field replaced (twice as
 * often: rejections are cheap, and a third of the replacements happen to keep the rules).
 */
const requests: fc.Arbitrary<Request> = fc.oneof(
  { arbitrary: validRequestValues.map(values => ({ values })), weight: 1 },
  { arbitrary: changedRequests, weight: 2 },
);

/** A small valid request the edge cases below change. */
const baseValues = {
  name: 'orders-service',
  owner: 'group:default/team-a',
  repoUrl: `${REPOSITORY_HOST}?owner=acme&repo=orders-service`,
};
const edgeRequests = (edges: [RequestField, unknown][]): [Request][] =>
  edges.map(([field, value]) => [
    { values: { ...baseValues, [field]: value }, changed: field },
  ]);

/** Values just inside each rule: at a length limit, a bound, or the edge of a character class. */
const acceptedEdges = edgeRequests([
  ['name', ofLength.name(serviceNameRule.maxLength)],
  ['name', 'a-1'],
  ['fields', manyFields(fieldLimitBounds.fields.maximum)],
  [
    'fields',
    [
      { name: 'due_on', type: 'date', default: '2024-02-29', required: true },
      {
        name: 'amount',
        type: 'decimal',
        precision: 15,
        scale: 10,
        default: 0.5,
      },
      { name: 'state', type: 'enum', values: manyValues(50), default: 'v49' },
    ],
  ],
  ['description', ofLength.text(descriptionRule.maxLength)],
  ['description', 'tab\there 🚀 {{ x }} ${{ y }}'],
  ['owner', `user:${'a'.repeat(entityRefRule.maxLength - 5)}`],
  ['resource', ofLength.resource(resourceNameRule.maxLength)],
  ['domain', ofLength.domain(domainRule.maxLength)],
  ['domain', `a.${'b'.repeat(63)}.io`],
  ['productionReplicas', productionReplicasRule.minimum],
  ['productionReplicas', productionReplicasRule.maximum],
  ['jwtIssuer', 'https://auth.acme.io/realms/a~b@c%20'],
  ['targetPath', `apps/${'a'.repeat(targetPathRule.maxLength - 5)}`],
]);

/** Values just outside each rule, for every field: text rules, reserved words, enums, bounds. */
const rejectedEdges = edgeRequests([
  ['name', ofLength.name(serviceNameRule.maxLength + 1)],
  ['name', 'class'],
  ['name', 'py-compile'],
  ['name', undefined],
  ['description', ofLength.text(descriptionRule.maxLength + 1)],
  ['description', 'one\ntwo'],
  ['description', 'lone \uD800 surrogate'],
  ['owner', 'group:'],
  ['system', 'a/b/c'],
  ['lifecycle', 'Production'],
  ['stack', 'python'],
  ['database', 'mysql'],
  ['resource', 'order'],
  ['resource', 'reference'],
  ['resource', 'common'],
  ['resource', 'lambda'],
  [
    'fields',
    [
      { name: 'price', type: 'decimal' },
      { name: 'min_price', type: 'integer' },
    ],
  ],
  [
    'fields',
    [
      { name: 'due', type: 'date' },
      { name: 'due', type: 'string' },
    ],
  ],
  ['fields', []],
  ['fields', manyFields(fieldLimitBounds.fields.maximum + 1)],
  ['fields', [{ name: 'id', type: 'string' }]],
  ['fields', [{ name: 'class', type: 'string' }]],
  ['fields', [{ name: 'due', type: 'float' }]],
  ['fields', [{ name: 'due', type: 'boolean', unique: true }]],
  ['resource', ofLength.resource(resourceNameRule.maxLength + 1)],
  ['domain', ofLength.domain(domainRule.maxLength + 1)],
  ['domain', `a.${'b'.repeat(64)}.io`],
  ['auth', 'oauth'],
  ['jwtAudience', ''],
  ['jwtIssuer', 'https://auth.acme.io/?tenant=1'],
  ['metrics', 'true'],
  ['tracing', 1],
  ['publicApiDocs', 'false'],
  ...Object.keys(installedOptions).map((option): [RequestField, unknown] => [
    option,
    'travis',
  ]),
  ['domain', 'localhost'],
  ['productionReplicas', productionReplicasRule.minimum - 1],
  ['productionReplicas', productionReplicasRule.maximum + 1],
  ['productionReplicas', 2.5],
  ['repoUrl', `${REPOSITORY_HOST}?owner=-acme&repo=orders`],
  ['repoUrl', `${REPOSITORY_HOST}?owner=acme&repo=orders..service`],
  ['repoUrl', `${REPOSITORY_HOST}?owner=acme`],
  ['targetPath', '../x'],
]);

/**
 * Requests a random run once got wrong: a Java package holds the repository's owner, so an owner
 * that is a Java keyword (`_`) breaks the name; with the repository itself invalid, the
 * repository is what the renderer names (seed -1467859613).
 */
const regressions: [Request][] = [
  [
    {
      values: {
        name: 'a',
        owner: 'a',
        stack: 'java-spring-boot',
        repoUrl: `${REPOSITORY_HOST}?owner=_&repo=`,
      },
      changed: 'repoUrl',
    },
  ],
  [
    {
      values: {
        name: 'a',
        owner: 'a',
        stack: 'java-spring-boot',
        repoUrl: `${REPOSITORY_HOST}?owner=_&repo=a`,
      },
      changed: 'repoUrl',
    },
  ],
];

/** Every edit of a list of fields, applied to one valid list: some break it, some do not. */
const fieldListEdges = edgeRequests(
  fieldListEdits.map((edit): [RequestField, unknown] => [
    'fields',
    edit([
      { name: 'fa_title', type: 'string' },
      { name: 'fb_count', type: 'integer' },
    ]),
  ]),
);

function listFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => path.join(entry.parentPath, entry.name));
}

/** Fields whose rules read other fields too: a change of those can break them. */
const alsoReads: Partial<Record<RequestField, RequestField[]>> = {
  // The package name's words (a Java package holds the repository's owner).
  name: ['stack', 'repoUrl'],
  resource: ['stack'],
};

/** The oracle's verdict on a request, checked against how it was built. */
function expectedBroken({ values, changed }: Request): RequestField[] {
  const broken = brokenFields(values);
  // Only the changed field, or one whose rule reads it, may break a rule: every other value
  // was built valid.
  expect(
    broken.filter(
      field =>
        field !== changed && !(changed && alsoReads[field]?.includes(changed)),
    ),
  ).toEqual([]);
  return broken;
}

/** The action's rejection names the broken field (and where in it, e.g. fields.0.name). */
const namingField = (field: RequestField) =>
  new RegExp(`^Invalid service request: ${field}(\\.[\\w.]+)?: `);

describe('service input, over the whole input space', () => {
  const workspace = createMockDirectory();
  let renderer: ServiceRenderer;
  let action: ReturnType<typeof createRenderAction>;
  const accepted: { label: string; files: RenderedFile[] }[] = [];

  beforeAll(async () => {
    renderer = await builtInRenderer();
    action = createRenderAction({ renderer });
  });

  /** An invalid request fails the action, naming the field, and leaves the workspace empty. */
  async function checkRejected(
    field: RequestField,
    ctx: Parameters<typeof action.handler>[0],
  ) {
    await expect(action.handler(ctx)).rejects.toThrow(namingField(field));
    expect(listFiles(workspace.path)).toEqual([]);
  }

  /** A valid request renders safely, identically twice, and writes only inside targetPath. */
  async function checkAccepted(
    values: object,
    ctx: Parameters<typeof action.handler>[0],
  ) {
    const first = await renderer.render(values);
    const second = await renderer.render(values);
    // Equal inputs give byte-identical output.
    expect(second.files.map(f => f.path)).toEqual(first.files.map(f => f.path));
    first.files.forEach((file, i) => {
      expect(file.content.equals(second.files[i].content)).toBe(true);
    });
    // Every structured file parses; the description arrives intact.
    expect(structuredFileProblems(first.files)).toEqual([]);
    const catalog = first.files.find(f => f.path === 'catalog-info.yaml')!;
    expect(
      parseDocument(catalog.content.toString('utf8')).toJS().metadata
        .description,
    ).toBe(first.input.description);
    // Every path is relative, normalised and inside the output directory once written.
    expect(first.files.map(f => f.path).filter(isUnsafeRelativePath)).toEqual(
      [],
    );
    await action.handler(ctx);
    const root = path.resolve(workspace.path, first.input.targetPath);
    const written = listFiles(workspace.path);
    expect(written.filter(f => !f.startsWith(`${root}${path.sep}`))).toEqual(
      [],
    );
    expect(
      written.map(f => path.relative(root, f).split(path.sep).join('/')).sort(),
    ).toEqual(first.files.map(f => f.path).sort());
    if (accepted.length < 40) {
      accepted.push({ label: JSON.stringify(values), files: first.files });
    }
  }

  it('knows every field the action takes, so the oracle below judges whole requests', () => {
    // Only the schema's field names are read here; its rules are never run.
    expect(
      Object.keys(serviceInputSchema(zodV3, renderer.choices).shape).sort(),
    ).toEqual([...requestFields].sort());
  });

  it('renders exactly the requests the rules accept, safely and identically, and rejects the others before writing, naming the field', async () => {
    const edgeCases = [...acceptedEdges, ...rejectedEdges];
    const seen = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(requests, async request => {
        workspace.clear();
        const broken = expectedBroken(request);
        const ctx = createMockActionContext({
          input: request.values as any,
          workspacePath: workspace.path,
        }) as Parameters<typeof action.handler>[0];
        if (broken.length === 0) {
          seen.valid += 1;
          await checkAccepted(request.values, ctx);
        } else {
          seen.invalid += 1;
          await checkRejected(broken[0], ctx);
        }
      }),
      // The edge cases run first; the rejected ones are cheap, so they come on top.
      {
        numRuns: PROPERTY_RUNS.render + rejectedEdges.length,
        examples: edgeCases,
      },
    );
    // The generators must reach both sides of the rules.
    expect(seen.valid).toBeGreaterThan(PROPERTY_RUNS.render / 5);
    expect(seen.invalid).toBeGreaterThan(PROPERTY_RUNS.render / 5);
  });

  it('renders TOML that parses and Python that compiles for the accepted requests', () => {
    expect(accepted.length).toBeGreaterThan(5);
    expect(pythonProblems(accepted)).toEqual([]);
  });

  it('accepts every request whose values keep the rules', () => {
    let checked = 0;
    fc.assert(
      fc.property(requests, request => {
        fc.pre(expectedBroken(request).length === 0);
        checked += 1;
        expect(() =>
          parseServiceInput(request.values, renderer.choices),
        ).not.toThrow();
      }),
      {
        numRuns:
          PROPERTY_RUNS.rules + acceptedEdges.length + fieldListEdges.length,
        examples: [...acceptedEdges, ...fieldListEdges, ...regressions],
      },
    );
    expect(checked).toBeGreaterThan(PROPERTY_RUNS.rules / 5);
  });

  it('rejects every value that breaks a rule, naming the field', async () => {
    // The edge cases are rejected by the oracle too, so none is skipped below.
    expect(
      rejectedEdges
        .map(([request]) => request)
        .filter(request => brokenFields(request.values).length === 0),
    ).toEqual([]);
    const broken = new Map<RequestField, number>();
    // Through the renderer: words the stack reserves are refused after parsing, before rendering.
    await fc.assert(
      fc.asyncProperty(changedRequests, async request => {
        const fields = expectedBroken(request);
        fc.pre(fields.length > 0);
        broken.set(fields[0], (broken.get(fields[0]) ?? 0) + 1);
        await expect(renderer.render(request.values)).rejects.toThrow(
          namingField(fields[0]),
        );
      }),
      {
        numRuns:
          PROPERTY_RUNS.rules + rejectedEdges.length + fieldListEdges.length,
        examples: [...rejectedEdges, ...fieldListEdges, ...regressions],
      },
    );
    // Every field was broken: text rules, reserved words, enums, booleans, bounds, field lists.
    expect(requestFields.filter(field => !broken.get(field))).toEqual([]);
  });
});
