import fs from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import pluralize from 'pluralize';
import { parse as parseYaml } from 'yaml';
import { builtInBlueprintsDirectory } from '../engine/loadBlueprints';
import { FIELD_NAMES_TAKEN } from '../request/fieldInput';
import {
  fieldLimitBounds,
  fieldTypeRules,
  fieldTypes,
  type FieldType,
} from '../request/fieldTypes';
import { sqlReservedWords } from '../request/reservedWords';
import {
  authModes,
  databases,
  descriptionRule,
  domainRule,
  entityRefRule,
  enumValueRule,
  fieldNameRule,
  lifecycles,
  preferredDefaults,
  productionReplicasRule,
  repositoryNameRule,
  repositoryOwnerRule,
  resourceNameRule,
  serviceNameRule,
  targetPathRule,
  tokenClaimRule,
  type TextRule,
} from '../request/rules';

/*
 * Which service requests the rules accept, decided WITHOUT the action's code: no zod schema, no
 * parseServiceInput, no satisfiesRule, no reserved-name or field-list checks, no nameForms. It
 * reads only data — the rules' patterns, lengths, enum lists and bounds, the SQL word list, and
 * the installed blueprints' manifests (each stack's reserved words, each layer's option) — and
 * applies it here, so a test that compares the action with this oracle can catch a wrong rule.
 */

const BLUEPRINTS = builtInBlueprintsDirectory();
const manifests = (kind: 'stacks' | 'layers'): any[] =>
  fs
    .readdirSync(path.join(BLUEPRINTS, kind), { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry =>
      parseYaml(
        fs.readFileSync(
          path.join(BLUEPRINTS, kind, entry.name, 'blueprint.yaml'),
          'utf8',
        ),
      ),
    );

/** What a stack's language reserves, as its manifest says. */
interface StackWords {
  packageName: string;
  /** Left out: true (the manifest schema's default). */
  packageIsIdentifier?: boolean;
  reserved: { identifiers: string[]; packages: string[]; modules: string[] };
}
export const stackWords: Record<string, StackWords> = Object.fromEntries(
  manifests('stacks').map(manifest => [manifest.name, manifest.language]),
);

/** The stacks installed with the module, by their manifests. */
export const installedStacks: readonly string[] =
  Object.keys(stackWords).sort();
const defaultStack = installedStacks.includes(preferredDefaults.stack)
  ? preferredDefaults.stack
  : installedStacks[0];

/** Each option the installed layers implement (ci, deployment, …): their values, then "none". */
export const installedOptions: Record<string, readonly string[]> = {};
for (const { option } of manifests('layers')) {
  if (option) {
    installedOptions[option.name] = [
      ...(installedOptions[option.name] ?? []),
      option.value,
    ];
  }
}
for (const option of Object.keys(installedOptions)) {
  installedOptions[option] = [...installedOptions[option], 'none'];
}

/** Every field of a render request: the fixed ones, then one per installed option. */
export const requestFields = [
  'name',
  'description',
  'owner',
  'system',
  'lifecycle',
  'stack',
  'database',
  'resource',
  'fields',
  'auth',
  'jwtAudience',
  'jwtIssuer',
  'metrics',
  'tracing',
  'domain',
  'productionReplicas',
  'publicApiDocs',
  'repoUrl',
  'targetPath',
  ...Object.keys(installedOptions).sort(),
];
export type RequestField = string;

/** The only host this oracle expects repoUrl to name: the default GitHub integration. */
export const REPOSITORY_HOST = 'github.com';

/** A rule's pattern and length, applied directly. */
export function matchesRule(rule: TextRule, value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= rule.maxLength &&
    new RegExp(rule.pattern).test(value)
  );
}

/** Text that survives UTF-8 unchanged: no unpaired surrogate. */
const isUtf8Text = (text: string) =>
  Buffer.from(text, 'utf8').toString('utf8') === text;

const sqlWords = new Set(sqlReservedWords);
const capitalised = (word: string) =>
  word.charAt(0).toUpperCase() + word.slice(1);

