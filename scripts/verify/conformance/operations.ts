/**
 * What operating the service relies on: X-Request-ID on every response (the caller's echoed, a new
 * one otherwise), metrics only on the metrics port (by route template, never by id), and readiness
 * that answers 503 while the database is away and 200 once it is back (when the harness can take
 * the database away).
 */
import { randomUUID } from 'node:crypto';
import {
  ConformanceFailure,
  describe,
  expectProblem,
  expectStatus,
} from './client';
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
