import { InputError } from '@backstage/errors';
import type { ServiceSpec } from './serviceSpec';

/** The words a stack's language reserves (its manifest's `language`). */
export interface LanguageWords {
  title: string;
  /** The service's package or module name in this language, e.g. orders_service. */
  packageName: string;
  /** Whether code spells the package name as identifiers, segment by segment. */
  packageIsIdentifier: boolean;
  reserved: { identifiers: string[]; packages: string[]; modules: string[] };
}

/** Package names are checked segment by segment: `com.github.acme.orders`, `github.com/acme/x`. */
const segments = (packageName: string) =>
  packageName.split(/[./]/).filter(Boolean);

/**
 * Why the request's names cannot be used with this stack, as `[field, message]`: a keyword in
 * any form the stack's code uses, a package name that shadows a module the service imports, a
 * resource named like a module the stack generates. Checked after normalisation, before any
 * side effect.
 */
export function reservedNameProblems(
  spec: ServiceSpec,
  language: LanguageWords,
): [string, string][] {
  const identifiers = new Set(language.reserved.identifiers);
  const packages = new Set(language.reserved.packages);
  const modules = new Set(language.reserved.modules);
  const keyword = `a ${language.title} keyword`;
  const problems: [string, string][] = [];

  for (const segment of segments(language.packageName)) {
    if (language.packageIsIdentifier && identifiers.has(segment)) {
      problems.push([
        'name',
        `"${segment}" is ${keyword}, which the generated code cannot use as a package name; try "${spec.name.kebab}-service"`,
      ]);
    }
  }
  if (packages.has(language.packageName)) {
    problems.push([
      'name',
      `the ${language.title} package "${language.packageName}" would shadow a standard-library or dependency module of the same name; try "${spec.name.kebab}-service"`,
    ]);
  }

  const { singular, plural } = spec.resource;
  for (const form of new Set([
    singular.snake,
    singular.camel,
    plural.snake,
    plural.camel,
  ])) {
    if (identifiers.has(form)) {
      problems.push([
        'resource',
        `"${form}" is ${keyword}; choose a more specific name such as "${singular.snake}_item" or "customer_${singular.snake}"`,
      ]);
      break;
    }
  }
  if (modules.has(singular.snake) || modules.has(plural.snake)) {
    problems.push([
      'resource',
      `"${singular.snake}" already names a module of the generated service; choose a more specific name such as "${singular.snake}_item"`,
    ]);
  }

  for (const [index, field] of spec.resource.fields.entries()) {
    const form = [field.name.snake, field.name.camel].find(f =>
      identifiers.has(f),
    );
    if (form) {
      problems.push([
        `fields.${index}.name`,
        `"${form}" is ${keyword}; choose a more specific name such as "${field.name.snake}_value"`,
      ]);
    }
  }
  return problems;
}

/** Throws the request's reserved-name problems with this stack as one InputError. */
export function assertNamesAllowed(spec: ServiceSpec, language: LanguageWords) {
  const problems = reservedNameProblems(spec, language);
  if (problems.length > 0) {
    throw new InputError(
      `Invalid service request: ${problems.map(([field, message]) => `${field}: ${message}`).join('; ')}`,
    );
  }
}