/** snake_case (or kebab-case) to camelCase, for names whose words start with a letter. */
export const camelOf = (name: string) => {
  const [first, ...rest] = name.split(/[-_]/);
  return first + rest.map(capitalised).join('');
};

/** The plural of a resource name: its last word inflected. */
export function resourcePlural(singular: string): string {
  const words = singular.split('_');
  words[words.length - 1] = pluralize.plural(words[words.length - 1]);
  return words.join('_');
}

/** The stack's package name for a request, from its manifest's nunjucks template. */
function packageNameOf(
  template: string,
  name: string,
  values: Record<string, unknown>,
): string {
  const repoUrl = String(values.repoUrl ?? '');
  const params = new URLSearchParams(repoUrl.slice(repoUrl.indexOf('?') + 1));
  return nunjucks.renderString(template, {
    spec: {
      name: { snake: name.replace(/-/g, '_'), kebab: name },
      repository: {
        host: REPOSITORY_HOST,
        owner: params.get('owner') ?? '',
        name: params.get('repo') ?? '',
      },
    },
  });
}

function reservedServiceName(
  name: string,
  stack: string,
  values: Record<string, unknown>,
): string | undefined {
  const { packageName, packageIsIdentifier, reserved } = stackWords[stack];
  const pkg = packageNameOf(packageName, name, values);
  const segment = pkg
    .split(/[./]/)
    .find(part => reserved.identifiers.includes(part));
  if (segment && packageIsIdentifier !== false) {
    return `"${segment}" is a ${stack} keyword`;
  }
  if (reserved.packages.includes(pkg)) return `"${pkg}" shadows a module`;
  return undefined;
}

function reservedResourceName(
  singular: string,
  stack: string | undefined,
): string | undefined {
  const plural = resourcePlural(singular);
  const sql = [singular, plural].find(form => sqlWords.has(form));
  if (sql) return `"${sql}" is an SQL reserved word`;
  if (stack === undefined) return undefined;
  const { reserved } = stackWords[stack];
  const keyword = [singular, camelOf(singular), plural, camelOf(plural)].find(
    form => reserved.identifiers.includes(form),
  );
  if (keyword) return `"${keyword}" is a ${stack} keyword`;
  if ([singular, plural].some(form => reserved.modules.includes(form))) {
    return `"${singular}" names a module of the generated code`;
  }
  return undefined;
}

/** What is wrong with a repoUrl in RepoUrlPicker form, `github.com?owner=…&repo=…`. */
function repoUrlWrong(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const query = value.indexOf('?');
  if (query < 0) return 'no query';
  if (value.slice(0, query).toLowerCase() !== REPOSITORY_HOST) {
    return 'not the GitHub host';
  }
  const params = new URLSearchParams(value.slice(query + 1));
  if (!matchesRule(repositoryOwnerRule, params.get('owner'))) {
    return 'owner breaks repositoryOwnerRule';
  }
  if (!matchesRule(repositoryNameRule, params.get('repo'))) {
    return 'repo breaks repositoryNameRule';
  }
  return undefined;
}

// The fields of the resource ------------------------------------------------------------------

const FIELD_KEYS = [
  'name',
  'type',
  'required',
  'unique',
  'description',
  'maxLength',
  'minimum',
  'maximum',
  'precision',
  'scale',
  'values',
  'default',
];
const LIMIT_KEYS = [
  'maxLength',
  'minimum',
  'maximum',
  'precision',
  'scale',
  'values',
];
const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);
const within = (value: number, bounds: { minimum: number; maximum: number }) =>
  value >= bounds.minimum && value <= bounds.maximum;
const daysIn = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** An ISO 8601 calendar date that exists: 2026-01-31, not 2026-02-30. */
function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}
function isDateTime(text: string): boolean {
  const match =
    /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(
      text,
    );
  return (
    match !== null &&
    isDate(match[1]) &&
    Number(match[2]) < 24 &&
    Number(match[3]) < 60 &&
    Number(match[4]) < 60
  );
}

