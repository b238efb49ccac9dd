import { measureInterleaved, percentile, summarise } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(10);
    expect(percentile(sorted, 95)).toBe(19);
    expect(summarise([3, 1, 2])).toEqual({ runs: 3, p50: 2, p95: 3, min: 1 });
    expect(summarise([]).runs).toBe(0);
  });

  it('runs every contender once a round, each round led by the next, warm-up rounds unmeasured', async () => {
    const calls: string[] = [];
    const contender = (name: string) => async () => {
      calls.push(name);
    };
    const timings = await measureInterleaved(
      { a: contender('a'), b: contender('b'), c: contender('c') },
      { runs: 3, warmup: 1, limitMs: 60_000 },
    );
    expect(calls.join('')).toBe('abc' + 'abc' + 'bca' + 'cab');
    expect(Object.values(timings).map(t => t.runs)).toEqual([3, 3, 3]);
  });

  it('stops measuring at its time limit', async () => {
    const timings = await measureInterleaved(
      { slow: () => new Promise(resolve => setTimeout(resolve, 30)) },
      { runs: 1000, warmup: 0, limitMs: 100 },
    );
    expect(timings.slow.runs).toBeGreaterThan(0);
    expect(timings.slow.runs).toBeLessThan(10);
  });
});
