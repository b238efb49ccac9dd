import { parseEntityRef } from '@backstage/catalog-model';
import type { ServiceInput } from './serviceInput';
import { nameForms, pluralName } from './nameForms';
import { DEFAULT_IMAGE_REGISTRY } from './rules';
import type {
  EnvironmentSpec,
  RepositoryRef,
  ServiceSpec,
} from './serviceSpec';

/** Production may scale out to this many times its minimum; staging stays small and cheap. */
const PRODUCTION_SCALE_OUT = 3;
const STAGING_REPLICAS = { min: 1, max: 2 };

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

function environments(
  input: ServiceInput,
  serviceName: string,
): { staging: EnvironmentSpec; production: EnvironmentSpec } {
  return {
    staging: {
      host: `${serviceName}.staging.${input.domain}`,
      replicas: STAGING_REPLICAS,
    },
    production: {
      host: `${serviceName}.${input.domain}`,
      replicas: {
        min: input.productionReplicas,
        max: input.productionReplicas * PRODUCTION_SCALE_OUT,
      },
    },
  };
}

/**
 * The owner as a code-review handle (CODEOWNERS): a group is a team of the repository's
 * organisation (@acme/team-a), a user is a user (@jdoe). A bare name is a group, as in the catalog.
 */
function ownerHandle(owner: string, repositoryOwner: string): string {
  const { kind, name } = parseEntityRef(owner, { defaultKind: 'group' });
  return kind.toLowerCase() === 'user'
    ? `@${name}`
    : `@${repositoryOwner}/${name}`;
}

/**
 * Turns validated form values into the spec every blueprint reads. Each derived name is
 * computed here, once; blueprints never convert case or pluralise on their own.
 */
export function normaliseServiceInput(
  input: ServiceInput,
  repository: RepositoryLocation,
  imageRegistry: string = DEFAULT_IMAGE_REGISTRY,
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
    ownerHandle: ownerHandle(input.owner, repository.owner),
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
    jwt: {
      audience: input.jwtAudience ?? name.kebab,
      issuer: input.jwtIssuer ?? '',
    },
    observability: { metrics: input.metrics, tracing: input.tracing },
    ci: input.ci,
    deployment: input.deployment,
    environments: environments(input, name.kebab),
    repository: repositoryRef,
    imageRegistry,
    image: `${imageRegistry}/${repository.owner.toLowerCase()}/${repository.repo.toLowerCase()}`,
    packages: {
      python: name.snake,
      npm: name.kebab,
      go: `${repository.host}/${repository.owner}/${repository.repo}`,
      java: javaPackage(repository, name.snake),
    },
  };
}
