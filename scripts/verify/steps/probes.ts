/**
 * HTTP probes of the booted service, at the contract's paths (`spec.api.paths`): liveness,
 * readiness, metrics (Prometheus text on the metrics port when on; never on the API port) and
 * the OpenAPI document (served at `paths.openapi`, semantically equal to the committed
 * `spec.api.documentFile`: see `openapiCompare.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CheckFailure } from '../common';
import { brief, http } from '../network';
import { compareOpenapi, countOperations } from '../openapiCompare';
import type { HarnessStep } from './step';

export const livenessStep: HarnessStep = {
  name: 'liveness',
  run: ctx => ctx.expectGet(ctx.spec.api.paths.liveness, 200),
};

export const readinessStep: HarnessStep = {
  name: 'readiness',
  blocking: false,
  run: ctx => ctx.expectGet(ctx.spec.api.paths.readiness, 200),
};

const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s+\S+/;

/** Prometheus text: `# TYPE` families with at least one sample; undefined when it is not. */
export function countMetrics(
  text: string,
): { families: number; samples: number } | undefined {
  const lines = text.split('\n');
  const families = lines.filter(line => line.startsWith('# TYPE ')).length;
  const samples = lines.filter(line => SAMPLE.test(line)).length;
  return families > 0 && samples > 0 ? { families, samples } : undefined;
}

export const metricsStep: HarnessStep = {
  name: 'metrics',
  blocking: false,
  async run(ctx) {
    const metricsPath = ctx.spec.api.paths.metrics;
    // Never on the API port: the Ingress exposes that one.
    const onApi = await ctx.get(metricsPath);
    if (onApi.status !== 404) {
      throw new CheckFailure(
        `GET ${metricsPath} on the API port answered ${onApi.status}, expected 404 (metrics belong on METRICS_PORT)`,
        [`body: ${brief(onApi.text, 400)}`],
      );
    }
    if (!ctx.spec.observability.metrics || !ctx.metricsUrl) {
      return `metrics off: GET ${metricsPath} → 404`;
    }
    const url = ctx.metricsUrl + metricsPath;
    let response;
    try {
      response = await http('GET', url);
    } catch (error) {
      throw (
        (await ctx.serviceDied(`before GET ${url} answered`)) ??
        new CheckFailure(
          `GET ${url} (METRICS_PORT): no answer (${(error as Error).message})`,
          ctx.appLogTail(),
        )
      );
    }
    const type = response.headers.get('content-type') ?? '';
    const counted = countMetrics(response.text);
    if (
      response.status !== 200 ||
      !counted ||
      !/^(text\/plain|application\/openmetrics-text)/.test(type)
    ) {
      throw new CheckFailure(
        `GET ${url} answered ${response.status} (${type || 'no content-type'}) without Prometheus text (# TYPE lines and samples)`,
        [`body: ${brief(response.text, 400)}`],
      );
    }
    return `GET ${url} (METRICS_PORT) → 200, ${counted.families} metric families, ${counted.samples} samples; the API port → 404`;
  },
};

/** The committed OpenAPI document, parsed. */
export function readCommittedDocument(
  serviceDir: string,
  file: string,
): unknown {
  const committed = path.join(serviceDir, file);
  if (!fs.existsSync(committed))
    throw new CheckFailure(`${file} (spec.api.documentFile) was not generated`);
  try {
    return JSON.parse(fs.readFileSync(committed, 'utf8'));
  } catch (error) {
    throw new CheckFailure(
      `the generated ${file} is not JSON: ${(error as Error).message}`,
    );
  }
}

export const openapiStep: HarnessStep = {
  name: 'openapi',
  blocking: false,
  async run(ctx) {
    const { documentFile, paths } = ctx.spec.api;
    const committed = readCommittedDocument(ctx.serviceDir, documentFile);
    ctx.openapi = committed;
    const response = await ctx.get(paths.openapi);
    const doc = response.json as
      | { openapi?: unknown; paths?: Record<string, unknown> }
      | undefined;
    if (
      response.status !== 200 ||
      !doc ||
      typeof doc.openapi !== 'string' ||
      typeof doc.paths !== 'object' ||
      doc.paths === null
    ) {
      throw new CheckFailure(
        `GET ${paths.openapi} answered ${response.status} without an OpenAPI document`,
        [`body: ${brief(response.text, 400)}`],
      );
    }
    const differences = compareOpenapi(committed, doc);
    if (differences.length) {
      throw new CheckFailure(
        `the document served at ${paths.openapi} differs from the committed ${documentFile} in ${differences.length} place(s)`,
        differences,
      );
    }
    return `GET ${paths.openapi} → OpenAPI ${doc.openapi}: the same ${countOperations(committed)} operations as ${documentFile} (parameters, status codes, media types, bodies)`;
  },
};
