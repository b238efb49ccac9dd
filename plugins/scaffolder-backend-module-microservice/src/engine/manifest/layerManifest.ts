import { z } from 'zod';
import { commonManifestFields } from './common';

const roleName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'a role is lower camel case');

export const layerManifestSchema = z
  .object({
    kind: z.literal('layer'),
    ...commonManifestFields,
    option: z
      .object({
        name: roleName.describe('The form field, e.g. ci'),
        value: z
          .string()
          .regex(/^[a-z][a-z0-9-]*$/)
          .describe(
            'The value of that field this layer is, e.g. github-actions',
          ),
      })
      .strict()
      .optional()
      .describe('The form choice this layer implements'),
    when: z
      .string()
      .optional()
      .describe(
        'A nunjucks expression over spec; the layer is included when it is true',
      ),
    requires: z
      .array(roleName)
      .default([])
      .describe(
        'Roles another selected layer must provide for this one to be included',
      ),
    provides: z
      .record(roleName, z.record(z.string(), z.unknown()))
      .default({})
      .describe(
        'Facts other layers read as `provided.<role>` (strings are nunjucks over spec), e.g. how to deploy',
      ),
  })
  .strict();

export type LayerManifest = z.infer<typeof layerManifestSchema>;
