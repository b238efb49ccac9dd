import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { TEMPLATE_VERSION_ANNOTATION } from '../engine';

/**
 * The template an upgrade records in `.microservice-scaffolder.yaml`, as a task of it would: its
 * ref and the version its entity declares today.
 */
export async function templateProvenance(
  catalog: CatalogService,
  templateRef: string,
  credentials: BackstageCredentials,
): Promise<{ ref: string; version?: string }> {
  const entity = await catalog.getEntityByRef(templateRef, { credentials });
  return {
    ref: templateRef,
    version: entity?.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION],
  };
}
