/** Percentiles and a timing loop bounded by a count and a time limit. */

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0],
  };
}

/**
 * Runs `body` `warmup` times unmeasured, then up to `runs` times (and at least `minimum`, time
 * allowing) or until `limitMs` has passed; returns the milliseconds of each measured run.
 */
export async function measure(
  body: (run: number) => Promise<void>,
  options: { runs: number; warmup: number; limitMs: number },
): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await body(-1 - i);
  const samples: number[] = [];
  const deadline = Date.now() + options.limitMs;
  for (let i = 0; i < options.runs && Date.now() < deadline; i++) {
    const started = process.hrtime.bigint();
    await body(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return summarise(samples);
}
