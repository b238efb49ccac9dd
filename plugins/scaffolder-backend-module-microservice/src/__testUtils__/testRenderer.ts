import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { builtInBlueprintsDirectory } from '../engine';
import { createServiceRenderer } from '../renderer';

/** A renderer over the built-in blueprints and the default github.com integration. */
export function builtInRenderer() {
  return createServiceRenderer({
    blueprintDirectories: [builtInBlueprintsDirectory()],
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
}
