import type { Entity } from '@backstage/catalog-model';
import { capitalCase } from 'change-case';
import {
  NO_OPTION,
  RENDER_ACTION_ID,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import type { FormChoice, FormChoices } from './formChoices';

/** A template opts in with this annotation set to "true". */
export const INSTALLED_CHOICES_ANNOTATION =
  'microservice-scaffolder/installed-choices';

type Schema = Record<string, any>;

function choiceFields(choices: FormChoice[]) {
  return {
    enum: choices.map(choice => choice.value),
    enumNames: choices.map(choice => choice.title),
    default: choices[0].value,
  };
}

/** The `dependencies.<option>.oneOf` branches: "none" keeps its branch, every other value the other. */
function rewriteBranches(page: Schema, option: string, choices: FormChoice[]) {
  const branches: Schema[] | undefined = page.dependencies?.[option]?.oneOf;
  if (!branches) return;
  const chosen = choices.map(c => c.value).filter(v => v !== NO_OPTION);
  const kept = branches.filter(branch => {
    const values: string[] = branch.properties?.[option]?.enum ?? [];
    if (values.includes(NO_OPTION)) return true;
    branch.properties[option].enum = chosen;
    return chosen.length > 0;
  });
  page.dependencies[option].oneOf = kept;
}

/**
 * The template with the choices the installed blueprints offer: `stack` and each option field
 * (ci, deployment, …) get their values, titles and default; conditional branches follow; an
 * option a platform team's layer adds gets a field next to the others and is passed to
 * `microservice:render`. Templates without the annotation are returned as they are.
 */
export function withInstalledChoices(
  entity: Entity,
  choices: FormChoices,
): Entity {
  if (
    entity.kind !== 'Template' ||
    entity.metadata.annotations?.[INSTALLED_CHOICES_ANNOTATION] !== 'true'
  ) {
    return entity;
  }
  const template = structuredClone(entity) as Entity & { spec: Schema };
  const pages: Schema[] = [template.spec.parameters ?? []].flat();
  const byField: Record<string, FormChoice[]> = {
    stack: choices.stacks,
    ...choices.options,
  };
  const placed = new Set<string>();
  let optionPage: Schema | undefined;
  for (const page of pages) {
    for (const [field, fieldChoices] of Object.entries(byField)) {
      const property = page.properties?.[field];
      if (!property) continue;
      Object.assign(property, choiceFields(fieldChoices));
      rewriteBranches(page, field, fieldChoices);
      placed.add(field);
      if (field !== 'stack') optionPage ??= page;
    }
  }
  const added = Object.keys(choices.options).filter(name => !placed.has(name));
  for (const option of added) {
    const page = optionPage ?? pages.at(-1)!;
    page.properties ??= {};
    page.properties[option] = {
      title: capitalCase(option),
      type: 'string',
      description: `Which ${capitalCase(option).toLowerCase()} the service gets, from the installed layers.`,
      ...choiceFields(choices.options[option]),
    };
  }
  for (const step of template.spec.steps ?? []) {
    if (step.action !== RENDER_ACTION_ID) continue;
    step.input ??= {};
    for (const option of added) {
      step.input[option] = `\${{ parameters.${option} }}`;
    }
  }
  return template;
}
