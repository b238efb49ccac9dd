import type { AuthMode, Database, Lifecycle } from './rules';

/** Every spelling of one name, computed once so no blueprint converts case on its own. */
export interface NameForms {
  /** orders-service */
  kebab: string;
  /** orders_service */
  snake: string;
  /** OrdersService */
  pascal: string;
  /** ordersService */
  camel: string;
  /** ORDERS_SERVICE */
  constant: string;
  /** Orders Service */
  title: string;
}

/** The entity the generated CRUD API manages, e.g. `item` → table `items`, route `/items`. */
export interface ResourceNames {
  singular: NameForms;
  plural: NameForms;
  /** The database table name (plural snake case). */
  table: string;
  /** The URL segment under the API prefix (plural kebab case). */
  route: string;
}

export interface RepositoryRef {
  /** Host of the repository, e.g. github.com. */
  host: string;
  /** User or organisation that owns the repository. */
  owner: string;
  /** Repository name. */
  name: string;
  /** owner/name, as GitHub's project-slug annotation wants it. */
  slug: string;
  /** Browser URL of the repository. */
  url: string;
}

/** One environment a deployment layer renders (Kubernetes overlay, Helm values file). */
export interface EnvironmentSpec {
  /** The ingress host, e.g. orders-service.staging.example.com. */
  host: string;
  /** The autoscaler's bounds. */
  replicas: { min: number; max: number };
}

/** What a JWT-protected service checks in a token (auth "jwt"). */
export interface JwtSpec {
  /** The aud claim tokens must carry. */
  audience: string;
  /** The iss claim tokens must carry; empty when the issuer is not checked. */
  issuer: string;
}

/**
 * The normalised request: validated form values plus every name derived from them.
 * Blueprints read only this (and their stack's facts); they never derive names themselves.
 */
export interface ServiceSpec {
  name: NameForms;
  description: string;
  owner: string;
  /** The owner as a code-review handle, e.g. @acme/team-a or @jdoe. */
  ownerHandle: string;
  system?: string;
  lifecycle: Lifecycle;
  stack: string;
  database: Database;
  resource: ResourceNames;
  auth: AuthMode;
  jwt: JwtSpec;
  observability: {
    metrics: boolean;
    tracing: boolean;
  };
  ci: string;
  deployment: string;
  /** The environments every deployment layer renders; hosts and sizes are decided here only. */
  environments: { staging: EnvironmentSpec; production: EnvironmentSpec };
  repository: RepositoryRef;
  /** The registry host images are pushed to, e.g. ghcr.io. */
  imageRegistry: string;
  /** Container image without tag, e.g. ghcr.io/acme/orders-service. */
  image: string;
  /** Package and module names per language, derived from the service name and repository. */
  packages: {
    /** Python import package, e.g. orders_service. */
    python: string;
    /** npm package name, e.g. orders-service. */
    npm: string;
    /** Go module path, e.g. github.com/acme/orders-service. */
    go: string;
    /** Java base package, e.g. com.github.acme.ordersservice. */
    java: string;
  };
}
