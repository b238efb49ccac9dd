import { z } from 'zod';

/** What stacks and layers share: identity, version, and files that exist only under a condition. */
export const commonManifestFields = {
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'a blueprint name is lowercase kebab case')
    .describe(
      'Unique among stacks (or layers); a platform team’s blueprint of the same name replaces ours',
    ),
  title: z.string().min(1).describe('Shown in the form and the generated docs'),
  description: z.string().min(1),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'a version is MAJOR.MINOR.PATCH')
    .describe('Recorded in the generated service, so it can be upgraded later'),
  conditions: z
    .record(z.string(), z.string())
    .default({})
    .describe(
      'Glob over paths under files/ (as written) → nunjucks expression; a file matching several globs needs all true',
    ),
};
