/**
 * conformance: the shared black-box suite (`conformance/`) against the booted service, from the
 * spec and the committed OpenAPI document; passes when every check that applies passes, and
 * reports how many did, per area. Tokens are minted with the JWT_SECRET of `.env`; readiness is
 * checked against the variant's own database being taken away (its connections refused and
 * ended, then allowed again).
 */
import fs from 'node:fs';
import { CheckFailure } from '../common';
import {
  failureLines,
  runConformance,
  type ConformanceTarget,
} from '../conformance';
import type { VariantContext } from '../context';
import { cluster } from './database';
import { readCommittedDocument } from './probes';
import type { HarnessStep } from './step';

export function conformanceTarget(ctx: VariantContext): ConformanceTarget {
  const spec = ctx.spec;
  const databaseName = ctx.databaseName;
  return {
    baseUrl: ctx.baseUrl,
    metricsUrl: ctx.metricsUrl,
    spec,
    document: readCommittedDocument(ctx.serviceDir, spec.api.documentFile),
    jwtSecret: ctx.dotenv.JWT_SECRET,
    serviceLog: () => {
      const logFile = ctx.app?.logFile;
      return logFile && fs.existsSync(logFile)
        ? fs.readFileSync(logFile, 'utf8')
        : '';
    },
    database: databaseName
      ? {
          disconnect: async () =>
            (await cluster(ctx)).setConnectionsAllowed(databaseName, false),
          reconnect: async () =>
            (await cluster(ctx)).setConnectionsAllowed(databaseName, true),
        }
      : undefined,
  };
}

export const conformanceStep: HarnessStep = {
  name: 'conformance',
  blocking: false,
  async run(ctx) {
    const report = await runConformance(conformanceTarget(ctx));
    const run = report.passed + report.failed;
    const notApplicable = report.notApplicable
      ? `; ${report.notApplicable} not applicable`
      : '';
    if (run === 0) throw new CheckFailure('no conformance check ran');
    if (report.failed > 0) {
      const died = await ctx.serviceDied('during the conformance suite');
      throw new CheckFailure(
        `${report.failed} of ${run} conformance checks failed (${report.byArea}${notApplicable})`,
        [
          ...(died ? [died.message, ...died.detail] : []),
          ...failureLines(report),
        ],
      );
    }
    return `${report.passed}/${run} checks passed (${report.byArea})${notApplicable}`;
  },
};
