import { InputError } from '@backstage/errors';
import { snakeCase } from 'change-case';
import { z as zodV3 } from 'zod/v3';
import { pluralName } from './nameForms';
import { reservedResourceName, reservedServiceName } from './reservedWords';
import {
  authModes,
  databases,
  descriptionRule,
  domainRule,
  entityRefRule,
  lifecycles,
  LONE_SURROGATE,
  productionReplicasRule,
  repositoryNameRule,
  repositoryOwnerRule,
  satisfiesRule,
  resourceNameRule,
  serviceNameRule,
  targetPathRule,
  TextRule,
  tokenClaimRule,
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
    .max(rule.maxLength, `must be at most ${rule.maxLength} characters`)
    .regex(new RegExp(rule.pattern), rule.message);

/** Adds an issue when `reason` finds something wrong with a value that matched its pattern. */
const rejecting =
  (reason: (value: string) => string | undefined) =>
  (value: string, ctx: zodV3.RefinementCtx) => {
    const problem = reason(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

/**
 * `repoUrl` in RepoUrlPicker form (`host?owner=…&repo=…`). The owner and name are checked here,
 * before rendering, because they reach generated files (image name, URLs, CODEOWNERS).
 */
export function repoUrlProblem(repoUrl: string): string | undefined {
  const query = repoUrl.indexOf('?');
  if (query < 0) {
    return 'use the form "github.com?owner=acme&repo=orders-service"';
  }
  const params = new URLSearchParams(repoUrl.slice(query + 1));
  const owner = params.get('owner') ?? params.get('organization') ?? '';
  const repo = params.get('repo') ?? '';
  if (!satisfiesRule(repositoryOwnerRule, owner))
    return repositoryOwnerRule.message;
  if (!satisfiesRule(repositoryNameRule, repo))
    return repositoryNameRule.message;
  return undefined;
}

/**
 * The render action's input, and so the contract with every template that calls it.
 * Names follow Backstage's template conventions (`name`, `owner`, `system`, `repoUrl`, …).
 */
export function serviceInputSchema(z: typeof zodV3, choices: InstalledChoices) {
  return z.object({
    // Reserved words are looked up only for names that matched their pattern.
    name: textMatching(z, serviceNameRule)
      .superRefine(
        rejecting(name =>
          satisfiesRule(serviceNameRule, name)
            ? reservedServiceName(snakeCase(name))
            : undefined,
        ),
      )
      .describe(
        'Service name: the repository, image, Kubernetes and catalog name, e.g. "orders-service".',
      ),
    description: textMatching(z, descriptionRule)
      .superRefine(
        rejecting(text =>
          LONE_SURROGATE.test(text)
            ? 'unpaired UTF-16 surrogates are not text'
            : undefined,
        ),
      )
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
      .superRefine(
        rejecting(resource =>
          satisfiesRule(resourceNameRule, resource)
            ? reservedResourceName(resource, pluralName(resource))
            : undefined,
        ),
      )
      .default('item')
      .describe(
        'Singular name of the resource the CRUD API manages, e.g. "invoice".',
      ),
    auth: z
      .enum(authModes)
      .default('none')
      .describe(
        'Authentication of write endpoints: "jwt" adds a bearer-token stub.',
      ),
    jwtAudience: textMatching(z, tokenClaimRule)
      .optional()
      .describe(
        'With auth "jwt": the audience (aud claim) tokens must carry; the service name when omitted.',
      ),
    jwtIssuer: textMatching(z, tokenClaimRule)
      .optional()
      .describe(
        'With auth "jwt": the issuer (iss claim) tokens must carry; not checked when omitted.',
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
    domain: textMatching(z, domainRule)
      .default('example.com')
      .describe(
        'With a deployment: the domain of the ingress hosts, <name>.<domain> and <name>.staging.<domain>.',
      ),
    productionReplicas: z
      .number()
      .int()
      .min(productionReplicasRule.minimum)
      .max(productionReplicasRule.maximum)
      .default(3)
      .describe(
        'With a deployment: the replicas production keeps at least; the autoscaler adds up to three times as many.',
      ),
    repoUrl: z
      .string()
      .superRefine(rejecting(repoUrlProblem))
      .describe(
        'Repository location in RepoUrlPicker form, e.g. "github.com?owner=acme&repo=orders-service".',
      ),
    targetPath: textMatching(z, targetPathRule)
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
