import { CheckFailure } from './common';
import { countChecks } from './report';
import { CheckRecorder, type Step } from './runner';

function recorder() {
  const lines: string[] = [];
  const rec = new CheckRecorder('stk', 'var', { line: l => lines.push(l) });
  return { rec, lines };
}

const pass = (name: string): Step<unknown> => ({
  name,
  run: async () => `${name} ok`,
});

describe('CheckRecorder', () => {
  it('prints PASS with time and summary, and detail lines under it', async () => {
    const { rec, lines } = recorder();
    await rec.check(
      {
        name: 'crud',
        run: async () => ({ summary: '2 calls', detail: ['a', 'b'] }),
      },
      {},
    );
    expect(lines[0]).toMatch(/^ {2}PASS stk\/var crud \d+\.\ds — 2 calls$/);
    expect(lines.slice(1)).toEqual(['         a', '         b']);
  });

  it('reports every step after a failure as failed, never as passed', async () => {
    const { rec, lines } = recorder();
    const ran: string[] = [];
    const steps: Step<unknown>[] = [
      pass('one'),
      {
        name: 'two',
        run: async () => {
          throw new CheckFailure('broke', ['detail line']);
        },
      },
      {
        name: 'three',
        run: async () => {
          ran.push('three');
          return 'ok';
        },
      },
      pass('four'),
    ];
    await rec.runAll(steps, {});
    expect(ran).toEqual([]);
    expect(rec.checks.map(c => [c.step, c.status])).toEqual([
      ['one', 'pass'],
      ['two', 'fail'],
      ['three', 'skipped'],
      ['four', 'skipped'],
    ]);
    expect(lines).toContain('         stack stk, variant var, step two: broke');
    expect(lines).toContain('         detail line');
    expect(lines).toContain(
      '  FAIL stk/var three — skipped after failure of two',
    );
    expect(countChecks(rec.checks)).toEqual({
      passed: 1,
      failed: 3,
      skipped: 2,
      notApplicable: 0,
    });
  });

  it('prints SKIP for a step that does not apply, and does not count it', async () => {
    const { rec, lines } = recorder();
    const run = jest.fn(async () => 'ran');
    await rec.check(
      { name: 'auth', notApplicable: () => 'auth is off', run },
      {},
    );
    expect(run).not.toHaveBeenCalled();
    expect(lines).toEqual(['  SKIP stk/var auth — auth is off']);
    expect(countChecks(rec.checks)).toMatchObject({ passed: 0, failed: 0 });
  });

  it('runs cleanUp instead of the body for a step skipped after a failure', async () => {
    const { rec } = recorder();
    const run = jest.fn(async () => 'stopped');
    const cleanUp = jest.fn(async () => undefined);
    await rec.runAll(
      [
        {
          name: 'boot',
          run: async () => {
            throw new Error('no answer');
          },
        },
        { name: 'stop', run, cleanUp },
      ],
      {},
    );
    expect(run).not.toHaveBeenCalled();
    expect(cleanUp).toHaveBeenCalledTimes(1);
    expect(rec.checks.map(c => c.status)).toEqual(['fail', 'skipped']);
  });

  it('fails a step whose body throws a plain error, with its stack', async () => {
    const { rec, lines } = recorder();
    await rec.check(
      {
        name: 'x',
        run: async () => {
          throw new TypeError('oops');
        },
      },
      {},
    );
    expect(rec.failedStep).toBe('x');
    expect(lines[0]).toMatch(/^ {2}FAIL stk\/var x \d+\.\ds$/);
    expect(lines[1]).toBe('         stack stk, variant var, step x: oops');
    expect(lines[2]).toMatch(/^ +at /);
  });

  it('goes on after a failed step that is not blocking, and still skips after a blocking one', async () => {
    const { rec } = recorder();
    const ran: string[] = [];
    const step = (
      name: string,
      fails: boolean,
      blocking = true,
    ): Step<unknown> => ({
      name,
      blocking,
      run: async () => {
        ran.push(name);
        if (fails) throw new CheckFailure(`${name} broke`);
        return 'ok';
      },
    });
    await rec.runAll(
      [
        step('probe', true, false),
        step('next', false),
        step('boot', true),
        step('after', false, false),
      ],
      {},
    );
    expect(ran).toEqual(['probe', 'next', 'boot']);
    expect(rec.checks.map(c => [c.step, c.status])).toEqual([
      ['probe', 'fail'],
      ['next', 'pass'],
      ['boot', 'fail'],
      ['after', 'skipped'],
    ]);
    expect(rec.failedStep).toBe('boot');
    expect(countChecks(rec.checks)).toMatchObject({ passed: 1, failed: 3 });
  });
});
