import type { z as zodV3 } from 'zod/v3';
import { nameForms } from './nameForms';
import {
  fieldLimitBounds,
  fieldTypeRules,
  fieldTypes,
  type FieldType,
} from './fieldTypes';
import {
  descriptionRule,
  enumValueRule,
  fieldNameRule,
  LONE_SURROGATE,
  satisfiesRule,
  type TextRule,
} from './rules';

/** One field as the form (or a REST caller) declares it. */
export interface FieldInput {
  name: string;
  type: FieldType;
  required?: boolean;
  unique?: boolean;
  description?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  precision?: number;
  scale?: number;
  values?: string[];
  default?: string | number | boolean;
}

/** Today's resource, and the form's default: what every service had before fields were chosen. */
export const DEFAULT_FIELDS: FieldInput[] = [
  { name: 'name', type: 'string', required: true, maxLength: 100 },
  { name: 'description', type: 'text', maxLength: 500 },
  {
    name: 'price',
    type: 'decimal',
    required: true,
    minimum: 0,
    precision: 12,
    scale: 2,
  },
];

/**
 * Names the generated service already uses next to the fields: the primary key, the timestamps
 * every resource has, and the list endpoint's own query parameters.
 */
export const FIELD_NAMES_TAKEN = [
  'id',
  'created_at',
  'updated_at',
  'limit',
  'offset',
  'sort',
] as const;

const text = (z: typeof zodV3, rule: TextRule) =>
  z
    .string()
    .max(rule.maxLength, `must be at most ${rule.maxLength} characters`)
    .regex(new RegExp(rule.pattern), rule.message);

/** The zod schema of one field; consistency across limits is checked by `fieldProblems`. */
export function fieldInputSchema(z: typeof zodV3) {
  const {
    stringLength,
    textLength,
    decimalPrecision,
    decimalScale,
    enumValues,
  } = fieldLimitBounds;
  return z
    .object({
      name: text(z, fieldNameRule).describe(
        'Field name in snake_case, e.g. "due_date"; every language form is derived from it.',
      ),
      type: z.enum(fieldTypes).describe(`One of ${fieldTypes.join(', ')}.`),
      required: z
        .boolean()
        .default(false)
        .describe('Whether every resource has a value (NOT NULL).'),
      unique: z
        .boolean()
        .default(false)
        .describe(
          'Whether two resources may not share a value (409 on conflict).',
        ),
      description: text(z, descriptionRule)
        .refine(value => !LONE_SURROGATE.test(value), {
          message: 'unpaired UTF-16 surrogates are not text',
        })
        .optional()
        .describe('What the field means, shown in the API document.'),
      maxLength: z
        .number()
        .int()
        .min(stringLength.minimum)
        .max(textLength.maximum)
        .optional()
        .describe('string and text: the longest value, in characters.'),
      minimum: z
        .number()
        .finite()
        .optional()
        .describe('integer and decimal: the smallest value allowed.'),
      maximum: z
        .number()
        .finite()
        .optional()
        .describe('integer and decimal: the largest value allowed.'),
      precision: z
        .number()
        .int()
        .min(decimalPrecision.minimum)
        .max(decimalPrecision.maximum)
        .optional()
        .describe('decimal: digits in all.'),
      scale: z
        .number()
        .int()
        .min(decimalScale.minimum)
        .max(decimalScale.maximum)
        .optional()
        .describe('decimal: digits after the point.'),
      values: z
        .array(text(z, enumValueRule))
        .min(enumValues.minimum)
        .max(enumValues.maximum)
        .optional()
        .describe('enum: the allowed values, in snake_case.'),
      default: z
        .union([z.string(), z.number(), z.boolean()])
        .optional()
        .describe(
          'The value a created resource gets when the request omits it.',
        ),
    })
    .strict();
}

function isDateString(value: string, withTime: boolean): boolean {
  const pattern = withTime
    ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
    : /^\d{4}-\d{2}-\d{2}$/;
  if (!pattern.test(value) || Number.isNaN(Date.parse(value))) return false;
  // Date.parse rolls 2026-02-30 over to March: the day must be the one written.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function decimalDigits(value: number): { whole: number; fraction: number } {
  const [whole, fraction = ''] = Math.abs(value).toString().split('.');
  return { whole: whole === '0' ? 0 : whole.length, fraction: fraction.length };
}