/** Digits of a plain decimal number (no exponent): before and after the point. */
function digitsOf(value: number) {
  const [whole, fraction = ''] = Math.abs(value).toString().split('.');
  return { whole: whole === '0' ? 0 : whole.length, fraction: fraction.length };
}

/** The limits a field of its type ends with: those it declares, else the bounds' defaults. */
function limitsOf(field: Record<string, any>) {
  const b = fieldLimitBounds;
  switch (field.type as FieldType) {
    case 'string':
      return { maxLength: field.maxLength ?? b.stringLength.default };
    case 'text':
      return { maxLength: field.maxLength ?? b.textLength.default };
    case 'integer':
      return {
        minimum: field.minimum ?? b.integer.minimum,
        maximum: field.maximum ?? b.integer.maximum,
      };
    case 'decimal': {
      const precision = field.precision ?? b.decimalPrecision.default;
      const scale = field.scale ?? Math.min(b.decimalScale.default, precision);
      const largest = 10 ** (precision - scale) - 10 ** -scale;
      return {
        precision,
        scale,
        minimum: field.minimum ?? -largest,
        maximum: field.maximum ?? largest,
      };
    }
    default:
      return {};
  }
}

/** Whether a decimal value fits numeric(precision, scale). */
const fitsDecimal = (value: unknown, precision: number, scale: number) =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  digitsOf(value).fraction <= scale &&
  digitsOf(value).whole <= precision - scale;

/** Whether `value` is one a field accepts (its default must be). */
function acceptsValue(field: Record<string, any>, value: unknown): boolean {
  const limits = limitsOf(field) as Record<string, number>;
  switch (field.type as FieldType) {
    case 'string':
    case 'text':
      return typeof value === 'string' && value.length <= limits.maxLength;
    case 'integer':
      return (
        isInteger(value) && value >= limits.minimum && value <= limits.maximum
      );
    case 'decimal':
      return (
        fitsDecimal(value, limits.precision, limits.scale) &&
        (value as number) >= limits.minimum &&
        (value as number) <= limits.maximum
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isDate(value);
    case 'datetime':
      return typeof value === 'string' && isDateTime(value);
    case 'uuid':
      return (
        typeof value === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
          value,
        )
      );
    case 'enum':
      return field.values.includes(value);
    default:
      return false;
  }
}

