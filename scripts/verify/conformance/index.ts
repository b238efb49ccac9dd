/**
 * The conformance suite: the HTTP contract every stack implements, checked black-box against a
 * booted service. Every check is derived from the spec (fields, filters, sort values, paging, auth)
 * and the committed OpenAPI document only, so it is the same suite for every stack. One module per
 * area, each a list of named checks; the operations area runs last (it reads every response the
 * others got, and takes the database away at its very end).
 */
import { authArea } from './auth';
import { crudArea } from './crud';
import { errorsArea } from './errors';
import { listingArea } from './listing';
import { operationsArea } from './operations';
import {
  runSuite,
  type CheckOutcome,
  type ConformanceArea,
  type ConformanceTarget,
} from './suite';

export type { CheckOutcome, ConformanceArea, ConformanceTarget } from './suite';

export const AREAS: readonly ConformanceArea[] = [
  crudArea,
  listingArea,
  errorsArea,
  authArea,
  operationsArea,
];

export interface ConformanceReport {
  outcomes: CheckOutcome[];
  passed: number;
  failed: number;
  notApplicable: number;
  /** `crud 9/9, list 30/31, …`: passed of run, per area. */
  byArea: string;
}

export async function runConformance(
  target: ConformanceTarget,
  areas: readonly ConformanceArea[] = AREAS,
): Promise<ConformanceReport> {
  const { outcomes } = await runSuite(target, [...areas]);
  const count = (status: CheckOutcome['status'], area?: string) =>
    outcomes.filter(o => o.status === status && (!area || o.area === area))
      .length;
  const byArea = areas
    .map(area => {
      const run = count('pass', area.name) + count('fail', area.name);
      return run ? `${area.name} ${count('pass', area.name)}/${run}` : '';
    })
    .filter(Boolean)
    .join(', ');
  return {
    outcomes,
    passed: count('pass'),
    failed: count('fail'),
    notApplicable: count('not-applicable'),
    byArea,
  };
}

/** The lines a report prints for its failed checks: each with its message and detail. */
export function failureLines(report: ConformanceReport): string[] {
  return report.outcomes
    .filter(o => o.status === 'fail')
    .flatMap(o => [
      `✗ ${o.area}: ${o.name} — ${o.message}`,
      ...o.detail.map(line => `    ${line}`),
    ]);
}
