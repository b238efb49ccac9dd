import type { BlueprintCatalog } from '../engine';
import { preferredDefaults } from './rules';
import type { InstalledChoices } from './serviceInput';

const NONE = 'none';

/** The choices whose default a platform team may set (`microserviceScaffolder.defaults`). */
export type DefaultChoices = Partial<
  Record<keyof typeof preferredDefaults, string>
>;

/** The values with the default first; zod and the form take the first as default. */
function defaultFirst(
  values: string[],
  what: keyof typeof preferredDefaults,
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
  const preferred: string = wanted ?? preferredDefaults[what];
  const ordered = values.includes(preferred)
    ? [preferred, ...values.filter(value => value !== preferred)]
    : values;
  return ordered as [string, ...string[]];
}

/** Values the installed layers offer for one form option (e.g. ci), then "none". */
function optionValues(catalog: BlueprintCatalog, option: string): string[] {
  const offered = [...catalog.layers.values()].flatMap(layer =>
    layer.manifest.option?.name === option ? [layer.manifest.option.value] : [],
  );
  return [...offered.sort(), NONE];
}

/**
 * The form's choices follow what is installed: a platform team's layer adds its value, and its
 * configured defaults come first.
 */
export function installedChoices(
  catalog: BlueprintCatalog,
  configured: DefaultChoices = {},
): InstalledChoices {
  return {
    stacks: defaultFirst(
      [...catalog.stacks.keys()].sort(),
      'stack',
      configured,
    ),
    ci: defaultFirst(optionValues(catalog, 'ci'), 'ci', configured),
    deployment: defaultFirst(
      optionValues(catalog, 'deployment'),
      'deployment',
      configured,
    ),
  };
}