/** The limits a field ends with: declared ones, else the type's defaults. */
export function effectiveLimits(field: FieldInput) {
  const bounds = fieldLimitBounds;
  switch (field.type) {
    case 'string':
      return { maxLength: field.maxLength ?? bounds.stringLength.default };
    case 'text':
      return { maxLength: field.maxLength ?? bounds.textLength.default };
    case 'integer':
      return {
        minimum: field.minimum ?? bounds.integer.minimum,
        maximum: field.maximum ?? bounds.integer.maximum,
      };
    case 'decimal': {
      const precision = field.precision ?? bounds.decimalPrecision.default;
      const scale =
        field.scale ?? Math.min(bounds.decimalScale.default, precision);
      // The largest magnitude numeric(precision, scale) holds.
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

/** Why a value is not one this field accepts, or undefined. */
function valueProblem(field: FieldInput, value: unknown): string | undefined {
  const limits = effectiveLimits(field);
  switch (field.type) {
    case 'string':
    case 'text':
      return typeof value === 'string' && value.length <= limits.maxLength!
        ? undefined
        : `must be text of at most ${limits.maxLength} characters`;
    case 'integer':
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= limits.minimum! &&
        value <= limits.maximum!
        ? undefined
        : `must be a whole number from ${limits.minimum} to ${limits.maximum}`;
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return 'must be a number';
      }
      const { whole, fraction } = decimalDigits(value);
      if (
        fraction > limits.scale! ||
        whole > limits.precision! - limits.scale!
      ) {
        return `must fit ${limits.precision} digits with ${limits.scale} after the point`;
      }
      return value >= limits.minimum! && value <= limits.maximum!
        ? undefined
        : `must be from ${limits.minimum} to ${limits.maximum}`;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
    case 'datetime':
      return typeof value === 'string' &&
        isDateString(value, field.type === 'datetime')
        ? undefined
        : `must be an ISO 8601 ${field.type === 'date' ? 'date (2026-01-31)' : 'date and time (2026-01-31T12:00:00Z)'}`;
    case 'uuid':
      return typeof value === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
          value,
        )
        ? undefined
        : 'must be a lowercase UUID';
    case 'enum':
      return typeof value === 'string' && (field.values ?? []).includes(value)
        ? undefined
        : `must be one of ${(field.values ?? []).join(', ')}`;
    default:
      return 'has an unknown type';
  }
}

/**
 * What is wrong with one field beyond its own shape: limits its type does not take, limits that
 * contradict each other, a default it would refuse. Each problem is `[path, message]`.
 */
export function fieldProblems(field: FieldInput): [string, string][] {
  const problems: [string, string][] = [];
  const allowed = new Set<string>(fieldTypeRules[field.type].limits);
  for (const limit of [
    'maxLength',
    'minimum',
    'maximum',
    'precision',
    'scale',
    'values',
  ] as const) {
    if (field[limit] !== undefined && !allowed.has(limit)) {
      problems.push([limit, `does not apply to a ${field.type} field`]);
    }
  }
  if (problems.length > 0) return problems;
  const { stringLength, integer } = fieldLimitBounds;
  if (
    field.type === 'string' &&
    (field.maxLength ?? 0) > stringLength.maximum
  ) {
    problems.push([
      'maxLength',
      `must be at most ${stringLength.maximum} for a string field (use text for longer values)`,
    ]);
  }
  if (field.type === 'integer') {
    for (const limit of ['minimum', 'maximum'] as const) {
      const value = field[limit];
      if (
        value !== undefined &&
        (!Number.isInteger(value) ||
          value < integer.minimum ||
          value > integer.maximum)
      ) {
        problems.push([
          limit,
          `must be a whole number from ${integer.minimum} to ${integer.maximum}`,
        ]);
      }
    }
  }
  if (field.type === 'decimal') {
    const limits = effectiveLimits(field);
    if (limits.scale! > limits.precision!) {
      problems.push([
        'scale',
        `must be at most the precision (${limits.precision})`,
      ]);
    }
    for (const limit of ['minimum', 'maximum'] as const) {
      if (field[limit] !== undefined) {
        const problem = valueProblem(
          { ...field, minimum: undefined, maximum: undefined },
          field[limit],
        );
        if (problem) problems.push([limit, problem]);
      }
    }
  }
  if (
    field.minimum !== undefined &&
    field.maximum !== undefined &&
    field.minimum > field.maximum
  ) {
    problems.push([
      'minimum',
      `must not be greater than maximum (${field.maximum})`,
    ]);
  }
  if (field.type === 'enum') {
    if (!field.values) {
      problems.push(['values', 'an enum field needs its values']);
    } else {
      const seen = new Set<string>();
      for (const value of field.values) {
        const constant = nameForms(value).constant;
        if (seen.has(constant)) {
          problems.push(['values', `"${value}" is given twice`]);
        }
        seen.add(constant);
      }
    }
  }
  if (field.unique && field.type === 'boolean') {
    problems.push([
      'unique',
      'a yes/no field cannot be unique (two resources at most)',
    ]);
  }
  if (field.default !== undefined && problems.length === 0) {
    const problem = valueProblem(field, field.default);
    if (problem) problems.push(['default', problem]);
  }
  if (field.default !== undefined && field.unique) {
    problems.push([
      'default',
      'a unique field cannot have a default (every resource would share it)',
    ]);
  }
  return problems;
}

/** Whether `name` satisfies the field-name rule (format only; words are checked elsewhere). */
export const isFieldName = (name: string) => satisfiesRule(fieldNameRule, name);
