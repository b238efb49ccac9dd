import type { ServiceInput } from './serviceInput';
import { nameForms, pluralName } from './nameForms';
import type { RepositoryRef, ServiceSpec } from './serviceSpec';

export interface RepositoryLocation {
  host: string;
  owner: string;
  repo: string;
}

/** The reverse-DNS base of Java packages: github.com + acme → com.github.acme. */
function javaPackage(
  repository: RepositoryLocation,
  serviceSnake: string,
): string {
  const hostParts = repository.host
    .split('.')
    .filter(p => p !== 'www')
    .reverse();
  return [...hostParts, repository.owner, serviceSnake.replace(/_/g, '')]
    .map(part => part.toLowerCase().replace(/[^a-z0-9_]/g, '_'))
    .map(part => (/^[0-9]/.test(part) ? `_${part}` : part))
    .join('.');
}

/**
 * Turns validated form values into the spec every blueprint reads. Each derived name is
 * computed here, once; blueprints never convert case or pluralise on their own.
 */
export function normaliseServiceInput(
  input: ServiceInput,
  repository: RepositoryLocation,
): ServiceSpec {
  const name = nameForms(input.name);
  const plural = pluralName(input.resource);
  const repositoryRef: RepositoryRef = {
    host: repository.host,
    owner: repository.owner,
    name: repository.repo,
    slug: `${repository.owner}/${repository.repo}`,
    url: `https://${repository.host}/${repository.owner}/${repository.repo}`,
  };
  return {
    name,
    description: input.description,
    owner: input.owner,
    system: input.system,
    lifecycle: input.lifecycle,
    stack: input.stack,
    database: input.database,
    resource: {
      singular: nameForms(input.resource),
      plural: nameForms(plural),
      table: nameForms(plural).snake,
      route: nameForms(plural).kebab,
    },
    auth: input.auth,
    observability: { metrics: input.metrics, tracing: input.tracing },
    ci: input.ci,
    deployment: input.deployment,
    repository: repositoryRef,
    image: `ghcr.io/${repository.owner.toLowerCase()}/${repository.repo.toLowerCase()}`,
    packages: {
      python: name.snake,
      npm: name.kebab,
      go: `${repository.host}/${repository.owner}/${repository.repo}`,
      java: javaPackage(repository, name.snake),
    },
  };
}
