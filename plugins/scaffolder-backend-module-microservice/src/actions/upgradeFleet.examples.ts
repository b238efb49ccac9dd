import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify as stringifyYaml } from 'yaml';

/** Each example is a template step; `upgradeFleet.test.ts` runs every one of them. */
export const examples: TemplateExample[] = [
  {
    description: 'Upgrade every service made from the Microservice template',
    example: stringifyYaml({
      steps: [
        {
          id: 'upgrade',
          action: 'microservice:upgrade:fleet',
          name: 'Upgrade the services',
          input: { templateRef: 'template:default/microservice' },
        },
      ],
    }),
  },
  {
    description: 'Upgrade two chosen services, two at a time',
    example: stringifyYaml({
      steps: [
        {
          id: 'upgrade',
          action: 'microservice:upgrade:fleet',
          name: 'Upgrade the chosen services',
          input: {
            entityRefs: [
              'component:default/orders-service',
              'component:default/billing-service',
            ],
            concurrency: 2,
          },
        },
      ],
    }),
  },
];
