import { InputError } from '@backstage/errors';
import { z as zodV3 } from 'zod/v3';
import {
  authModes,
  databases,
  descriptionRule,
  entityRefRule,
  lifecycles,
  resourceNameRule,
  serviceNameRule,
  TextRule,
} from './rules';

/** The values a form offers that depend on which blueprints are installed; the first is the default. */
export interface InstalledChoices {
  stacks: [string, ...string[]];
  ci: [string, ...string[]];
  deployment: [string, ...string[]];
}

const textMatching = (z: typeof zodV3, rule: TextRule) =>
  z
    .string()
    .max(rule.maxLength, `at most ${rule.maxLength} characters`)
    .regex(new RegExp(rule.pattern), rule.message);

/**
 * The render action's input, and so the contract with every template that calls it.
 * Names follow Backstage's template conventions (`name`, `owner`, `system`, `repoUrl`, …).
 */
export function serviceInputSchema(z: typeof zodV3, choices: InstalledChoices) {
  return z.object({
    name: textMatching(z, serviceNameRule).describe(
      'Service name: the repository, image, Kubernetes and catalog name, e.g. "orders-service".',
    ),
    description: z
      .string()
      .max(descriptionRule.maxLength)
      .regex(/^[^\r\n]*$/, 'one line of text')
      .default('')
      .describe('One line saying what the service does.'),
    owner: textMatching(z, entityRefRule).describe(
      'Owning group or user, as an entity reference, e.g. "group:default/team-a".',
    ),
    system: textMatching(z, entityRefRule)
      .optional()
      .describe('The system the service belongs to, e.g. "orders".'),
    lifecycle: z
      .enum(lifecycles)
      .default('experimental')
      .describe('Catalog lifecycle of the service.'),
    stack: z
      .enum(choices.stacks)
      .default(choices.stacks[0])
      .describe('Language and framework of the service.'),
    database: z
      .enum(databases)
      .default('postgresql')
      .describe('Database the service stores its resource in.'),
    resource: textMatching(z, resourceNameRule)
      .default('item')
      .describe(
        'Singular name of the resource the CRUD API manages, e.g. "order".',
      ),
    auth: z
      .enum(authModes)
      .default('none')
      .describe(
        'Authentication of write endpoints: "jwt" adds a bearer-token stub.',
      ),
    metrics: z.boolean().default(true).describe('Expose Prometheus metrics.'),
    tracing: z
      .boolean()
      .default(false)
      .describe(
        'Export OpenTelemetry traces, configured from OTEL_* variables.',
      ),
    ci: z
      .enum(choices.ci)
      .default(choices.ci[0])
      .describe('CI/CD provider whose pipeline is generated.'),
    deployment: z
      .enum(choices.deployment)
      .default(choices.deployment[0])
      .describe('How the service is deployed.'),
    repoUrl: z
      .string()
      .describe(
        'Repository location in RepoUrlPicker form, e.g. "github.com?owner=acme&repo=orders-service".',
      ),
    targetPath: z
      .string()
      .default('.')
      .describe('Folder inside the workspace to render into.'),
  });
}

export type ServiceInput = zodV3.infer<ReturnType<typeof serviceInputSchema>>;

/**
 * Validates raw values (from a form, or a REST caller that bypassed it) and applies defaults.
 * Backstage checks only the JSON schema before the handler runs, which neither applies
 * defaults nor says which rule failed in words.
 */
export function parseServiceInput(
  values: unknown,
  choices: InstalledChoices,
): ServiceInput {
  const result = serviceInputSchema(zodV3, choices).safeParse(values);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid service request: ${problems}`);
  }
  return result.data;
}
