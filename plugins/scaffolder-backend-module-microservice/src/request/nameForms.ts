import {
  camelCase,
  capitalCase,
  constantCase,
  kebabCase,
  pascalCase,
  snakeCase,
} from 'change-case';
import pluralize from 'pluralize';
import type { NameForms } from './serviceSpec';

export function nameForms(name: string): NameForms {
  return {
    kebab: kebabCase(name),
    snake: snakeCase(name),
    pascal: pascalCase(name),
    camel: camelCase(name),
    constant: constantCase(name),
    title: capitalCase(name),
  };
}

/** `order_line` → `order_lines`: only the last word of a compound name is inflected. */
export function inflectLastWord(
  text: string,
  inflect: (word: string) => string,
): string {
  const match = /^(.*[-_ ])?([^-_ ]+)$/.exec(text);
  if (!match) return text;
  return `${match[1] ?? ''}${inflect(match[2])}`;
}

export const pluralName = (name: string) =>
  inflectLastWord(name, pluralize.plural);
export const singularName = (name: string) =>
  inflectLastWord(name, pluralize.singular);
