import type { Filter } from '../engine/environment';
import { caseFilters } from './caseFilters';
import { escapeFilters } from './escapeFilters';
import type { FilterDefinition } from './filterDefinition';

export type { FilterDefinition } from './filterDefinition';

/** Every filter this module provides, to blueprints and to template authors alike. */
export const filterDefinitions: FilterDefinition[] = [
  ...caseFilters,
  ...escapeFilters,
];

export function filtersByName(
  definitions: FilterDefinition[] = filterDefinitions,
): Record<string, Filter> {
  return Object.fromEntries(definitions.map(d => [d.id, d.fn]));
}
export { toTemplateFilters } from './templateFilters';
