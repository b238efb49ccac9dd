import type { BlueprintCatalog } from '../engine';
import { preferredDefaults } from './rules';
import type { InstalledChoices } from './serviceInput';

const NONE = 'none';

/** The values with the preferred default first; zod and the form take the first as default. */
function defaultFirst(
  values: string[],
  what: keyof typeof preferredDefaults,
): [string, ...string[]] {
  if (values.length === 0) {
    throw new Error(`No ${what} blueprints are installed`);
  }
  const preferred: string = preferredDefaults[what];
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

/** The form's choices follow what is installed: a platform team's layer adds its value. */
export function installedChoices(catalog: BlueprintCatalog): InstalledChoices {
  return {
    stacks: defaultFirst([...catalog.stacks.keys()].sort(), 'stack'),
    ci: defaultFirst(optionValues(catalog, 'ci'), 'ci'),
    deployment: defaultFirst(optionValues(catalog, 'deployment'), 'deployment'),
  };
}