/** What is wrong with one field on its own, or undefined. */
function fieldWrong(field: unknown): string | undefined {
  if (typeof field !== 'object' || field === null || Array.isArray(field)) {
    return 'a field is not an object';
  }
  const f = field as Record<string, any>;
  const b = fieldLimitBounds;
  const unknownKey = Object.keys(f).find(key => !FIELD_KEYS.includes(key));
  if (unknownKey) return `unknown key ${unknownKey}`;
  if (!matchesRule(fieldNameRule, f.name)) return 'name breaks fieldNameRule';
  if (!(fieldTypes as readonly unknown[]).includes(f.type)) {
    return 'type is not a field type';
  }
  for (const flag of ['required', 'unique']) {
    if (f[flag] !== undefined && typeof f[flag] !== 'boolean') {
      return `${flag} is not a boolean`;
    }
  }
  if (
    f.description !== undefined &&
    !(matchesRule(descriptionRule, f.description) && isUtf8Text(f.description))
  ) {
    return 'description breaks descriptionRule';
  }
  if (
    f.maxLength !== undefined &&
    !(
      isInteger(f.maxLength) &&
      f.maxLength >= b.stringLength.minimum &&
      f.maxLength <= b.textLength.maximum
    )
  ) {
    return 'maxLength out of bounds';
  }
  for (const limit of ['minimum', 'maximum']) {
    if (
      f[limit] !== undefined &&
      !(typeof f[limit] === 'number' && Number.isFinite(f[limit]))
    ) {
      return `${limit} is not a finite number`;
    }
  }
  if (
    f.precision !== undefined &&
    !(isInteger(f.precision) && within(f.precision, b.decimalPrecision))
  ) {
    return 'precision out of bounds';
  }
  if (
    f.scale !== undefined &&
    !(isInteger(f.scale) && within(f.scale, b.decimalScale))
  ) {
    return 'scale out of bounds';
  }
  if (
    f.values !== undefined &&
    !(
      Array.isArray(f.values) &&
      within(f.values.length, b.enumValues) &&
      f.values.every((value: unknown) => matchesRule(enumValueRule, value))
    )
  ) {
    return 'values break enumValueRule or their bounds';
  }
  if (
    f.default !== undefined &&
    !['string', 'number', 'boolean'].includes(typeof f.default)
  ) {
    return 'default is not a scalar';
  }
  const type = f.type as FieldType;
  const allowed: readonly string[] = fieldTypeRules[type].limits;
  const foreign = LIMIT_KEYS.find(
    key => f[key] !== undefined && !allowed.includes(key),
  );
  if (foreign) return `${foreign} does not apply to ${type}`;
  if (type === 'string' && (f.maxLength ?? 0) > b.stringLength.maximum) {
    return 'string maxLength too long';
  }
  if (type === 'integer') {
    for (const limit of ['minimum', 'maximum']) {
      if (
        f[limit] !== undefined &&
        !(isInteger(f[limit]) && within(f[limit], b.integer))
      ) {
        return `${limit} is not a 32-bit integer`;
      }
    }
  }
  if (type === 'decimal') {
    const { precision, scale, minimum, maximum } = limitsOf(f);
    if (scale > precision) return 'scale exceeds precision';
    const largest = 10 ** (precision - scale) - 10 ** -scale;
    for (const limit of ['minimum', 'maximum']) {
      const value = f[limit];
      if (
        value !== undefined &&
        !(fitsDecimal(value, precision, scale) && Math.abs(value) <= largest)
      ) {
        return `${limit} does not fit the decimal`;
      }
    }
    if (minimum > maximum) return 'minimum above maximum';
  }
  if (
    f.minimum !== undefined &&
    f.maximum !== undefined &&
    f.minimum > f.maximum
  ) {
    return 'minimum above maximum';
  }
  if (type === 'enum') {
    if (!f.values) return 'an enum without values';
    if (new Set(f.values).size !== f.values.length) return 'a value twice';
  }
  if (f.unique && type === 'boolean') return 'a unique boolean';
  if (f.default !== undefined && f.unique)
    return 'a unique field with a default';
  if (f.default !== undefined && !acceptsValue(f, f.default)) {
    return 'a default the field refuses';
  }
  if ((FIELD_NAMES_TAKEN as readonly string[]).includes(f.name)) {
    return `"${f.name}" is taken by the service`;
  }
  if (sqlWords.has(f.name)) return `"${f.name}" is an SQL reserved word`;
  return undefined;
}

/** The names a field occupies in the API: its JSON property and its list parameters. */
function occupiedNames(field: Record<string, any>): string[] {
  const json = camelOf(field.name);
  switch (fieldTypeRules[field.type as FieldType].filter) {
    case 'substring':
      return [json, `${json}Contains`];
    case 'range':
      return [json, `min${capitalised(json)}`, `max${capitalised(json)}`];
    default:
      return [json];
  }
}

function fieldsWrong(
  value: unknown,
  stack: string | undefined,
): string | undefined {
  if (!Array.isArray(value)) return 'not a list';
  if (!within(value.length, fieldLimitBounds.fields)) {
    return 'too few or too many fields';
  }
  for (const field of value) {
    const problem = fieldWrong(field);
    if (problem) return problem;
  }
  const claimed = new Map<string, number>();
  for (const [index, field] of value.entries()) {
    for (const name of occupiedNames(field)) {
      const other = claimed.get(name.toLowerCase());
      if (other !== undefined && other !== index) {
        return `"${name}" is claimed by two fields`;
      }
      claimed.set(name.toLowerCase(), index);
    }
  }
  if (stack !== undefined) {
    const { identifiers } = stackWords[stack].reserved;
    const keyword = value.find(
      field =>
        identifiers.includes(field.name) ||
        identifiers.includes(camelOf(field.name)),
    );
    if (keyword) return `"${keyword.name}" is a ${stack} keyword`;
  }
  return undefined;
}

