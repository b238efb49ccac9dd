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

/**
 * A service name must be valid at once as a Kubernetes DNS-1123 label, a Docker image name,
 * a GitHub repository name and, after case conversion, a Python/Go/Java/npm package name.
 * 40 characters leaves room for suffixes such as `-migrations` within Kubernetes' 63.
 */
export const serviceNameRule: TextRule = {
  pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
  maxLength: 40,
  message:
    'use lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen (e.g. "orders-service"), at most 40 characters',
};

/** The resource the service manages, in singular form; it becomes table, route and class names. */
export const resourceNameRule: TextRule = {
  pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$',
  maxLength: 30,
  message:
    'use a singular noun in lowercase letters, digits and underscores, starting with a letter (e.g. "item" or "order_line"), at most 30 characters',
};

/** A catalog entity name (system) or reference (owner), as Backstage accepts them. */
export const entityRefRule: TextRule = {
  pattern:
    '^([a-zA-Z][a-zA-Z0-9_-]*:)?([a-zA-Z0-9][a-zA-Z0-9._-]*/)?[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$',
  maxLength: 253,
  message:
    'use a catalog entity reference such as "team-a" or "group:default/team-a"',
};

/** One line of free text; newlines are kept out so the value fits every file format's one-line slots. */
export const descriptionRule = {
  maxLength: 300,
};

export const lifecycles = ['experimental', 'production', 'deprecated'] as const;
export const databases = ['postgresql'] as const;
export const authModes = ['none', 'jwt'] as const;
export const ciProviders = [
  'github-actions',
  'gitlab-ci',
  'jenkins',
  'none',
] as const;
export const deploymentTargets = ['kubernetes', 'helm', 'none'] as const;

export type Lifecycle = (typeof lifecycles)[number];
export type Database = (typeof databases)[number];
export type AuthMode = (typeof authModes)[number];
export type CiProvider = (typeof ciProviders)[number];
export type DeploymentTarget = (typeof deploymentTargets)[number];

/** What a request gets when it does not say; a value that is not installed falls back to the first installed. */
export const preferredDefaults = {
  stack: 'python-fastapi',
  ci: 'github-actions',
  deployment: 'kubernetes',
} as const;
