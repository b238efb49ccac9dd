import { InputError } from '@backstage/errors';
import { z as zodV3 } from 'zod/v3';
import { DEFAULT_FIELDS, fieldInputSchema } from './fieldInput';
import { fieldLimitBounds } from './fieldTypes';
import { fieldListProblems } from './fieldListProblems';
import { pluralName } from './nameForms';
import { sqlReservedResourceName } from './reservedWords';
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
  /** Each option the installed layers implement (ci, deployment, …): its values, "none" among them. */
  options: Record<string, [string, ...string[]]>;
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
  if (query <= 0) {
    return 'use the form "github.com?owner=acme&repo=orders-service"';
  }
  const params = new URLSearchParams(repoUrl.slice(query + 1));
  // GitHub's form: an owner (user or organisation) and a repository.
  const owner = params.get('owner') ?? '';
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
  return baseInputSchema(z, choices).extend(optionFields(z, choices));
}

const optionDescriptions: Record<string, string> = {
  ci: 'CI/CD provider whose pipeline is generated.',
  deployment: 'How the service is deployed.',
};

/** A field per option the installed layers implement, e.g. `ci` and `deployment`. */
function optionFields(z: typeof zodV3, choices: InstalledChoices) {
  return Object.fromEntries(
    Object.entries(choices.options).map(([option, values]) => [
      option,
      z
        .enum(values)
        .default(values[0])
        .describe(
          optionDescriptions[option] ??
            `Which ${option} layer to add, or "none"; the values follow the installed layers.`,
        ),
    ]),
  );
}

function baseInputSchema(z: typeof zodV3, choices: InstalledChoices) {
  return z.object({
    // Words the chosen stack's language reserves are checked against the stack (see
    // reservedNames.ts), after the request is normalised and before anything is written.
    name: textMatching(z, serviceNameRule).describe(
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
            ? sqlReservedResourceName(resource, pluralName(resource))
            : undefined,
        ),
      )
      .default('item')
      .describe(
        'Singular name of the resource the CRUD API manages, e.g. "invoice".',
      ),
    fields: z
      .array(fieldInputSchema(z))
      .min(fieldLimitBounds.fields.minimum)
      .max(fieldLimitBounds.fields.maximum)
      .superRefine((fields, ctx) => {
        for (const [path, message] of fieldListProblems(fields)) {
          ctx.addIssue({ code: 'custom', path, message });
        }
      })
      .default(DEFAULT_FIELDS)
      .describe(
        'The fields of the resource, in order; the id and the created/updated timestamps are added.',
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
    publicApiDocs: z
      .boolean()
      .default(false)
      .describe(
        'With a deployment: route Swagger UI and the OpenAPI document through the Ingress too; otherwise the Ingress routes only the API and the docs stay inside the cluster.',
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

/** The validated request: the fields above, plus one per installed option (ci, deployment, …). */
export type ServiceInput = zodV3.infer<ReturnType<typeof baseInputSchema>> &
  Record<string, unknown>;

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
  return result.data as ServiceInput;
}
