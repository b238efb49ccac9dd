import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { catalogModuleMicroserviceTemplate } from './module';

jest.setTimeout(60_000);

describe('catalogModuleMicroserviceTemplate in a Backstage backend', () => {
  it('serves the Microservice template with the installed choices', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogScaffolderModule,
        catalogModuleMicroserviceTemplate,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Template'] }],
              locations: [
                {
                  type: 'file',
                  target: path.resolve(
                    __dirname,
                    '../../../templates/microservice/template.yaml',
                  ),
                },
              ],
            },
            microserviceScaffolder: { defaults: { deployment: 'helm' } },
          },
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const url = `http://localhost:${port}/api/catalog/entities/by-name/template/default/microservice`;
      let template: any;
      for (let attempt = 0; attempt < 100 && !template; attempt++) {
        const response = await fetch(url, {
          headers: { Authorization: mockCredentials.user.header() },
        });
        if (response.ok) template = await response.json();
        else await new Promise(resolve => setTimeout(resolve, 200));
      }
      const delivery = template.spec.parameters.find(
        (page: any) => page.title === 'Delivery',
      );
      expect(delivery.properties.deployment).toMatchObject({
        enum: ['helm', 'kubernetes', 'none'],
        default: 'helm',
      });
    } finally {
      await backend.stop();
    }
  });
});
