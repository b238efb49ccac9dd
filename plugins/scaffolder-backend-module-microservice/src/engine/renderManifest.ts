import type nunjucks from 'nunjucks';
import { renderTemplate } from './environment';

/**
 * A manifest's values with every string that holds `{{ }}` or `{% %}` rendered against
 * `context`: how a stack states a fact once (`python:{{ stack.language.version }}-slim`) and a
 * layer provides facts that depend on the request.
 */
export function renderManifestValues<T>(
  value: T,
  environment: nunjucks.Environment,
  name: string,
  context: object,
): T {
  if (typeof value === 'string') {
    return (
      /\{\{|\{%/.test(value)
        ? renderTemplate(environment, name, value, context)
        : value
    ) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      renderManifestValues(item, environment, `${name}[${index}]`, context),
    ) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        renderManifestValues(item, environment, `${name}.${key}`, context),
      ]),
    ) as T;
  }
  return value;
}
