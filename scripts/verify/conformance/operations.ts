/**
 * What operating the service relies on: X-Request-ID on every response (the caller's echoed, a new
 * one otherwise), Swagger UI within the paths an Ingress publishes, metrics only on the metrics port (by route template, never by id), and readiness
 * that answers 503 while the database is away and 200 once it is back (when the harness can take
 * the database away).
 */
import { randomUUID } from 'node:crypto';
import {
  ConformanceFailure,
  describe,
  expectProblem,
  expectStatus,
  isRecord,
} from './client';
import { apiDocsCheck } from './docs';
import type { ConformanceArea, Suite } from './suite';
import { UUID } from './values';

async function until(
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe()) return true;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return false;
}

/** The access-log line of one request: the JSON object with its requestId and a status. */
function requestLine(
  log: string,
  requestId: string,
): Record<string, unknown> | undefined {
  for (const text of log.split('\n')) {
    if (!text.includes(requestId)) continue;
    try {
      const line: unknown = JSON.parse(text);
      if (isRecord(line) && line.requestId === requestId && 'status' in line)
        return line;
    } catch {
      // Not a JSON line (a command echo, a stack trace).
    }
  }
  return undefined;
}

function metricsOff(suite: Suite): string | undefined {
  return suite.spec.observability.metrics ? undefined : 'metrics are off';
}

