/**
 * Query parameters: text on the wire, read strictly into the field's type and refused (422 naming
 * the parameter) when they do not fit — before any SQL. A parameter given twice arrives as an
 * array and is refused too. The document shows each with the type it is read into.
 */
import * as values from './values.ts';
import { z } from './zod.ts';

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** "12" → 12; anything else stays as sent, for the number schema to refuse. */
function readInteger(value: unknown): unknown {
  return typeof value === 'string' && INTEGER.test(value) ? Number(value) : value;
}

function readNumber(value: unknown): unknown {
  return typeof value === 'string' && NUMBER.test(value) ? Number(value) : value;
}

function readBoolean(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** A `…Contains` filter: text a value could hold, of at least one character. */
export function text(maxLength: number) {
  return values.text(maxLength).min(1, 'must not be empty').openapi({ minLength: 1 });
}

export function integer(minimum: number, maximum: number) {
  return z.preprocess(readInteger, values.integer(minimum, maximum));
}

export function decimal(minimum: number, maximum: number) {
  return z.preprocess(readNumber, values.decimal(minimum, maximum));
}

export function boolean() {
  return z.preprocess(readBoolean, values.boolean());
}

export const date = values.date;
export const dateTime = values.dateTime;
export const uuid = values.uuid;
export const oneOf = values.oneOf;

/** Paging and sorting, with the contract's bounds and defaults. */
export function limit(bounds: { minimum: number; maximum: number; default: number }) {
  return integer(bounds.minimum, bounds.maximum).default(bounds.default);
}

export const offset = limit;

export function sort<const T extends readonly [string, ...string[]]>(keys: T, defaultKey: T[number]) {
  return z.enum(keys, { error: `must be one of ${keys.join(', ')}` }).default(defaultKey);
}

/** The list's filters: each optional, with its description. */
export function filters<T extends Record<string, z.ZodType>>(
  schemas: T,
  descriptions: Record<keyof T, string>,
): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, schema.optional().describe(descriptions[name] ?? '')]),
  ) as { [K in keyof T]: z.ZodOptional<T[K]> };
}
