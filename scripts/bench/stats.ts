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
 * Times several contenders in rounds: each round runs every one once, starting with a different
 * one each time, so a slow spell of the machine (this file system's writes vary twofold from
 * minute to minute) falls on all of them alike and their ratios hold. `warmup` rounds first,
 * then up to `runs` rounds or until `limitMs` has passed.
 */
export async function measureInterleaved(
  contenders: Record<string, (run: number) => Promise<void>>,
  options: { runs: number; warmup: number; limitMs: number },
): Promise<Record<string, Timing>> {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map(name => [name, [] as number[]]));
  const deadline = Date.now() + options.limitMs;
  for (let round = -options.warmup; round < options.runs; round++) {
    if (round >= 0 && Date.now() >= deadline) break;
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + Math.max(round, 0)) % names.length];
      const started = process.hrtime.bigint();
      await contenders[name](round);
      if (round >= 0)
        samples[name].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return Object.fromEntries(
    names.map(name => [name, summarise(samples[name])]),
  );
}
