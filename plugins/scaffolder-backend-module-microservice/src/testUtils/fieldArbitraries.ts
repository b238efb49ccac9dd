/**
 * Generators of valid request parts, shared by the property tests and the verification harness
 * (which renders a sample of random field lists per stack and runs each stack's lint and
 * type-check on them).
 */
import fc from 'fast-check';
import { fieldLimitBounds } from '../request/fieldTypes';
import { fieldProblem, type RequestField } from './serviceInputOracle';

/** Pieces that break naive templating or quoting in some file format. */
const hostilePieces = [
  '{{',
  '}}',
  '${{',
  '{%',
  '%}',
  '{#',
  '#}',
  '`',
  '$(',
  ')',
  '"',
  "'",
  '\\',
  ':',
  '# ',
  '\n',
  '\r',
  '\t',
  '<',
  '>',
  '&',
  '*',
  '_',
  '[',
  ']',
  '|',
  '~',
  '\u2028',
  '\u0000',
  '\u007f',
  '\u0085',
  '\uD800',
  '🚀',
  'ü',
  '日',
  ' ',
  '---',
  '- ',
  '...',
  'x',
  '/',
  '..',
  '%',
  '!',
  '@',
  '?',
  ',',
  '=',
  ';',
  'true',
  'null',
  '0x1',
  '\uFEFF',
  '\u202E',
];
export const hostileText = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...hostilePieces), { maxLength })
    .map(parts => parts.join(''));

/** Values the oracle accepts for a field, from parts meant to be valid (reserved words filtered out). */
export const keeping = <T>(field: RequestField, values: fc.Arbitrary<T>) =>
  values.filter(value => fieldProblem(field, value) === undefined);

/** Two-letter tags that keep field names (and their JSON and list-parameter names) apart. */
export const fieldTags = [...'abcdefghijklmnopqrstuvwxyz'].map(
  letter => `f${letter}`,
);
const typed = (type: string, limits: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record({ type: fc.constant(type), ...limits }, { requiredKeys: ['type'] });
/** One field of each type, its limits and default within the bounds fieldTypes.ts declares. */
const validFieldBody = fc.oneof(
  typed('string', {
    maxLength: fc.integer({
      min: 20,
      max: fieldLimitBounds.stringLength.maximum,
    }),
    default: fc.constantFrom('', 'draft', '{{ x }} "y"'),
  }),
  typed('text', {
    maxLength: fc.integer({
      min: 20,
      max: fieldLimitBounds.textLength.maximum,
    }),
    default: fc.constant('Some text.'),
  }),
  typed('integer', {
    minimum: fc.integer({ min: -1000, max: 0 }),
    maximum: fc.integer({ min: 1, max: 1000 }),
    default: fc.constantFrom(0, 1),
  }),
  typed('decimal', {
    precision: fc.integer({
      min: 5,
      max: fieldLimitBounds.decimalPrecision.maximum,
    }),
    scale: fc.integer({ min: 1, max: 2 }),
    minimum: fc.constantFrom(0, -10),
    maximum: fc.constantFrom(99, 100.5),
    default: fc.constantFrom(1, 1.5),
  }),
  typed('boolean', { default: fc.boolean() }),
  typed('date', { default: fc.constant('2024-02-29') }),
  typed('datetime', { default: fc.constant('2026-01-31T12:00:00.5+02:00') }),
  typed('uuid', {
    default: fc.constant('123e4567-e89b-12d3-a456-426614174000'),
  }),
  fc
    .tuple(
      fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}(_[a-z0-9]{1,4})?$/), {
        minLength: 1,
        maxLength: 5,
      }),
      fc.option(fc.nat()),
    )
    .map(([values, pick]) =>
      pick === null
        ? { type: 'enum', values }
        : { type: 'enum', values, default: values[pick % values.length] },
    ),
);
const validField = fc
  .tuple(
    fc.stringMatching(/^[a-z]{2,8}$/),
    validFieldBody,
    fc.record(
      {
        required: fc.boolean(),
        unique: fc.boolean(),
        description: keeping(
          'description',
          fc.oneof(hostileText(10), fc.string({ maxLength: 30 })),
        ),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([word, body, flags]): Record<string, unknown> => {
    const field: Record<string, unknown> = { word, ...body, ...flags };
    // A yes/no field cannot be unique; a unique field has no default.
    if (field.type === 'boolean') delete field.unique;
    if (field.unique) delete field.default;
    return field;
  });
/** Lists of fields built from valid parts; each name starts with its own tag. */
export const validFieldLists = fc
  .array(validField, { minLength: 1, maxLength: 4 })
  .map(fields =>
    fields.map(({ word, ...field }, index) => ({
      name: `${fieldTags[index]}_${word}`,
      ...field,
    })),
  );

/**
 * Field lists the rules accept for a request to `stack` (its reserved words applied), with the
 * other values of that request.
 */
export const validFieldListsFor = (
  stack: string,
  request: Record<string, unknown> = {},
) =>
  validFieldLists.filter(
    fields =>
      fieldProblem('fields', fields, stack, { ...request, stack, fields }) ===
      undefined,
  );
