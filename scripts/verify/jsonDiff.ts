/** Comparing JSON documents regardless of key order (the served vs the committed OpenAPI). */
import { brief } from './network';

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map(key => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

/** Where two JSON values first differ (`$.paths./x.get`), or undefined when they are equal. */
export function firstDifference(
  a: unknown,
  b: unknown,
  at = '$',
): string | undefined {
  if (sameJson(a, b)) return undefined;
  if (typeof a === 'object' && a && typeof b === 'object' && b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${at}: ${brief(JSON.stringify(a) ?? 'undefined', 80)} vs ${brief(JSON.stringify(b) ?? 'undefined', 80)}`;
}
