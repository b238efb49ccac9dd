import { createTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';
import type { FilterDefinition } from './filterDefinition';

/** Our filters in the form Backstage's templating extension point takes. */
export function toTemplateFilters(definitions: FilterDefinition[]) {
  return definitions.map(definition =>
    createTemplateFilter({
      id: definition.id,
      description: definition.description,
      examples: [
        {
          example: `\${{ '${definition.example.input}' | ${definition.id} }}`,
          notes: `→ ${definition.example.output}`,
        },
      ],
      filter: definition.fn,
    }),
  );
}