export const operationsArea: ConformanceArea = {
  name: 'operations',
  checks: suite => [
    {
      name: 'X-Request-ID sent is echoed, in the problem too',
      async run() {
        const id = `verify-${suite.marker}-${Date.now()}`;
        const listed = await suite.client.request('GET', suite.api.collection, {
          headers: { 'X-Request-ID': id },
        });
        expectStatus(listed, 200);
        const failed = await suite.client.request(
          'GET',
          suite.itemPath(randomUUID()),
          {
            headers: { 'X-Request-ID': id },
          },
        );
        const problem = expectProblem(failed, 404);
        const echoed = [listed, failed].filter(
          a => a.headers.get('x-request-id') !== id,
        );
        if (echoed.length || problem.requestId !== id) {
          throw new ConformanceFailure(
            `sent X-Request-ID ${id}; ${[...echoed.map(a => `${describe(a)} answered ${JSON.stringify(a.headers.get('x-request-id'))}`), problem.requestId !== id ? `the problem's requestId is ${JSON.stringify(problem.requestId)}` : ''].filter(Boolean).join('; ')}`,
          );
        }
      },
    },
    {
      name: 'X-Request-ID is made up when not sent, a new one each time',
      async run() {
        const first = await suite.client.request('GET', suite.api.collection);
        const second = await suite.client.request('GET', suite.api.collection);
        const ids = [first, second].map(a => a.headers.get('x-request-id'));
        if (!ids[0] || !ids[1] || ids[0] === ids[1]) {
          throw new ConformanceFailure(
            `two requests without one answered X-Request-ID ${JSON.stringify(ids[0])} and ${JSON.stringify(ids[1])}`,
          );
        }
      },
    },
    apiDocsCheck(suite),
    {
      name: 'the request log names the caller behind a trusted proxy',
      notApplicable: () =>
        suite.target.serviceLog ? undefined : 'the service log is not readable',
      async run() {
        // The harness is on loopback: a proxy in the cluster's networks (spec.api.trustedProxies).
        const id = `verify-forwarded-${suite.marker}-${Date.now()}`;
        const caller = '203.0.113.7';
        expectStatus(
          await suite.client.request('GET', suite.api.collection, {
            headers: { 'X-Request-ID': id, 'X-Forwarded-For': caller },
          }),
          200,
        );
        let line: Record<string, unknown> | undefined;
        await until(async () => {
          line = requestLine(suite.target.serviceLog!(), id);
          return line !== undefined;
        }, 5000);
        if (!line) {
          throw new ConformanceFailure(
            `no JSON line of the service's log has requestId ${id} and a status within 5 s`,
          );
        }
        if (line.client !== caller) {
          throw new ConformanceFailure(
            `the request's log line has client ${JSON.stringify(line.client)}, not ${caller} (X-Forwarded-For from a trusted proxy)`,
            [JSON.stringify(line)],
          );
        }
        return JSON.stringify(line);
      },
    },
    {
      name: `no metrics on the API port`,
      async run() {
        const answer = await suite.client.request(
          'GET',
          suite.api.paths.metrics,
        );
        expectProblem(answer, 404, 'metrics belong on METRICS_PORT');
      },
    },
    {
      name: 'metrics on the metrics port, by route template',
      notApplicable: () => metricsOff(suite),
      async run() {
        const origin = suite.target.metricsUrl;
        if (!origin)
          throw new ConformanceFailure(
            'metrics are on but no metrics port is known',
          );
        const created = await suite.create();
        const id = String(created.id);
        expectStatus(
          await suite.client.request('GET', suite.itemPath(id)),
          200,
        );
        const answer = await suite.client.request(
          'GET',
          suite.api.paths.metrics,
          { origin },
        );
        expectStatus(answer, 200, `metrics at ${origin}`);
        const type = answer.headers.get('content-type') ?? '';
        if (!/^(text\/plain|application\/openmetrics-text)/.test(type)) {
          throw new ConformanceFailure(
            `${describe(answer)}: content-type ${type}, not Prometheus text`,
          );
        }
        if (!answer.text.includes(suite.api.collection)) {
          throw new ConformanceFailure(
            `the metrics do not mention the route ${suite.api.collection} after requests to it`,
          );
        }
        const ids =
          answer.text.match(new RegExp(UUID.source.slice(1, -1), 'g')) ?? [];
        if (ids.length) {
          throw new ConformanceFailure(
            `the metrics hold ids (${[...new Set(ids)].slice(0, 3).join(', ')}): requests must be labelled by route template`,
          );
        }
        return `${origin}${suite.api.paths.metrics}`;
      },
    },
    {
      name: 'every response carried X-Request-ID',
      async run() {
        const missing = suite.client.exchanges.filter(
          e => !e.headers.get('x-request-id'),
        );
        if (missing.length) {
          const where = [
            ...new Set(
              missing.map(
                e => `${e.method} ${e.path.split('?')[0]} → ${e.status}`,
              ),
            ),
          ];
          throw new ConformanceFailure(
            `${missing.length} of ${suite.client.exchanges.length} responses had no X-Request-ID`,
            where.slice(0, 20),
          );
        }
        return `${suite.client.exchanges.length} responses`;
      },
    },
    {
      name: 'readiness 503 while the database is away, 200 when it is back',
      notApplicable: () =>
        suite.target.database
          ? undefined
          : 'the harness cannot take the database away here',
      async run() {
        const database = suite.target.database!;
        const within = suite.target.readinessTimeoutMs ?? 15_000;
        const { readiness, liveness } = suite.api.paths;
        expectStatus(
          await suite.client.request('GET', readiness),
          200,
          'before',
        );
        await database.disconnect();
        let last = 0;
        try {
          const unready = await until(async () => {
            last = (await suite.client.request('GET', readiness)).status;
            return last === 503;
          }, within);
          if (!unready) {
            throw new ConformanceFailure(
              `${readiness} answered ${last}, not 503, for ${within / 1000}s without a database`,
            );
          }
          expectStatus(
            await suite.client.request('GET', liveness),
            200,
            'liveness without a database',
          );
        } finally {
          await database.reconnect();
        }
        const ready = await until(async () => {
          last = (await suite.client.request('GET', readiness)).status;
          return last === 200;
        }, within);
        if (!ready) {
          throw new ConformanceFailure(
            `${readiness} answered ${last}, not 200, for ${within / 1000}s after the database came back`,
          );
        }
        const served = await until(
          async () =>
            (await suite.client.request('GET', suite.api.collection)).status ===
            200,
          Math.min(within, 5000),
        );
        if (!served)
          throw new ConformanceFailure(
            `GET ${suite.api.collection} did not answer 200 after the database came back`,
          );
        return 'liveness stayed 200';
      },
    },
  ],
};
