/**
 * The field types a resource can declare, and what each allows. Language-neutral: each stack
 * maps them to its own types in one table (its manifest's `types`), and the API contract maps
 * them to JSON Schema; nothing type-specific lives in the engine.
 */
export const fieldTypes = [
  'string',
  'text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'uuid',
  'enum',
] as const;

export type FieldType = (typeof fieldTypes)[number];

/** How the list endpoint filters by a field of this type. */
export type FilterKind = 'substring' | 'range' | 'exact' | 'none';

export interface FieldTypeRule {
  title: string;
  /** The limits a field of this type may declare. */
  limits: readonly (
    | 'maxLength'
    | 'minimum'
    | 'maximum'
    | 'precision'
    | 'scale'
    | 'values'
  )[];
  filter: FilterKind;
  /** Whether the list can be sorted by it. */
  sortable: boolean;
}

/** Bounds the limits themselves must respect (said in the form and checked by the action). */
export const fieldLimitBounds = {
  /** varchar(n): a name, a code, a title. */
  stringLength: { minimum: 1, maximum: 1000, default: 255 },
  /** Free text: bounded on the API, stored as text. */
  textLength: { minimum: 1, maximum: 100_000, default: 5000 },
  /** 32-bit integers: exact in every language's JSON numbers, including JavaScript's. */
  integer: { minimum: -2_147_483_648, maximum: 2_147_483_647 },
  /**
   * Decimals travel as JSON numbers; at most 15 significant digits round-trip exactly through
   * an IEEE double, which is what most JSON clients parse numbers into.
   */
  decimalPrecision: { minimum: 1, maximum: 15, default: 12 },
  decimalScale: { minimum: 0, maximum: 10, default: 2 },
  enumValues: { minimum: 1, maximum: 50 },
  fields: { minimum: 1, maximum: 20 },
} as const;

export const fieldTypeRules: Record<FieldType, FieldTypeRule> = {
  string: {
    title: 'Short text',
    limits: ['maxLength'],
    filter: 'substring',
    sortable: true,
  },
  text: {
    title: 'Long text',
    limits: ['maxLength'],
    filter: 'substring',
    sortable: false,
  },
  integer: {
    title: 'Whole number',
    limits: ['minimum', 'maximum'],
    filter: 'range',
    sortable: true,
  },
  decimal: {
    title: 'Decimal number',
    limits: ['minimum', 'maximum', 'precision', 'scale'],
    filter: 'range',
    sortable: true,
  },
  boolean: { title: 'Yes/no', limits: [], filter: 'exact', sortable: true },
  date: { title: 'Date', limits: [], filter: 'range', sortable: true },
  datetime: {
    title: 'Date and time',
    limits: [],
    filter: 'range',
    sortable: true,
  },
  uuid: { title: 'UUID', limits: [], filter: 'exact', sortable: false },
  enum: {
    title: 'One of a list',
    limits: ['values'],
    filter: 'exact',
    sortable: true,
  },
};
