import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify as stringifyYaml } from 'yaml';

/** Each example is a template step; `upgrade.test.ts` runs every one of them. */
export const examples: TemplateExample[] = [
  {
    description: 'Upgrade one service to the installed blueprints',
    example: stringifyYaml({
      steps: [
        {
          id: 'upgrade',
          action: 'microservice:upgrade',
          name: 'Upgrade the service',
          input: { repoUrl: 'github.com?owner=acme&repo=orders-service' },
        },
      ],
    }),
  },
  {
    description:
      'Upgrade a service and switch on tracing in the same pull request',
    example: stringifyYaml({
      steps: [
        {
          id: 'upgrade',
          action: 'microservice:upgrade',
          name: 'Upgrade the service and add tracing',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders-service',
            answers: { tracing: true },
          },
        },
      ],
    }),
  },
];
