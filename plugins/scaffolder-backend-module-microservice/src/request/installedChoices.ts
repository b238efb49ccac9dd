import type { BlueprintCatalog } from '../engine';
import { preferredDefaults } from './rules';
import type { InstalledChoices } from './serviceInput';

/** A form option's value meaning "no layer for this": always offered, last. */
export const NO_OPTION = 'none';

/**
 * The choices whose default a platform team may set (`microserviceScaffolder.defaults`): the
 * stack and any option the installed layers implement.
 */
export type DefaultChoices = Record<string, string | undefined>;

/** The values with the default first; zod and the form take the first as default. */
function defaultFirst(
  values: string[],
  what: string,
  configured: DefaultChoices,
): [string, ...string[]] {
  if (values.length === 0) {
    throw new Error(`No ${what} blueprints are installed`);
  }
  const wanted = configured[what];
  if (wanted !== undefined && !values.includes(wanted)) {
    // A platform team's default that is not installed is a configuration mistake, said at startup.
    throw new Error(
      `microserviceScaffolder.defaults.${what} is "${wanted}", which is not installed; choose one of ${values.join(', ')}`,
    );
  }
  const preferred: string | undefined =
    wanted ?? (preferredDefaults as Record<string, string>)[what];
  const ordered =
    preferred && values.includes(preferred)
      ? [preferred, ...values.filter(value => value !== preferred)]
      : values;
  return ordered as [string, ...string[]];
}

/** Each option the installed layers implement, with the values they offer (sorted), then "none". */
export function installedOptions(
  catalog: BlueprintCatalog,
): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (const layer of catalog.layers.values()) {
    const { option } = layer.manifest;
    if (option)
      options.set(option.name, [
        ...(options.get(option.name) ?? []),
        option.value,
      ]);
  }
  return new Map(
    [...options.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, values]) => [name, [...values.sort(), NO_OPTION]]),
  );
}

/**
 * The form's choices follow what is installed: a platform team's layer adds its value (or a
 * whole new option), and its configured defaults come first.
 */
export function installedChoices(
  catalog: BlueprintCatalog,
  configured: DefaultChoices = {},
): InstalledChoices {
  const options = installedOptions(catalog);
  const unknown = Object.keys(configured).filter(
    key =>
      configured[key] !== undefined && key !== 'stack' && !options.has(key),
  );
  if (unknown.length > 0) {
    throw new Error(
      `microserviceScaffolder.defaults names ${unknown.join(', ')}, which no installed layer offers; options: ${[...options.keys()].join(', ')}`,
    );
  }
  return {
    stacks: defaultFirst(
      [...catalog.stacks.keys()].sort(),
      'stack',
      configured,
    ),
    options: Object.fromEntries(
      [...options.entries()].map(([name, values]) => [
        name,
        defaultFirst(values, name, configured),
      ]),
    ),
  };
}
