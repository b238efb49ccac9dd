import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify as stringifyYaml } from 'yaml';

/** Each example is a template step; `catalogCheck.test.ts` runs every one of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Check the catalog can read the published catalog-info.yaml, then register it unless it is registered already',
    example: stringifyYaml({
      steps: [
        {
          id: 'check-catalog',
          action: 'microservice:catalog:check',
          name: 'Check the catalog can read the service',
          input: {
            repoContentsUrl: 'https://github.com/acme/orders-service/blob/main',
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
