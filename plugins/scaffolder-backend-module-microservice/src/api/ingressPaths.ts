import type { IngressPath } from '../request';
import type { ApiContract } from './apiContract';

/**
 * What the Ingress routes: the versioned API always; Swagger UI and the OpenAPI document only
 * when published. Health and readiness are for the cluster's probes, metrics have a port of
 * their own, so neither is ever routed. Every stack serves the docs page and all it loads under
 * `paths.docs` (the conformance suite checks it), so these prefixes are the whole list.
 */
export function ingressPaths(
  api: Pick<ApiContract, 'basePath' | 'paths'>,
  publishDocs: boolean,
): IngressPath[] {
  const paths: IngressPath[] = [{ path: api.basePath, pathType: 'Prefix' }];
  if (publishDocs) {
    paths.push(
      // Prefix: Swagger UI's config may live below the document (springdoc's /swagger-config).
      { path: api.paths.openapi, pathType: 'Prefix' },
      { path: api.paths.docs, pathType: 'Prefix' },
    );
  }
  return paths;
}
