import { z } from 'zod';

/**
 * What each developer command does. The harness, CI layers, README, TechDocs and the task's Next
 * steps find a command by its role; the manifest's order is the order a developer runs them in.
 */
export const commandRoles = {
  setup:
    'once, before install: creates the isolated environment (e.g. a virtualenv)',
  activate: 'sourced before every later command (e.g. `. .venv/bin/activate`)',
  install: 'installs the dependencies exactly as the lockfile says',
  database:
    'starts a local database for development (e.g. `docker compose up -d db`)',
  migrate: 'applies every migration to DATABASE_URL',
  migrateDown: 'undoes every migration (development databases only)',
  lint: 'lints and checks formatting; changes nothing',
  typecheck: 'type-checks or compiles',
  test: 'unit and integration tests, against TEST_DATABASE_URL (never DATABASE_URL)',
  start: 'runs the service, listening on the port in the port variable',
  e2e: 'smoke tests of the running service at SERVICE_URL',
  token: 'prints a development bearer token allowed every write (auth "jwt")',
} as const;

export type CommandRole = keyof typeof commandRoles;

/**
 * Roles that mean something only for some requests: a stack still declares them (the harness
 * runs them when they apply), but the README and docs list them only then.
 */
export const commandRoleApplies: Partial<
  Record<CommandRole, (spec: { auth: string }) => boolean>
> = {
  token: spec => spec.auth === 'jwt',
};

const roles = Object.keys(commandRoles) as [CommandRole, ...CommandRole[]];

/** Roles every stack must declare: the harness and the CI layers run them. */
export const requiredCommandRoles: readonly CommandRole[] = [
  'install',
  'migrate',
  'migrateDown',
  'lint',
  'typecheck',
  'test',
  'start',
  'e2e',
  'token',
];

export const commandSchema = z
  .object({
    role: z.enum(roles).describe('What the command does (see commandRoles)'),
    run: z
      .string()
      .min(1)
      .describe('Shell command, run from the repository root'),
    title: z
      .string()
      .min(1)
      .describe('What a developer reads in the README and Next steps'),
  })
  .strict();

export type Command = z.infer<typeof commandSchema>;

export const commandListSchema = z
  .array(commandSchema)
  .superRefine((commands, ctx) => {
    const seen = new Set<string>();
    for (const [index, command] of commands.entries()) {
      if (seen.has(command.role)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'role'],
          message: `role "${command.role}" is declared twice`,
        });
      }
      seen.add(command.role);
    }
    for (const role of requiredCommandRoles) {
      if (!seen.has(role)) {
        ctx.addIssue({
          code: 'custom',
          message: `a stack must declare a "${role}" command (${commandRoles[role]})`,
        });
      }
    }
    if (seen.has('activate') && !seen.has('setup')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'an "activate" command needs the "setup" command that creates what it activates',
      });
    }
  })
  .describe('The developer commands, in the order a developer runs them');
