import type { ServiceSpec } from '../request';

/**
 * The HTTP behaviour every generated service has, whatever its stack: one API, said once. The
 * OpenAPI document (`openapiDocument`) is derived from it and committed in every repository;
 * stacks implement it, and the verification harness's conformance suite and fuzzer hold each
 * booted service to it.
 */
export interface ApiContract {
  /** Where every repository keeps its OpenAPI document (the catalog's API entity points at it). */
  documentFile: string;
  /** Prefix of the resource routes, e.g. /api/v1. */
  basePath: string;
  /** The collection route, e.g. /api/v1/order-lines; one resource is `${collection}/{id}`. */
  collection: string;
  /** Operational endpoints, outside the versioned API. */
  paths: {
    /** 200 while the process runs. */
    liveness: string;
    /** 200 when the service can serve (its database answers), 503 otherwise. */
    readiness: string;
    /** Where the service serves its OpenAPI document. */
    openapi: string;
    /** Swagger UI. */
    docs: string;
    /** Prometheus text, when metrics are on (see `metricsPort`). */
    metrics: string;
  };
  /** Bounds of the list endpoint's paging, enforced before any SQL. */
  paging: {
    limit: { default: number; minimum: number; maximum: number };
    offset: { default: number; minimum: number; maximum: number };
  };
  /** The default order of the list: newest first. */
  defaultSort: string;
  /**
   * The port of the metrics endpoint (METRICS_PORT overrides it): apart from the API's, so a
   * cluster scrapes it inside while the Ingress never exposes it.
   */
  metricsPort: number;
  /**
   * The networks whose X-Forwarded-For (and -Proto) the service believes: the cluster's own
   * (loopback, private, shared, link-local, unique-local), where the Ingress controller runs. The
   * request log's `client` is the caller behind them; a header from anywhere else is ignored, so
   * a caller cannot claim another address. Tomcat's default internal proxies, as CIDRs.
   */
  trustedProxies: readonly string[];
  /** Errors are RFC 9457 problem details. */
  errorMediaType: 'application/problem+json';
  /** With auth "jwt": writes need a bearer token carrying this scope. */
  writeScope: string;
}

/** The contract's constants; the routes depend on the resource. */
export const API_CONTRACT_CONSTANTS = {
  documentFile: 'openapi.json',
  basePath: '/api/v1',
  paths: {
    liveness: '/healthz',
    readiness: '/readyz',
    openapi: '/openapi.json',
    docs: '/docs',
    metrics: '/metrics',
  },
  paging: {
    limit: { default: 20, minimum: 1, maximum: 100 },
    // Deep offsets make the database read and discard every row before them; past this, a
    // client should filter instead. Also keeps every number far inside 64-bit range.
    offset: { default: 0, minimum: 0, maximum: 10_000 },
  },
  defaultSort: '-createdAt',
  // OpenTelemetry's Prometheus exporter port: free of every stack's default service port.
  metricsPort: 9464,
  trustedProxies: [
    '127.0.0.0/8',
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '100.64.0.0/10',
    '169.254.0.0/16',
    '::1/128',
    'fc00::/7',
    'fe80::/10',
  ],
  errorMediaType: 'application/problem+json',
} as const;

export function apiContract(spec: Pick<ServiceSpec, 'resource'>): ApiContract {
  const { basePath } = API_CONTRACT_CONSTANTS;
  return {
    ...API_CONTRACT_CONSTANTS,
    paths: { ...API_CONTRACT_CONSTANTS.paths },
    paging: {
      limit: { ...API_CONTRACT_CONSTANTS.paging.limit },
      offset: { ...API_CONTRACT_CONSTANTS.paging.offset },
    },
    basePath,
    collection: `${basePath}/${spec.resource.route}`,
    writeScope: `${spec.resource.plural.kebab}:write`,
  };
}
