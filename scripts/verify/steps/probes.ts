/**
 * HTTP probes of the booted service: liveness, readiness, metrics (served when on, 404 when off)
 * and the OpenAPI document (holding the resource's collection, identical to the generated file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CheckFailure } from '../common';
import { firstDifference, sameJson } from '../jsonDiff';
import { brief } from '../network';
import type { HarnessStep } from './step';

export const livenessStep: HarnessStep = {
  name: 'liveness',
  run: ctx => ctx.expectGet(ctx.facts.health.liveness, 200),
};

export const readinessStep: HarnessStep = {
  name: 'readiness',
  run: ctx => ctx.expectGet(ctx.facts.health.readiness, 200),
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
  async run(ctx) {
    const { metricsPath } = ctx.facts;
    const response = await ctx.get(metricsPath);
    if (!ctx.service?.spec.observability.metrics) {
      // Off means off: the path must not be served.
      if (response.status !== 404) {
        throw new CheckFailure(
          `metrics are off, but GET ${metricsPath} answered ${response.status}`,
        );
      }
      return `metrics off: GET ${metricsPath} → 404`;
    }
    const type = response.headers.get('content-type') ?? '';
    const counted = countMetrics(response.text);
    if (
      response.status !== 200 ||
      !counted ||
      !/^(text\/plain|application\/openmetrics-text)/.test(type)
    ) {
      throw new CheckFailure(
        `GET ${metricsPath} answered ${response.status} (${type || 'no content-type'}) without Prometheus text (# TYPE lines and samples)`,
        [`body: ${brief(response.text, 400)}`],
      );
    }
    return `GET ${metricsPath} → 200, ${counted.families} metric families, ${counted.samples} samples`;
  },
};

export const openapiStep: HarnessStep = {
  name: 'openapi',
  async run(ctx) {
    const { path: docPath, file } = ctx.facts.openapi;
    const response = await ctx.get(docPath);
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
        `GET ${docPath} answered ${response.status} without an OpenAPI document`,
        [`body: ${brief(response.text, 400)}`],
      );
    }
    ctx.openapi = doc;
    const collection = ctx.collectionPath;
    const paths = Object.keys(doc.paths);
    if (!(collection in doc.paths)) {
      throw new CheckFailure(
        `the served document has no ${collection} (paths: ${paths.join(', ') || 'none'})`,
      );
    }
    if (!file)
      throw new CheckFailure('the stack declares no facts.openapi.file');
    const committed = path.join(ctx.serviceDir, file);
    if (!fs.existsSync(committed))
      throw new CheckFailure(`facts.openapi.file ${file} was not generated`);
    let kept: unknown;
    try {
      kept = JSON.parse(fs.readFileSync(committed, 'utf8'));
    } catch (error) {
      throw new CheckFailure(
        `the generated ${file} is not JSON: ${(error as Error).message}`,
      );
    }
    if (!sameJson(kept, doc)) {
      throw new CheckFailure(
        `the served document differs from the generated ${file}`,
        [`first difference: ${firstDifference(kept, doc) ?? '(order only)'}`],
      );
    }
    return `GET ${docPath} → OpenAPI ${doc.openapi}, ${paths.length} paths, identical to ${file}`;
  },
};
