import type { SecurityScanners } from './securityScanners';
import type { ApiContract } from '../api/apiContract';
import type { DatabaseSpec } from './database';
import type { FieldSpec } from './fieldSpec';
import type { AuthMode, Lifecycle } from './rules';

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
  /** The fields the developer chose, in their order (the id and timestamps come on top). */
  fields: FieldSpec[];
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

/** One rule of the Ingress: requests under `path` reach the service's API port. */
export interface IngressPath {
  path: string;
  /** Kubernetes' Prefix matches whole path segments: /docs serves /docs/ and /docs/x, not /docsx. */
  pathType: 'Prefix' | 'Exact';
}

/** What a deployment exposes to the world; everything else stays inside the cluster. */
export interface IngressSpec {
  /** Whether Swagger UI and the OpenAPI document are routed (the form's publicApiDocs). */
  docsPublished: boolean;
  /** The API always; the docs and the OpenAPI document only when the form asked to publish them. */
  paths: IngressPath[];
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
/** Where the service's catalog entities live and what they are called. */
export interface CatalogSpec {
  /** The file in the repository root, e.g. catalog-info.yaml (registered by catalog:register). */
  file: string;
  namespace: string;
  /** component:default/orders-service */
  componentRef: string;
  /** api:default/orders-service */
  apiRef: string;
  /** The template entity that made the service (a task's): `microservice:upgrade` finds it by this. */
  sourceTemplate?: string;
}

export interface ServiceSpec {
  name: NameForms;
  description: string;
  /** The generated service's own version (its package, image labels, API document). */
  version: string;
  owner: string;
  catalog: CatalogSpec;
  /** The owner as a code-review handle, e.g. @acme/team-a or @jdoe. */
  ownerHandle: string;
  system?: string;
  lifecycle: Lifecycle;
  stack: string;
  database: DatabaseSpec;
  resource: ResourceNames;
  /** The HTTP contract every stack implements: paths, paging bounds, scopes. */
  api: ApiContract;
  auth: AuthMode;
  jwt: JwtSpec;
  observability: {
    metrics: boolean;
    tracing: boolean;
  };
  /**
   * The value of every form option the installed layers offer (`ci`, `deployment`, or a platform
   * team's own), "none" when not chosen. Layers are selected by these; no file reads them.
   */
  options: Record<string, string>;
  /** The paths the Ingress routes; health, metrics and (unless published) docs are not among them. */
  ingress: IngressSpec;
  /** The environments every deployment layer renders; hosts and sizes are decided here only. */
  environments: { staging: EnvironmentSpec; production: EnvironmentSpec };
  repository: RepositoryRef;
  /** The registry host images are pushed to, e.g. ghcr.io. */
  imageRegistry: string;
  /** Container image without tag, e.g. ghcr.io/acme/orders-service. */
  image: string;
  /** What CI scans dependencies, code, images and workflows with, at pinned versions. */
  securityScanners: SecurityScanners;
}