// Every field ----------------------------------------------------------------------------------

/** What breaks a value, given the request's (valid) stack, or undefined when nothing does. */
type Check = (
  value: unknown,
  stack: string | undefined,
  values: Record<string, unknown>,
) => string | undefined;

const text =
  (rule: TextRule, more?: Check): Check =>
  (value, stack, values) => {
    if (!matchesRule(rule, value)) return `breaks /${rule.pattern}/`;
    return more?.(value, stack, values);
  };
const oneOf =
  (values: readonly string[]): Check =>
  value =>
    typeof value === 'string' && values.includes(value)
      ? undefined
      : `not one of ${values.join(', ')}`;
const boolean: Check = value =>
  typeof value === 'boolean' ? undefined : 'not a boolean';

/** Per field: whether it may be left out (a default or optional), and what breaks it. */
const fieldRules: Record<string, { required: boolean; check: Check }> = {
  name: {
    required: true,
    // The package name is made of the name and the repository: its words are checked once the
    // stack and the repository are themselves valid, as the renderer does after parsing.
    check: text(serviceNameRule, (name, stack, values) =>
      stack === undefined || repoUrlWrong(values.repoUrl) !== undefined
        ? undefined
        : reservedServiceName(String(name), stack, values),
    ),
  },
  description: {
    required: false,
    check: text(descriptionRule, value =>
      isUtf8Text(String(value)) ? undefined : 'not UTF-8 text',
    ),
  },
  owner: { required: true, check: text(entityRefRule) },
  system: { required: false, check: text(entityRefRule) },
  lifecycle: { required: false, check: oneOf(lifecycles) },
  stack: { required: false, check: oneOf(installedStacks) },
  database: { required: false, check: oneOf(databases) },
  resource: {
    required: false,
    check: text(resourceNameRule, (resource, stack) =>
      reservedResourceName(String(resource), stack),
    ),
  },
  fields: { required: false, check: fieldsWrong },
  auth: { required: false, check: oneOf(authModes) },
  jwtAudience: { required: false, check: text(tokenClaimRule) },
  jwtIssuer: { required: false, check: text(tokenClaimRule) },
  metrics: { required: false, check: boolean },
  tracing: { required: false, check: boolean },
  domain: { required: false, check: text(domainRule) },
  productionReplicas: {
    required: false,
    check: value =>
      isInteger(value) && within(value, productionReplicasRule)
        ? undefined
        : `not an integer from ${productionReplicasRule.minimum} to ${productionReplicasRule.maximum}`,
  },
  publicApiDocs: { required: false, check: boolean },
  repoUrl: { required: true, check: repoUrlWrong },
  targetPath: { required: false, check: text(targetPathRule) },
  ...Object.fromEntries(
    Object.entries(installedOptions).map(([option, values]) => [
      option,
      { required: false, check: oneOf(values) },
    ]),
  ),
};

/**
 * Why the rules reject `value` for `field` in a request for `stack` (the default stack when
 * left out; undefined when the request's stack is itself invalid), or undefined.
 */
export function fieldProblem(
  field: RequestField,
  value: unknown,
  stack: string | undefined = defaultStack,
  values: Record<string, unknown> = {},
): string | undefined {
  const { required, check } = fieldRules[field];
  if (value === undefined) return required ? 'missing' : undefined;
  return check(value, stack, values);
}

/** The fields of a request the rules reject, in the order of `requestFields`. */
export function brokenFields(values: Record<string, unknown>): RequestField[] {
  // The stack's own words apply once the stack itself is valid.
  let stack: string | undefined = defaultStack;
  if (values.stack !== undefined) {
    stack = installedStacks.includes(values.stack as string)
      ? (values.stack as string)
      : undefined;
  }
  return requestFields.filter(
    field => fieldProblem(field, values[field], stack, values) !== undefined,
  );
}
