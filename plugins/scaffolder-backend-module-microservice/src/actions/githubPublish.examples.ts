import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify as stringifyYaml } from 'yaml';

/** Each example is a template step; `githubPublish.test.ts` runs every one of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Publish the rendered service to a new repository, safely re-run when the task is resumed',
    example: stringifyYaml({
      steps: [
        {
          id: 'publish',
          action: 'microservice:github:publish',
          name: 'Create the repository',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders-service',
            description: 'Orders, from order to delivery',
            sourcePath: 'service',
            gitCommitMessage: 'Initial commit from the Microservice template',
          },
        },
      ],
    }),
  },
];
