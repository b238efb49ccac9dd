import { describe, expect, it } from 'vitest';
import { parseOrThrow, pointerTo, problemDetails } from '../../src/http/problems.ts';
import { z } from '../../src/http/zod.ts';

describe('problem details', () => {
  it('points into the body with RFC 6901 escapes', () => {
    expect(pointerTo([])).toBe('#');
    expect(pointerTo(['a/b', 'c~d', 0])).toBe('#/a~1b/c~0d/0');
  });

  it('names each unknown property on its own', () => {
    const result = z.strictObject({ name: z.string() }).safeParse({ name: 'x', one: 1, two: 2 });
    expect(result.success).toBe(false);
    expect(problemDetails(result.error?.issues ?? [], 'body')).toEqual([
      { detail: 'is not a property of this resource', pointer: '#/one' },
      { detail: 'is not a property of this resource', pointer: '#/two' },
    ]);
  });

  it('names query and path parameters', () => {
    expect(() => parseOrThrow(z.object({ limit: z.int() }), { limit: 'x' }, 'query')).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ parameter: 'limit' })] }),
    );
  });
});
