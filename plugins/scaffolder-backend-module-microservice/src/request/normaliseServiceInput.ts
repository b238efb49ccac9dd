import { parseEntityRef } from '@backstage/catalog-model';
import { apiContract } from '../api/apiContract';
import { ingressPaths } from '../api/ingressPaths';
import { databaseSpec } from './database';
import { SECURITY_SCANNERS } from './securityScanners';
import { normaliseFields } from './fieldSpec';
import type { FieldInput } from './fieldInput';
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
/** The catalog file every repository holds, and the namespace of its entities. */
const CATALOG_FILE = 'catalog-info.yaml';
const ENTITY_NAMESPACE = 'default';
/** A new service's own version. */
const INITIAL_VERSION = '0.1.0';
const STAGING_REPLICAS = { min: 1, max: 2 };

export interface RepositoryLocation {
  host: string;
  owner: string;
  repo: string;
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
  optionNames: string[] = [],
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
  const resource = {
    singular: nameForms(input.resource),
    plural: nameForms(plural),
    table: nameForms(plural).snake,
    route: nameForms(plural).kebab,
    fields: normaliseFields(input.fields as FieldInput[]),
  };
  const spec: Omit<ServiceSpec, 'api' | 'ingress'> = {
    name,
    description: input.description,
    version: INITIAL_VERSION,
    owner: input.owner,
    catalog: {
      file: CATALOG_FILE,
      namespace: ENTITY_NAMESPACE,
      componentRef: `component:${ENTITY_NAMESPACE}/${name.kebab}`,
      apiRef: `api:${ENTITY_NAMESPACE}/${name.kebab}`,
    },
    ownerHandle: ownerHandle(input.owner, repository.owner),
    system: input.system,
    lifecycle: input.lifecycle,
    stack: input.stack,
    database: databaseSpec(
      name.snake,
      input.productionReplicas * PRODUCTION_SCALE_OUT,
    ),
    resource,
    auth: input.auth,
    jwt: {
      audience: input.jwtAudience ?? name.kebab,
      issuer: input.jwtIssuer ?? '',
    },
    observability: { metrics: input.metrics, tracing: input.tracing },
    options: Object.fromEntries(
      optionNames.map(option => [option, String(input[option] ?? 'none')]),
    ),
    environments: environments(input, name.kebab),
    repository: repositoryRef,
    imageRegistry,
    image: `${imageRegistry}/${repository.owner.toLowerCase()}/${repository.repo.toLowerCase()}`,
    securityScanners: SECURITY_SCANNERS,
  };
  const api = apiContract(spec);
  return {
    ...spec,
    api,
    ingress: {
      docsPublished: input.publicApiDocs,
      paths: ingressPaths(api, input.publicApiDocs),
    },
  };
}
