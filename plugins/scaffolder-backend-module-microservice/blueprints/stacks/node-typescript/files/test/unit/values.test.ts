import { describe, expect, it } from 'vitest';
import * as query from '../../src/http/query.ts';
import * as values from '../../src/http/values.ts';

describe('text', () => {
  const text = values.text(5);

  it('counts characters as PostgreSQL does, not UTF-16 units', () => {
    expect(values.characterCount('😀😀')).toBe(2);
    expect(text.safeParse('😀😀😀😀😀').success).toBe(true);
    expect(text.safeParse('😀😀😀😀😀😀').success).toBe(false);
  });

  it('refuses what PostgreSQL cannot store: NUL, unpaired surrogates', () => {
    expect(text.safeParse('a\u0000b').success).toBe(false);
    expect(text.safeParse('a\ud800b').success).toBe(false);
  });

  it('refuses other JSON types', () => {
    expect(text.safeParse(12).success).toBe(false);
  });
});

describe('numbers', () => {
  it('integers are whole and within bounds', () => {
    const integer = values.integer(1, 10);
    expect(integer.safeParse(10).success).toBe(true);
    expect(integer.safeParse(11).success).toBe(false);
    expect(integer.safeParse(1.5).success).toBe(false);
    expect(integer.safeParse('5').success).toBe(false);
  });

  it('decimals are JSON numbers within bounds', () => {
    const decimal = values.decimal(0, 99.99);
    expect(decimal.safeParse(12.345).success).toBe(true);
    expect(decimal.safeParse(100).success).toBe(false);
    expect(decimal.safeParse('1.5').success).toBe(false);
  });
});

describe('dates and times', () => {
  it('dates are real days from year 1', () => {
    const date = values.date();
    expect(date.safeParse('2024-02-29').success).toBe(true);
    expect(date.safeParse('2026-02-29').success).toBe(false);
    expect(date.safeParse('0000-01-01').success).toBe(false);
    expect(date.safeParse('31/01/2026').success).toBe(false);
  });

  it('date-times need their zone and a four-digit year in UTC', () => {
    const dateTime = values.dateTime();
    expect(dateTime.safeParse('2026-03-01T23:30:15.123456+02:00').success).toBe(true);
    expect(dateTime.safeParse('2026-01-31T12:00:00').success).toBe(false);
    expect(dateTime.safeParse('2026-01-31').success).toBe(false);
    expect(dateTime.safeParse('0001-01-01T00:00:00+01:00').success).toBe(false);
  });

  it('date-times are read as the same instant in UTC, whatever their zone', () => {
    const dateTime = values.dateTime();
    expect(dateTime.parse('2026-03-01T23:30:15.123456+02:00')).toBe('2026-03-01T21:30:15.123456Z');
    expect(dateTime.parse('0111-01-22T14:10:35+21:05')).toBe('0111-01-21T17:05:35Z');
    expect(dateTime.parse('9999-12-31T20:00:00-03:59')).toBe('9999-12-31T23:59:00Z');
    expect(values.toUtc('not a date-time')).toBe('not a date-time');
  });

  it('PostgreSQL timestamps become RFC 3339, microseconds kept', () => {
    expect(values.toRfc3339('2026-03-01 21:30:15.123456+00')).toBe('2026-03-01T21:30:15.123456Z');
    expect(values.toRfc3339('2026-03-01 21:30:15+02')).toBe('2026-03-01T21:30:15+02:00');
    expect(values.toRfc3339('2026-03-01 21:30:15-03:30')).toBe('2026-03-01T21:30:15-03:30');
    expect(values.toRfc3339('2026-03-01T21:30:15Z')).toBe('2026-03-01T21:30:15Z');
  });
});

describe('uuid and enums', () => {
  it('any 8-4-4-4-12 UUID, in either case', () => {
    expect(values.uuid().safeParse('3FA85F64-5717-4562-B3FC-2C963F66AFA6').success).toBe(true);
    expect(values.uuid().safeParse('3fa85f64-5717-4562-b3fc-2c963f66afa').success).toBe(false);
  });

  it('enums take their values only, in their case', () => {
    const oneOf = values.oneOf(['draft', 'placed']);
    expect(oneOf.safeParse('draft').success).toBe(true);
    expect(oneOf.safeParse('DRAFT').success).toBe(false);
  });
});

describe('query parameters', () => {
  it('integers are read strictly', () => {
    const integer = query.integer(0, 100);
    expect(integer.parse('12')).toBe(12);
    for (const refused of ['1e2', '0x10', '', ' 1', '1.0', ['1', '2'], '879044514382290223104']) {
      expect(integer.safeParse(refused).success).toBe(false);
    }
  });

  it('decimals and booleans are read from text', () => {
    expect(query.decimal(0, 100).parse('12.5')).toBe(12.5);
    expect(query.decimal(0, 100).safeParse('lots').success).toBe(false);
    expect(query.boolean().parse('false')).toBe(false);
    expect(query.boolean().safeParse('maybe').success).toBe(false);
  });

  it('text filters need one character at least, of text a value could hold', () => {
    expect(query.text(10).safeParse('').success).toBe(false);
    expect(query.text(10).safeParse('a').success).toBe(true);
    expect(query.text(10).safeParse('a\u0000').success).toBe(false);
    expect(query.text(2).safeParse('abc').success).toBe(false);
  });

  it('paging has defaults and bounds', () => {
    const limit = query.limit({ minimum: 1, maximum: 100, default: 20 });
    expect(limit.parse(undefined)).toBe(20);
    expect(limit.safeParse('101').success).toBe(false);
    expect(query.sort(['name', '-name'], '-name').parse(undefined)).toBe('-name');
  });
});
