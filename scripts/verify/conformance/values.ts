/**
 * Field values for the conformance suite, derived from the spec's fields alone (their type and
 * limits): valid values (distinct per row, fresh for unique fields), the values worth a round
 * trip, values the schema refuses, how a stored value must read back, and how values order.
 */
import { randomUUID } from 'node:crypto';
import type { FieldSpec } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export type Value = string | number | boolean | null;

/** RFC 3339 date-time with a zone (Z or ±hh:mm). */
export const DATETIME_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
export const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];

function decimalLimits(field: FieldSpec) {
  const scale = field.scale ?? 2;
  const precision = field.precision ?? 12;
  const largest = 10 ** (precision - scale) - 10 ** -scale;
  return {
    scale,
    precision,
    minimum: field.minimum ?? -largest,
    maximum: field.maximum ?? largest,
  };
}

/** Rounds half to even at `scale` places (as numeric(precision, scale) does, for non-ties alike). */
export function roundTo(value: number, scale: number): number {
  return Number(value.toFixed(scale));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** `count` numbers in [min, max], `gap` apart where they fit, starting near `preferred`. */
function spread(
  min: number,
  max: number,
  count: number,
  gap: number,
  preferred: number,
): number[] {
  const start = clamp(preferred, min, Math.max(min, max - gap * (count - 1)));
  return Array.from({ length: count }, (_, i) =>
    clamp(start + gap * i, min, max),
  );
}

/** Text that fits `maxLength`, keeping the end (where the distinguishing part is). */
function fit(text: string, maxLength: number | undefined): string {
  return maxLength !== undefined && text.length > maxLength
    ? text.slice(text.length - maxLength)
    : text;
}

/**
 * A valid value of rank `rank` (0–3): values of increasing rank are in increasing order for every
 * ordered type; strings start with distinct capitalised words, so every collation agrees.
 */
export function rankedValue(
  field: FieldSpec,
  rank: number,
  marker: string,
): Value {
  switch (field.type) {
    case 'string':
    case 'text': {
      const word = WORDS[rank % WORDS.length];
      const text = `${word} ${field.type === 'text' ? 'notes ' : ''}${marker}`;
      return field.maxLength !== undefined && text.length > field.maxLength
        ? `${word}${marker}`.slice(0, field.maxLength)
        : text;
    }
    case 'integer': {
      const min = field.minimum ?? -2_147_483_648;
      const max = field.maximum ?? 2_147_483_647;
      return spread(min, max, 4, 7, 10)[rank % 4];
    }
    case 'decimal': {
      const { scale, minimum, maximum } = decimalLimits(field);
      const gap = Math.max(roundTo(1.25, scale), 10 ** -scale);
      return roundTo(
        spread(minimum, maximum, 4, gap, roundTo(12.5, scale))[rank % 4],
        scale,
      );
    }
    case 'boolean':
      return rank % 2 === 1;
    case 'date':
      return `2026-0${(rank % 4) + 1}-15`;
    case 'datetime':
      return `2026-0${(rank % 4) + 1}-15T10:30:00Z`;
    case 'uuid':
      return randomUUID();
    case 'enum': {
      const values = (field.values ?? []).map(v => v.value);
      return values[rank % values.length];
    }
    default:
      return null;
  }
}

/** A valid value for a resource created at `serial`: unique fields get a value no other has. */
export function freshValue(
  field: FieldSpec,
  serial: number,
  marker: string,
): Value {
  if (!field.unique) return rankedValue(field, serial % 4, marker);
  switch (field.type) {
    case 'string':
    case 'text':
      return fit(`${marker}u${serial}`, field.maxLength);
    case 'integer': {
      const min = field.minimum ?? -2_147_483_648;
      const max = field.maximum ?? 2_147_483_647;
      return clamp(Math.max(min, 0) + 1000 + serial, min, max);
    }
    case 'decimal': {
      const { scale, minimum, maximum } = decimalLimits(field);
      return roundTo(
        clamp(Math.max(minimum, 0) + 100 + serial, minimum, maximum),
        scale,
      );
    }
    case 'date': {
      const day = new Date(Date.UTC(2030, 0, 1 + serial));
      return day.toISOString().slice(0, 10);
    }
    case 'datetime':
      return new Date(Date.UTC(2030, 0, 1, 0, serial)).toISOString();
    case 'enum': {
      const values = (field.values ?? []).map(v => v.value);
      return values[serial % values.length];
    }
    default:
      return rankedValue(field, serial % 4, marker);
  }
}

/** A value sent, and what must be stored and read back for it. */
export interface RoundTrip {
  sent: Value;
  expected: Value;
  why: string;
}

/** The values of a field worth a round trip: boundaries, rounding, zones, every enum value. */
export function roundTrips(
  field: FieldSpec,
  marker: string,
  serial: () => number,
): RoundTrip[] {
  const same = (sent: Value, why: string): RoundTrip => ({
    sent,
    expected: sent,
    why,
  });
  switch (field.type) {
    case 'string':
    case 'text': {
      const trips: RoundTrip[] = [];
      const unicode = `Zoë "quoted" ✓ ${field.type === 'text' ? 'two\nlines ' : ''}${marker}${serial()}`;
      trips.push(same(fit(unicode, field.maxLength), 'unicode and quotes'));
      const max = field.maxLength ?? 0;
      if (max > 0 && max <= 20_000) {
        const stamp = `${marker}${serial()}`;
        trips.push(
          same(
            fit(`${'x'.repeat(max)}${stamp}`, max),
            `exactly maxLength ${max} characters`,
          ),
        );
      }
      return trips;
    }
    case 'integer': {
      const min = field.minimum ?? -2_147_483_648;
      const max = field.maximum ?? 2_147_483_647;
      return [same(min, 'the minimum'), same(max, 'the maximum')];
    }
    case 'decimal': {
      const { scale, precision, minimum, maximum } = decimalLimits(field);
      const step = 10 ** -scale;
      const base = roundTo(clamp(12.5, minimum, maximum - 2 * step), scale);
      // Two more digits than the scale, rounding up (not a tie: any rounding mode agrees).
      const sent = Number((base + step * 0.67).toFixed(scale + 2));
      const trips: RoundTrip[] = [
        {
          sent,
          expected: roundTo(base + step, scale),
          why: `rounded to ${scale} decimal places`,
        },
      ];
      if (precision <= 15) {
        trips.push(same(roundTo(maximum, scale), 'the maximum, every digit'));
      }
      if (minimum <= 0 && maximum >= 0) trips.push(same(0, 'zero'));
      return trips;
    }
    case 'boolean':
      return [same(true, 'true'), same(false, 'false')];
    case 'date':
      return [same('2024-02-29', 'a leap day')];
    case 'datetime':
      return [
        same('2026-03-01T23:30:15.123+02:00', 'an offset and milliseconds'),
        same('2026-07-01T00:00:00Z', 'UTC'),
      ];
    case 'uuid':
      return [same(randomUUID(), 'a random UUID')];
    case 'enum':
      return (field.values ?? []).map(v => same(v.value, `value ${v.value}`));
    default:
      return [];
  }
}

/** Why `got` is not how `expected` must read back, or undefined when it is. */
export function valueMismatch(
  field: FieldSpec,
  expected: Value,
  got: unknown,
): string | undefined {
  const show = (v: unknown) => JSON.stringify(v);
  if (expected === null) {
    return got === null ? undefined : `${show(got)}, not null`;
  }
  switch (field.type) {
    case 'decimal': {
      if (typeof got !== 'number') return `${show(got)} is not a JSON number`;
      const scale = field.scale ?? 2;
      return Math.abs(got - Number(expected)) <
        10 ** -(scale + 3) * Math.max(1, Math.abs(got))
        ? undefined
        : `${show(got)}, not ${show(expected)}`;
    }
    case 'datetime': {
      if (typeof got !== 'string' || !DATETIME_WITH_ZONE.test(got))
        return `${show(got)} is not a date-time with a zone`;
      return Date.parse(got) === Date.parse(String(expected))
        ? undefined
        : `${show(got)} is not the instant ${show(expected)}`;
    }
    default:
      return got === expected
        ? undefined
        : `${show(got)}, not ${show(expected)}`;
  }
}

/** Orders two stored values of a field (as they read back); undefined when unordered. */
export function compareValues(
  field: FieldSpec | 'datetime',
  a: unknown,
  b: unknown,
  enumOrder: 'declared' | 'text' = 'text',
): number {
  const type = field === 'datetime' ? 'datetime' : field.type;
  switch (type) {
    case 'integer':
    case 'decimal':
      return Number(a) - Number(b);
    case 'boolean':
      return Number(a) - Number(b);
    case 'datetime':
      return Date.parse(String(a)) - Date.parse(String(b));
    case 'enum': {
      if (enumOrder === 'declared' && field !== 'datetime') {
        const values = (field.values ?? []).map(v => v.value);
        return values.indexOf(String(a)) - values.indexOf(String(b));
      }
      return String(a) < String(b) ? -1 : Number(String(a) > String(b));
    }
    default:
      return String(a) < String(b) ? -1 : Number(String(a) > String(b));
  }
}

/** Whether `value` passes a list filter: exact, case-insensitive substring, inclusive bounds. */
export function matchesFilter(
  field: FieldSpec,
  kind: 'equals' | 'contains' | 'min' | 'max',
  query: Value,
  value: unknown,
): boolean {
  if (value === null || value === undefined) return false;
  switch (kind) {
    case 'equals':
      return value === query;
    case 'contains':
      return String(value).toLowerCase().includes(String(query).toLowerCase());
    case 'min':
      return compareValues(field, value, query) >= 0;
    case 'max':
      return compareValues(field, value, query) <= 0;
    default:
      return false;
  }
}

/** Values the schema refuses for a field, each with why. */
export function invalidValues(
  field: FieldSpec,
): { value: unknown; why: string }[] {
  const invalid: { value: unknown; why: string }[] = [
    { value: { value: 1 }, why: 'an object' },
    { value: [1], why: 'an array' },
  ];
  if (field.required)
    invalid.push({ value: null, why: 'null for a required field' });
  switch (field.type) {
    case 'string':
    case 'text':
      invalid.push({ value: 12, why: 'a number' });
      if (field.maxLength !== undefined && field.maxLength <= 100_000) {
        invalid.push({
          value: 'y'.repeat(field.maxLength + 1),
          why: `${field.maxLength + 1} characters (maxLength ${field.maxLength})`,
        });
      }
      break;
    case 'integer': {
      const min = field.minimum ?? -2_147_483_648;
      const max = field.maximum ?? 2_147_483_647;
      invalid.push(
        { value: 1.5, why: 'a fraction' },
        { value: '12', why: 'a string' },
        { value: max + 1, why: `above the maximum ${max}` },
        { value: min - 1, why: `below the minimum ${min}` },
      );
      break;
    }
    case 'decimal': {
      const { minimum, maximum, scale } = decimalLimits(field);
      const step = 10 ** -scale;
      invalid.push(
        { value: '12.5', why: 'a string' },
        {
          value: roundTo(maximum + step, scale),
          why: `above the maximum ${maximum}`,
        },
        {
          value: roundTo(minimum - step, scale),
          why: `below the minimum ${minimum}`,
        },
      );
      // Found by the fuzzer: a bound is checked on the number as sent, not once rounded to it.
      const hair = 10 ** -(scale + 3);
      if (Math.abs(minimum) < 1e6 && minimum - hair !== minimum) {
        invalid.push({
          value: minimum - hair,
          why: `a hair below the minimum ${minimum} (it would round to it)`,
        });
      }
      break;
    }
    case 'boolean':
      invalid.push(
        { value: 'true', why: 'the string "true"' },
        { value: 1, why: 'the number 1' },
      );
      break;
    case 'date':
      invalid.push(
        { value: '2026-02-30', why: 'February 30th' },
        { value: '31/01/2026', why: 'not ISO 8601' },
        { value: 20260131, why: 'a number' },
      );
      break;
    case 'datetime':
      invalid.push(
        { value: '2026-01-31T12:00:00', why: 'no zone' },
        { value: '2026-01-31', why: 'a date without a time' },
        { value: 'tomorrow', why: 'not a date-time' },
        { value: 1769860800, why: 'a number (Unix time)' },
      );
      break;
    case 'uuid':
      invalid.push(
        { value: 'not-a-uuid', why: 'not a UUID' },
        { value: '3fa85f64-5717-4562-b3fc-2c963f66afa', why: 'a digit short' },
      );
      break;
    case 'enum': {
      const first = field.values?.[0]?.value ?? '';
      invalid.push({ value: 'not_one_of_them', why: 'not one of the values' });
      if (first.toUpperCase() !== first)
        invalid.push({
          value: first.toUpperCase(),
          why: 'a value in another case',
        });
      break;
    }
    default:
      break;
  }
  return invalid;
}

/** A query parameter value of the wrong type for a filter, or undefined for text filters. */
export function invalidFilterValue(field: FieldSpec): string | undefined {
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return 'lots';
    case 'boolean':
      return 'maybe';
    case 'date':
    case 'datetime':
      return 'someday';
    case 'uuid':
      return 'not-a-uuid';
    case 'enum':
      return 'not_one_of_them';
    default:
      return undefined;
  }
}
