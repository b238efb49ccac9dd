import { z } from 'zod';
import { layerManifestSchema, type LayerManifest } from './layerManifest';
import { stackManifestSchema, type StackManifest } from './stackManifest';

export const blueprintManifestSchema = z.discriminatedUnion('kind', [
  stackManifestSchema,
  layerManifestSchema,
]);

export type BlueprintManifest = z.infer<typeof blueprintManifestSchema>;
export type { LayerManifest, StackManifest };
export {
  commandRoleApplies,
  commandRoles,
  requiredCommandRoles,
} from './commands';
export type { Command, CommandRole } from './commands';
