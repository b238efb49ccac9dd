/** What every part of the harness shares: options, check results, the failure type, limits. */

export interface Reporter {
  line(text: string): void;
}

export const consoleReporter: Reporter = {
  line: text => process.stdout.write(`${text}\n`),
};

export interface HarnessOptions {
  /** Stack names; empty means every installed stack. */
  stacks: string[];
  /** Variant names; empty means every variant. */
  variants: string[];
  /** Blueprint folders added after the built-in one (a stack of the same name replaces ours). */
  blueprintDirectories: string[];
  /** Keep the rendered services (and their logs) instead of deleting them. */
  keep: boolean;
  reporter: Reporter;
}

/** `skipped`: not run because an earlier check of the variant failed (counted as failed). */
export type CheckStatus = 'pass' | 'fail' | 'skipped' | 'not-applicable';

export interface CheckResult {
  stack: string;
  variant: string;
  step: string;
  status: CheckStatus;
  durationMs: number;
  /** One line: what the check did, or why it failed or did not apply. */
  summary: string;
}

export interface HarnessResult {
  passed: number;
  failed: number;
  checks: CheckResult[];
  /** Per-variant temp dirs (deleted unless `keep`). */
  directories: string[];
}

/** What a passing step reports: one line, and optionally lines printed under it. */
export type StepOutcome = string | { summary: string; detail: string[] };

/** A check that failed: `detail` lines are printed under the FAIL line. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly detail: string[] = [],
  ) {
    super(message);
  }
}

/** A bad command line (unknown stack or variant): exit code 2. */
export class UsageError extends Error {}

export const OUTPUT_TAIL = 40;
const MINUTE = 60_000;
export const COMMAND_TIMEOUT_MS = 10 * MINUTE;
export const INSTALL_TIMEOUT_MS = 20 * MINUTE;
// A start command may build first (`go run`, `spring-boot:run`), and npm test runs two harnesses
// side by side on the same cores.
export const BOOT_TIMEOUT_MS = 2 * MINUTE;
export const STOP_GRACE_MS = 10_000;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
