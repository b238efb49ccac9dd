import type { Config } from '@backstage/config';
import { builtInBlueprintsDirectory } from './engine';

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
