/**
 * The value types of the wire format, as zod schemas: what a body may hold for each field type,
 * with the limits PostgreSQL would otherwise enforce with an error. Each refuses, with a 422
 * naming the property, every value its column could not store as sent.
 */
import { z } from './zod.ts';

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants a four-digit year covers. */
const EARLIEST_INSTANT = -62_135_596_800_000;
const LATEST_INSTANT = 253_402_300_799_999;

/** Characters as PostgreSQL counts them (code points), not UTF-16 units as String#length does. */
export function characterCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Text without NUL (U+0000), which PostgreSQL's text types cannot store. */
const NO_NUL = '^[^\\u0000]*$';

/** Text PostgreSQL can store: valid Unicode without NUL, at most `maxLength` characters. */
export function text(maxLength: number) {
  return z
    .string()
    .refine((value) => value.isWellFormed(), 'must be valid Unicode (no unpaired surrogates)')
    .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character')
    .refine(
      (value) => value.length <= maxLength || characterCount(value) <= maxLength,
      `must be at most ${maxLength} characters`,
    )
    .openapi({ maxLength, pattern: NO_NUL });
}

/** A whole number within the field's bounds (inside 32 bits: exact in every client's JSON). */
export function integer(minimum: number, maximum: number) {
  return z.int({ error: 'must be a whole number' }).min(minimum).max(maximum);
}

/** A JSON number within the bounds; numeric(precision, scale) rounds it to its scale. */
export function decimal(minimum: number, maximum: number) {
  return z.number({ error: 'must be a number' }).min(minimum).max(maximum);
}

export function boolean() {
  return z.boolean({ error: 'must be true or false' });
}

/** YYYY-MM-DD, a real day, from year 1 (PostgreSQL has no year 0). */
export function date() {
  return z.iso
    .date({ error: 'must be a date such as 2026-01-31' })
    .refine((value) => value >= '0001-01-01', 'must be in year 1 or later');
}

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/**
 * The same instant in UTC, its fraction of a second kept as written. PostgreSQL takes zones of
 * at most ±15:59 while RFC 3339 allows up to ±23:59, and a JavaScript Date would drop the
 * microseconds PostgreSQL keeps: so the arithmetic is done here, on the text.
 */
export function toUtc(value: string): string {
  const match = RFC_3339.exec(value);
  if (!match) return value;
  const [, year, month, day, hours, minutes, seconds, fraction = '', sign, zoneHours, zoneMinutes] = match;
  const instant = new Date(0);
  instant.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  instant.setUTCHours(Number(hours), Number(minutes), Number(seconds), 0);
  if (sign !== undefined) {
    const offset = (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000;
    instant.setTime(instant.getTime() + (sign === '+' ? -offset : offset));
  }
  return `${instant.toISOString().slice(0, 19)}${fraction}Z`;
}

/** RFC 3339 with its zone (Z or ±hh:mm), as the same instant in UTC: a zone-less one is ambiguous. */
export function dateTime() {
  return z.iso
    .datetime({ offset: true, error: 'must be a date and time with its zone, such as 2026-01-31T12:00:00Z' })
    .refine((value) => {
      const instant = Date.parse(value);
      return instant >= EARLIEST_INSTANT && instant <= LATEST_INSTANT;
    }, 'must be between the years 1 and 9999 in UTC')
    .transform(toUtc);
}

/** Any 8-4-4-4-12 hexadecimal UUID (PostgreSQL's uuid keeps every version). */
export function uuid() {
  return z.guid({ error: 'must be a UUID' });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/**
 * A timestamp as PostgreSQL writes it in a UTC session (`2026-01-31 12:00:00.123456+00`), as
 * RFC 3339 (`2026-01-31T12:00:00.123456Z`), keeping the microseconds it stores.
 */
export function toRfc3339(timestamp: string): string {
  const match = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:Z|([+-]\d{2})(?::?(\d{2}))?)$/.exec(
    timestamp,
  );
  if (!match) return new Date(timestamp).toISOString();
  const [, day, time, hours = '+00', minutes = '00'] = match;
  const zone = hours === '+00' && minutes === '00' ? 'Z' : `${hours}:${minutes}`;
  return `${day ?? ''}T${time ?? ''}${zone}`;
}

/** The schemas with their descriptions (which the OpenAPI document shows). */
export function described<T extends Record<string, z.ZodType>>(
  schemas: T,
  descriptions: Partial<Record<keyof T, string>>,
): T {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const description = descriptions[name];
      return [name, description === undefined ? schema : schema.describe(description)];
    }),
  ) as T;
}
