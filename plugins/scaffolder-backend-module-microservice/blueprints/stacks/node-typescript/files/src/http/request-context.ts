/**
 * The first middleware of every request: its id (the caller's X-Request-ID if it is short and
 * plain, so it cannot forge log lines; a new UUID otherwise), echoed on every response; a logger
 * that stamps the id on each line; and one access-log line when the response is done: method,
 * route template, path, client (behind trusted proxies: the caller), status and duration. Probes
 * log at debug, so at info they stay quiet.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { activeTraceIds } from '../logger.ts';

declare module 'express-serve-static-core' {
  interface Locals {
    /** This request's id: the X-Request-ID header and every problem's `requestId`. */
    requestId: string;
    /** The logger of this request (its lines carry `requestId`). */
    log: Logger;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-ID';
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The route template a request matched, as the OpenAPI document writes it
 * (`/api/v1/items/{id}`); `(unmatched)` when no route did (a 404). Routers are mounted at the
 * root, so a route's path is its whole template. Metrics label requests with it, never with a
 * path that holds an id.
 */
export function routeOf(req: Request): string {
  // Files served under a mount point (Swagger UI's) count as the mount point.
  if (req.baseUrl !== '') return req.baseUrl;
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') {
    return route.path.replace(/:(\w+)/g, '{$1}');
  }
  return '(unmatched)';
}

export function requestContext(logger: Logger, quietPaths: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const sent = req.get(REQUEST_ID_HEADER);
    const requestId = sent !== undefined && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
    const path = req.originalUrl.split('?')[0] ?? '/';
    res.locals.requestId = requestId;
    res.locals.log = logger.child({ requestId, ...activeTraceIds() });
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // 'close' comes for finished and for aborted responses alike.
    res.once('close', () => {
      const status = res.statusCode;
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const line = {
        method: req.method,
        route: routeOf(req),
        path,
        client: req.ip,
        status,
        durationMs,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const message = `${req.method} ${path} ${status}`;
      if (quietPaths.has(path)) res.locals.log.debug(line, message);
      else if (status >= 500) res.locals.log.error(line, message);
      else res.locals.log.info(line, message);
    });
    next();
  };
}
