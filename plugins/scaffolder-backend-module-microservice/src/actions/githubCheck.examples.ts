import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify as stringifyYaml } from 'yaml';

/** Each example is a template step; `githubCheck.test.ts` runs every one of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Check the repository can be created before rendering and publishing',
    example: stringifyYaml({
      steps: [
        {
          id: 'check',
          action: 'microservice:github:check',
          name: 'Check the repository can be created',
          input: { repoUrl: 'github.com?owner=acme&repo=orders-service' },
        },
      ],
    }),
  },
];
