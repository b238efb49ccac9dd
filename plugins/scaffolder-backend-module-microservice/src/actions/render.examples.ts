import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify as stringifyYaml } from 'yaml';

/** Each example is a template step; `render.examples.test.ts` runs every one of them. */
export const examples: TemplateExample[] = [
  {
    description: 'Render a Python/FastAPI service with the defaults',
    example: stringifyYaml({
      steps: [
        {
          id: 'render',
          action: 'microservice:render',
          name: 'Render the service',
          input: {
            name: 'orders-service',
            owner: 'group:default/team-a',
            repoUrl: 'github.com?owner=acme&repo=orders-service',
          },
        },
      ],
    }),
  },
  {
    description:
      'Render from the form values of a template, with auth and tracing on, into a sub-folder',
    example: stringifyYaml({
      steps: [
        {
          id: 'render',
          action: 'microservice:render',
          name: 'Render the service',
          input: {
            name: '${{ parameters.name }}',
            description: '${{ parameters.description }}',
            owner: '${{ parameters.owner }}',
            system: '${{ parameters.system }}',
            stack: 'python-fastapi',
            resource: 'invoice',
            auth: 'jwt',
            tracing: true,
            repoUrl: '${{ parameters.repoUrl }}',
            targetPath: 'service',
          },
        },
      ],
    }),
  },
];
