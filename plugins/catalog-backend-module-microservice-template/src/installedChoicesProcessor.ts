import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import type { FormChoices } from './formChoices';
import { withInstalledChoices } from './withInstalledChoices';

/** Fills the annotated template's choice fields as entities are processed. */
export class InstalledChoicesProcessor implements CatalogProcessor {
  constructor(private readonly choices: FormChoices) {}

  getProcessorName(): string {
    return 'MicroserviceInstalledChoicesProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    return withInstalledChoices(entity, this.choices);
  }
}
