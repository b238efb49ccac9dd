import type { BlueprintCatalog } from '../engine';
import type { InstalledChoices } from './serviceInput';

const NONE = 'none';

function nonEmpty(values: string[], what: string): [string, ...string[]] {
  if (values.length === 0)
    throw new Error(`No ${what} blueprints are installed`);
  return values as [string, ...string[]];
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
    stacks: nonEmpty([...catalog.stacks.keys()].sort(), 'stack'),
    ci: nonEmpty(optionValues(catalog, 'ci'), 'ci'),
    deployment: nonEmpty(optionValues(catalog, 'deployment'), 'deployment'),
  };
}
