/** The end of a run: wall times, the failed checks, and the closing `N passed, N failed`. */
import { seconds, type CheckResult, type Reporter } from './common';

/** One variant's wall-time line: its total and each step that ran. */
export function variantTiming(
  where: string,
  totalMs: number,
  checks: CheckResult[],
): string {
  const steps = checks
    .filter(c => c.status === 'pass' || c.status === 'fail')
    .map(c => `${c.step} ${seconds(c.durationMs)}`)
    .join(' · ');
  return `  ${where} ${seconds(totalMs)}: ${steps}`;
}

/** Skipped-after-failure checks count as failed; checks that did not apply are not counted. */
export function countChecks(checks: CheckResult[]): {
  passed: number;
  failed: number;
  skipped: number;
  notApplicable: number;
} {
  const count = (status: CheckResult['status']) =>
    checks.filter(c => c.status === status).length;
  const skipped = count('skipped');
  return {
    passed: count('pass'),
    failed: count('fail') + skipped,
    skipped,
    notApplicable: count('not-applicable'),
  };
}

export function printSummary(
  reporter: Reporter,
  checks: CheckResult[],
  timings: string[],
  wallMs: number,
): { passed: number; failed: number } {
  const { passed, failed, skipped, notApplicable } = countChecks(checks);
  reporter.line(`\nWall times (total ${seconds(wallMs)}):`);
  for (const line of timings) reporter.line(line);
  const failures = checks.filter(c => c.status === 'fail');
  if (failures.length) {
    reporter.line('\nFailed:');
    for (const c of failures)
      reporter.line(`  ${c.stack}/${c.variant} ${c.step}`);
  }
  const notes = [
    skipped
      ? `${skipped} checks skipped after a failure (counted as failed).`
      : '',
    notApplicable
      ? `${notApplicable} checks did not apply to their variant (not counted).`
      : '',
  ].filter(Boolean);
  reporter.line(notes.length ? `\n${notes.join(' ')}` : '');
  reporter.line(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}
