import {
  NO_OPTION,
  type BlueprintCatalog,
  type InstalledChoices,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

/** One value a form field offers, with the title the portal shows. */
export interface FormChoice {
  value: string;
  title: string;
}

/** The installed stacks and options, as form choices; the default of each comes first. */
export interface FormChoices {
  stacks: FormChoice[];
  options: Record<string, FormChoice[]>;
}

/** Titles from the manifests: a stack's title, the title of the layer implementing a value. */
export function formChoices(
  catalog: BlueprintCatalog,
  choices: InstalledChoices,
): FormChoices {
  const layerTitle = (option: string, value: string) =>
    [...catalog.layers.values()].find(
      layer =>
        layer.manifest.option?.name === option &&
        layer.manifest.option.value === value,
    )?.manifest.title ?? value;
  return {
    stacks: choices.stacks.map(value => ({
      value,
      title: catalog.stacks.get(value)?.manifest.title ?? value,
    })),
    options: Object.fromEntries(
      Object.entries(choices.options).map(([option, values]) => [
        option,
        values.map(value => ({
          value,
          title: value === NO_OPTION ? 'None' : layerTitle(option, value),
        })),
      ]),
    ),
  };
}
