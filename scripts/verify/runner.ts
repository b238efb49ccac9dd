/**
 * Runs a variant's steps in order and keeps its checks: one PASS/FAIL/SKIP line per step. A step
 * that does not apply prints SKIP (not counted); after a failure every later step is reported
 * as failed ("skipped after failure of <step>"), never as passed — unless the failed step was
 * declared `blocking: false` (a probe of a running service whose failure leaves nothing later
 * steps rely on: the other probes still run and report).
 */
import {
  CheckFailure,
  seconds,
  type CheckResult,
  type CheckStatus,
  type Reporter,
  type StepOutcome,
} from './common';

/** One check of a variant. `C` is the variant's state (`VariantContext` in the harness). */
export interface Step<C> {
  name: string;
  /** Why the step does not apply to this variant, or undefined; decided before it runs. */
  notApplicable?: (ctx: C) => string | undefined;
  /** Does the check; throws (preferably a `CheckFailure`) to fail it. */
  run: (ctx: C) => Promise<StepOutcome>;
  /** Runs instead when the step is skipped after a failure: release what it would have. */
  cleanUp?: (ctx: C) => Promise<void>;
  /**
   * false: a failure of this step does not skip the later ones (it changed no state they read).
   * Default true.
   */
  blocking?: boolean;
}

const LABELS: Record<CheckStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  skipped: 'FAIL',
  'not-applicable': 'SKIP',
};

export class CheckRecorder {
  readonly checks: CheckResult[] = [];
  /** The first blocking step that failed, if any: every later step is skipped. */
  failedStep: string | undefined;

  constructor(
    private readonly stack: string,
    private readonly variant: string,
    private readonly reporter: Reporter,
  ) {}

  record(
    step: string,
    status: CheckStatus,
    durationMs: number,
    summary: string,
    detail: string[] = [],
  ): void {
    const { stack, variant } = this;
    this.checks.push({ stack, variant, step, status, durationMs, summary });
    const time =
      status === 'pass' || status === 'fail' ? ` ${seconds(durationMs)}` : '';
    this.reporter.line(
      `  ${LABELS[status]} ${stack}/${variant} ${step}${time}${summary ? ` — ${summary}` : ''}`,
    );
    for (const line of detail.flatMap(d => d.split('\n'))) {
      this.reporter.line(`         ${line}`);
    }
  }

  /** Runs one step as a check, unless it does not apply or an earlier one failed. */
  async check<C>(step: Step<C>, ctx: C): Promise<void> {
    const notApplicable = step.notApplicable?.(ctx);
    if (notApplicable !== undefined) {
      this.record(step.name, 'not-applicable', 0, notApplicable);
      return;
    }
    if (this.failedStep) {
      await step.cleanUp?.(ctx);
      this.record(
        step.name,
        'skipped',
        0,
        `skipped after failure of ${this.failedStep}`,
      );
      return;
    }
    const started = Date.now();
    try {
      const outcome = await step.run(ctx);
      const { summary, detail } =
        typeof outcome === 'string'
          ? { summary: outcome, detail: [] }
          : outcome;
      this.record(step.name, 'pass', Date.now() - started, summary, detail);
    } catch (error) {
      const duration = Date.now() - started;
      if (step.blocking !== false) this.failedStep = step.name;
      const detail =
        error instanceof CheckFailure
          ? error.detail
          : ((error as Error).stack ?? String(error)).split('\n').slice(1, 6);
      this.record(step.name, 'fail', duration, '', [
        `stack ${this.stack}, variant ${this.variant}, step ${step.name}: ${(error as Error).message}`,
        ...detail,
      ]);
    }
  }

  /** Runs every step in order. */
  async runAll<C>(steps: readonly Step<C>[], ctx: C): Promise<void> {
    for (const step of steps) await this.check(step, ctx);
  }
}
