import { z } from 'zod';

/** Toolchain facts a stack declares once; layers, docs and the verification harness read them. */
const stackFactsSchema = z
  .object({
    language: z.string().describe('Programming language, e.g. python'),
    languageVersion: z
      .string()
      .describe('Language version the service targets'),
    runtimeImage: z.string().describe('Base image of the runtime stage'),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .describe('Port the service listens on'),
    health: z.object({
      liveness: z.string().startsWith('/'),
      readiness: z.string().startsWith('/'),
    }),
    metricsPath: z.string().startsWith('/'),
    openapi: z.object({
      path: z
        .string()
        .startsWith('/')
        .describe('Where the running service serves its OpenAPI document'),
      file: z
        .string()
        .describe('Where the OpenAPI document is kept in the repository'),
    }),
    dependencyEcosystem: z.string().describe('Dependabot package ecosystem'),
    commands: z.object({
      install: z.string(),
      lint: z.string(),
      typecheck: z.string(),
      test: z.string(),
      migrate: z.string(),
      start: z.string(),
      setup: z
        .string()
        .optional()
        .describe(
          'Run once before install: creates the isolated environment (e.g. a venv)',
        ),
      activate: z
        .string()
        .optional()
        .describe(
          'Sourced before every later command (e.g. `. .venv/bin/activate`)',
        ),
      migrateDown: z.string().optional().describe('Undoes every migration'),
      database: z
        .string()
        .optional()
        .describe(
          'Starts a local database for development (e.g. `docker compose up -d db`)',
        ),
      e2e: z
        .string()
        .optional()
        .describe(
          'Smoke tests of the booted service, given its URL in SERVICE_URL',
        ),
      token: z
        .string()
        .optional()
        .describe(
          'Prints a bearer token allowed every call (services with auth)',
        ),
    }),
  })
  .passthrough();

const commonSchema = {
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'a blueprint name is lowercase kebab case'),
  title: z.string(),
  description: z.string(),
  version: z.string(),
  conditions: z.record(z.string(), z.string()).default({}),
};

const stackManifestSchema = z.object({
  kind: z.literal('stack'),
  ...commonSchema,
  facts: stackFactsSchema,
});

const layerManifestSchema = z.object({
  kind: z.literal('layer'),
  ...commonSchema,
  option: z
    .object({ name: z.string(), value: z.string() })
    .optional()
    .describe('The form choice this layer implements, e.g. ci=github-actions'),
  when: z
    .string()
    .optional()
    .describe(
      'A nunjucks expression over `spec`; the layer is included when it is true',
    ),
});

export const blueprintManifestSchema = z.discriminatedUnion('kind', [
  stackManifestSchema,
  layerManifestSchema,
]);

export type StackFacts = z.infer<typeof stackFactsSchema>;
export type StackManifest = z.infer<typeof stackManifestSchema>;
export type LayerManifest = z.infer<typeof layerManifestSchema>;
export type BlueprintManifest = z.infer<typeof blueprintManifestSchema>;

/** A manifest together with the folder it was read from. */
export type Blueprint<M extends BlueprintManifest = BlueprintManifest> = {
  manifest: M;
  /** Absolute path of the folder holding `blueprint.yaml` and `files/`. */
  directory: string;
};

export type Stack = Blueprint<StackManifest>;
export type Layer = Blueprint<LayerManifest>;
