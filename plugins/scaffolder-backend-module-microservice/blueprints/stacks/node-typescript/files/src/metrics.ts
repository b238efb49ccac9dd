/**
 * Prometheus metrics (prom-client) on a port of their own (METRICS_PORT), scraped inside the
 * cluster and never routed by the Ingress: the process's own (CPU, memory, event loop, GC) and
 * every request counted and timed by method, route template and status. The route is the
 * template (`/api/v1/items/{id}`), never the path, so ids cannot explode the series.
 */
import { createServer, type Server } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeOf } from './http/request-context.ts';

export const METRICS_PATH = '/metrics';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method, route template and status',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export function metricsMiddleware(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stopTimer = metrics.duration.startTimer();
    res.once('close', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      metrics.requests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}

/** The metrics endpoint alone: GET /metrics, 404 for anything else. */
export function startMetricsServer(metrics: Metrics, port: number, logger: Logger): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== METRICS_PATH) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'metrics collection failed');
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics collection failed\n');
      },
    );
  });
  server.on('error', (error) => {
    logger.fatal({ err: error, port }, 'cannot serve metrics');
    process.exit(1);
  });
  server.listen(port, () => {
    logger.info({ port }, 'metrics listening');
  });
  return server;
}
