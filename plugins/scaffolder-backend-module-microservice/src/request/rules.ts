/**
 * The rules every form value must satisfy. They are declared once here and read by the
 * action's zod schema, by the template's JSON schema check and by the docs, so the form and
 * the action can never disagree.
 */
export interface TextRule {
  pattern: string;
  maxLength: number;
  /** Said to the user when the pattern does not match: words, not a regex. */
  message: string;
}

/** Whether `value` matches the rule's pattern within its length. */
export function satisfiesRule(rule: TextRule, value: string): boolean {
  return value.length <= rule.maxLength && new RegExp(rule.pattern).test(value);
}

/**
 * A service name must be valid at once as a Kubernetes DNS-1123 label, a Docker image name,
 * a GitHub repository name and, after case conversion, a Python/Go/Java/npm package name.
 * 40 characters leaves room for suffixes such as `-migrations` within Kubernetes' 63.
 */
export const serviceNameRule: TextRule = {
  pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
  maxLength: 40,
  message:
    'must use lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen (e.g. "orders-service"), at most 40 characters',
};

/** The resource the service manages, in singular form; it becomes table, route and class names. */
export const resourceNameRule: TextRule = {
  pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$',
  maxLength: 30,
  message:
    'must be a singular noun in lowercase letters, digits and underscores, starting with a letter (e.g. "item" or "order_line"), at most 30 characters',
};

/**
 * A field of the resource: it becomes a column, a JSON property and an identifier in every
 * language (snake, camel and Pascal case), so the same characters as a resource name. 40
 * characters keeps derived names (`min_<field>`, index and constraint names) within
 * PostgreSQL's 63.
 */
export const fieldNameRule: TextRule = {
  pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$',
  maxLength: 40,
  message:
    'must use lowercase letters, digits and underscores, starting with a letter (e.g. "due_date"), at most 40 characters',
};

/** One value of an enum field: it becomes a constant in every language and a JSON string. */
export const enumValueRule: TextRule = {
  pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$',
  maxLength: 40,
  message:
    'must use lowercase letters, digits and underscores, starting with a letter (e.g. "in_progress"), at most 40 characters',
};

/** A catalog entity name (system) or reference (owner), as Backstage accepts them. */
export const entityRefRule: TextRule = {
  pattern:
    '^([a-zA-Z][a-zA-Z0-9_-]*:)?([a-zA-Z0-9][a-zA-Z0-9._-]*/)?[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$',
  maxLength: 253,
  message:
    'must be a catalog entity reference such as "team-a" or "group:default/team-a"',
};

/**
 * Free text (the description): any Unicode on one line, at most 300 characters. Line breaks
 * (CR, LF, NEL, U+2028/U+2029) and other control characters are rejected rather than escaped:
 * the description also becomes the GitHub repository description and one-line slots such as
 * pyproject's `description`, where a line break is not allowed. Everything else — quotes, `#`,
 * `:`, `{{ }}`, `${{ }}`, `{% %}`, backticks, `$()`, HTML — is accepted and escaped per file type
 * by the blueprints' filters; it is never evaluated as a template.
 */
export const descriptionRule: TextRule = {
  pattern: '^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F-\\u009F\\u2028\\u2029]*$',
  maxLength: 300,
  message:
    'must use one line of text without line breaks or control characters, at most 300 characters',
};

/** Unpaired UTF-16 surrogates cannot be written as UTF-8; they are not text. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The folder inside the workspace the service is rendered into: relative, segments of letters,
 * digits, `.`, `_` and `-` not starting with a dot, so no `..`, absolute path, backslash, NUL or
 * control character can reach a path.
 */
export const targetPathRule: TextRule = {
  pattern: '^(\\.|[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*)$',
  maxLength: 200,
  message:
    'must be a relative folder such as "service" or "apps/orders": letters, digits, ".", "_" and "-", segments not starting with a dot',
};

/**
 * The repository owner and name in `repoUrl`. They become the image name
 * (ghcr.io/<owner>/<repo>), URLs and the CODEOWNERS handle, so they must be valid as Docker
 * path components too: GitHub's account rule for the owner, and for the name letters and digits
 * separated by single `.`, `_` or `-`.
 */
export const repositoryOwnerRule: TextRule = {
  pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$',
  maxLength: 39,
  message:
    'the repository owner must be a GitHub account: letters, digits and single hyphens, at most 39 characters',
};

export const repositoryNameRule: TextRule = {
  pattern: '^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$',
  maxLength: 100,
  message:
    'the repository name must be letters and digits separated by single ".", "_" or "-", at most 100 characters',
};

/**
 * The domain the service is published under (ingress hosts `<name>.<domain>` and
 * `<name>.staging.<domain>`): lowercase DNS labels, at least two. 180 characters keeps the
 * longest host within DNS's 253.
 */
export const domainRule: TextRule = {
  pattern:
    '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$',
  maxLength: 180,
  message:
    'must be a lowercase DNS domain such as "example.com" or "apps.acme.io": labels of letters, digits and inner hyphens, separated by dots',
};

/** How many replicas production keeps at least; the autoscaler may add up to three times as many. */
export const productionReplicasRule = { minimum: 2, maximum: 20 } as const;

/**
 * A JWT `aud` or `iss` value, e.g. "orders-service" or "https://auth.acme.io/": the characters of
 * a URL without query or fragment. It is written into settings and docs of every language, so
 * quotes, spaces, `$` and braces are kept out rather than escaped per file type.
 */
export const tokenClaimRule: TextRule = {
  pattern: '^[A-Za-z0-9][A-Za-z0-9._~:/@%-]*$',
  maxLength: 200,
  message:
    'must be a name or URL such as "orders-service" or "https://auth.acme.io/": letters, digits and . _ ~ : / @ % -',
};

/**
 * The container registry images are pushed to and pulled from: a host with an optional port,
 * e.g. "ghcr.io" or "registry.acme.io:5000". A platform setting, not a form value.
 */
export const imageRegistryRule: TextRule = {
  pattern: '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$',
  maxLength: 100,
  message:
    'must be a registry host with an optional port, such as "ghcr.io" or "registry.acme.io:5000"',
};

/** Where images go unless a platform team configures `microserviceScaffolder.imageRegistry`. */
export const DEFAULT_IMAGE_REGISTRY = 'ghcr.io';

export const lifecycles = ['experimental', 'production', 'deprecated'] as const;
export const databases = ['postgresql'] as const;
export const authModes = ['none', 'jwt'] as const;

export type Lifecycle = (typeof lifecycles)[number];
export type Database = (typeof databases)[number];
export type AuthMode = (typeof authModes)[number];

/** What a request gets when it does not say; a value that is not installed falls back to the first installed. */
export const preferredDefaults = {
  stack: 'python-fastapi',
  ci: 'github-actions',
  deployment: 'kubernetes',
} as const;
