import { z } from 'zod';
import { fieldTypes } from '../../request/fieldTypes';
import { commandListSchema } from './commands';
import { commonManifestFields } from './common';

const words = z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]);

/** What the stack's language makes of names: checked against the request before any side effect. */
const languageSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9+#-]*$/)
      .describe('The language in lowercase, e.g. python (a catalog tag)'),
    title: z
      .string()
      .min(1)
      .describe('The language as people write it, e.g. Python'),
    version: z
      .string()
      .min(1)
      .describe(
        'The language version the service targets: the one place it is stated',
      ),
    packageName: z
      .string()
      .min(1)
      .describe(
        'How the service becomes a package or module name: a nunjucks expression over spec, e.g. "{{ spec.name.snake }}"',
      ),
    packageIsIdentifier: z
      .boolean()
      .default(true)
      .describe(
        'Whether code spells the package name as identifiers (a Python module, a Java package), so no segment may be a keyword; an npm package or a Go module path is not',
      ),
    reserved: z
      .object({
        identifiers: words.describe(
          'Keywords: no generated identifier (package, resource, field, enum value) may be one, in the forms the stack uses',
        ),
        packages: words.describe(
          'Standard-library and dependency modules the package name would shadow',
        ),
        modules: words.describe(
          'Modules the generated code has already; a resource cannot be named like one',
        ),
      })
      .strict()
      .default({ identifiers: [], packages: [], modules: [] }),
    types: z
      .object(
        Object.fromEntries(
          fieldTypes.map(type => [type, z.record(z.string(), z.string())]),
        ) as Record<
          (typeof fieldTypes)[number],
          z.ZodRecord<z.ZodString, z.ZodString>
        >,
      )
      .strict()
      .describe(
        'The one table of how each field type is written in this stack (language type, column type, …); values are nunjucks over `field`, read as `fields[i].types.<aspect>`',
      ),
  })
  .strict();

const runtimeSchema = z
  .object({
    image: z.string().min(1).describe('Base image of the runtime stage'),
    user: z
      .number()
      .int()
      .min(1)
      .default(10001)
      .describe('Numeric user (and group) the container runs as; never root'),
    shell: z
      .boolean()
      .describe(
        'Whether the image has /bin/sh: without one (distroless), probes and jobs run the binary directly',
      ),
    port: z
      .number()
      .int()
      .min(1024)
      .max(65535)
      .describe('The port the service listens on'),
    portVariable: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .default('PORT')
      .describe('The environment variable that tells the service its port'),
    migrate: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        'How the image applies the migrations, in exec form (no shell): the migration Job, the Helm hook and compose run it',
      ),
  })
  .strict();

const ciSchema = z
  .object({
    image: z
      .string()
      .min(1)
      .describe(
        'Image with the toolchain; every CI provider runs the commands in it',
      ),
    coverage: z
      .object({
        report: z.string().min(1).describe('File the test command writes'),
        format: z.enum(['cobertura', 'jacoco', 'lcov']).describe('Its format'),
      })
      .strict(),
    cache: z
      .object({
        paths: z
          .array(z.string().min(1))
          .min(1)
          .describe('Download caches to keep between runs'),
        key: z
          .array(z.string().min(1))
          .min(1)
          .describe('Files whose content keys the cache (the lockfile)'),
      })
      .strict(),
  })
  .strict();

export const stackManifestSchema = z
  .object({
    kind: z.literal('stack'),
    ...commonManifestFields,
    language: languageSchema,
    runtime: runtimeSchema,
    ci: ciSchema,
    dependencies: z
      .object({
        ecosystem: z
          .string()
          .min(1)
          .describe('Dependabot package ecosystem, e.g. pip'),
        lockfile: z
          .string()
          .min(1)
          .describe('The committed lockfile, e.g. uv.lock'),
        manager: z
          .object({
            name: z
              .string()
              .regex(/^[a-z][a-z0-9-]*$/)
              .describe('Its command, e.g. uv'),
            version: z
              .string()
              .regex(/^\d+\.\d+\.\d+$/)
              .describe('The exact version the lockfile is written with'),
          })
          .strict()
          .optional()
          .describe(
            "The package manager, when the language's toolchain does not bring it (uv for Python); the harness provisions it",
          ),
      })
      .strict(),
    commands: commandListSchema,
  })
  .strict();

export type StackManifest = z.infer<typeof stackManifestSchema>;
