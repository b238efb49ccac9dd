import type { Config } from '@backstage/config';
import { builtInBlueprintsDirectory } from './engine';
import type { DefaultChoices } from './request';

/**
 * Our blueprints first, then each folder a platform team lists under
 * `microserviceScaffolder.blueprintDirectories`; a later folder's blueprint of the same name wins.
 */
export function blueprintDirectoriesFromConfig(config: Config): string[] {
  const extra =
    config.getOptionalStringArray(
      'microserviceScaffolder.blueprintDirectories',
    ) ?? [];
  return [builtInBlueprintsDirectory(), ...extra];
}

/**
 * `microserviceScaffolder.defaults`: what a request gets for the stack and each option (ci,
 * deployment, or a platform layer's own) when it does not say.
 */
export function defaultChoicesFromConfig(config: Config): DefaultChoices {
  const defaults = config.getOptionalConfig('microserviceScaffolder.defaults');
  return Object.fromEntries(
    (defaults?.keys() ?? []).map(key => [key, defaults!.getString(key)]),
  );
}

/** `microserviceScaffolder.imageRegistry`: the registry host images go to (default ghcr.io). */
export function imageRegistryFromConfig(config: Config): string | undefined {
  return config.getOptionalString('microserviceScaffolder.imageRegistry');
}
