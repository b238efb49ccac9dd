import {
  camelCase,
  capitalCase,
  constantCase,
  kebabCase,
  pascalCase,
  snakeCase,
} from 'change-case';
import { pluralName, singularName } from '../request/nameForms';
import type { FilterDefinition } from './filterDefinition';

/** Case conversion and inflection, the names a template author needs beside the form's values. */
export const caseFilters: FilterDefinition[] = [
  {
    id: 'kebabCase',
    description: 'Converts text to kebab-case.',
    example: { input: 'Order Line', output: 'order-line' },
    fn: kebabCase,
  },
  {
    id: 'snakeCase',
    description: 'Converts text to snake_case.',
    example: { input: 'order-line', output: 'order_line' },
    fn: snakeCase,
  },
  {
    id: 'camelCase',
    description: 'Converts text to camelCase.',
    example: { input: 'order-line', output: 'orderLine' },
    fn: camelCase,
  },
  {
    id: 'pascalCase',
    description: 'Converts text to PascalCase.',
    example: { input: 'order-line', output: 'OrderLine' },
    fn: pascalCase,
  },
  {
    id: 'constantCase',
    description: 'Converts text to CONSTANT_CASE.',
    example: { input: 'order-line', output: 'ORDER_LINE' },
    fn: constantCase,
  },
  {
    id: 'titleCase',
    description: 'Converts text to Title Case words.',
    example: { input: 'order-line', output: 'Order Line' },
    fn: capitalCase,
  },
  {
    id: 'pluralize',
    description:
      'The plural form of an English noun (the last word of snake or kebab case).',
    example: { input: 'category', output: 'categories' },
    fn: pluralName,
  },
  {
    id: 'singularize',
    description:
      'The singular form of an English noun (the last word of snake or kebab case).',
    example: { input: 'order_lines', output: 'order_line' },
    fn: singularName,
  },
];
