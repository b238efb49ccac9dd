import { parseTestSummary, readTestRun } from './testSummary';

describe('parseTestSummary', () => {
  it.each([
    [
      'pytest',
      '.....\n======================== 44 passed, 2 skipped in 3.57s =========================',
      { passed: 44, failed: 0, skipped: 2 },
    ],
    [
      'pytest -q',
      'tests/test_a.py ..\n2 passed in 0.31s',
      { passed: 2, failed: 0, skipped: 0 },
    ],
    [
      'pytest failures, errors, warnings, deselected',
      '=== 1 failed, 40 passed, 2 errors, 3 deselected, 5 warnings in 63.02s (0:01:03) ===',
      { passed: 40, failed: 3, skipped: 0 },
    ],
    [
      'pytest xfailed counts as skipped',
      '== 3 passed, 1 xfailed, 1 xpassed in 0.10s ==',
      { passed: 4, failed: 0, skipped: 1 },
    ],
    [
      'pytest with nothing collected',
      '============================ no tests ran in 0.01s =============================',
      { passed: 0, failed: 0, skipped: 0 },
    ],
    [
      'pytest run twice (counts add up)',
      '== 5 passed in 1.00s ==\n...\n== 2 passed, 1 skipped in 0.50s ==',
      { passed: 7, failed: 0, skipped: 1 },
    ],
    [
      'jest',
      'Test Suites: 2 passed, 2 total\nTests:       1 skipped, 1 todo, 5 passed, 7 total\nSnapshots:   0 total\nTime:        1.2 s',
      { passed: 5, failed: 0, skipped: 2 },
    ],
    [
      'jest failures',
      'Tests:       1 failed, 4 passed, 5 total',
      { passed: 4, failed: 1, skipped: 0 },
    ],
    [
      'vitest',
      ' ✓ src/app.test.ts (12 tests) 40ms\n\n Test Files  3 passed (3)\n      Tests  12 passed | 2 skipped (14)\n   Duration  1.21s',
      { passed: 12, failed: 0, skipped: 2 },
    ],
    [
      'vitest failures and todo',
      '      Tests  1 failed | 10 passed | 1 todo (12)',
      { passed: 10, failed: 1, skipped: 1 },
    ],
    [
      'vitest with colours',
      '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m3 passed\u001b[39m\u001b[22m\u001b[90m (3)\u001b[39m',
      { passed: 3, failed: 0, skipped: 0 },
    ],
    [
      'go test -v with subtests and a skip',
      [
        '=== RUN   TestHealth',
        '--- PASS: TestHealth (0.00s)',
        '=== RUN   TestItems',
        '=== RUN   TestItems/create',
        '    --- PASS: TestItems/create (0.01s)',
        '    --- SKIP: TestItems/slow (0.00s)',
        '--- PASS: TestItems (0.01s)',
        'PASS',
        'ok  \texample.com/svc/internal/api\t0.020s',
      ].join('\n'),
      { passed: 3, failed: 0, skipped: 1 },
    ],
    [
      'go test -json',
      [
        '{"Time":"2026-01-01T00:00:00Z","Action":"run","Package":"p","Test":"TestA"}',
        '{"Time":"2026-01-01T00:00:00Z","Action":"output","Package":"p","Test":"TestA","Output":"--- PASS: TestA (0.00s)\\n"}',
        '{"Time":"2026-01-01T00:00:00Z","Action":"pass","Package":"p","Test":"TestA","Elapsed":0}',
        '{"Time":"2026-01-01T00:00:00Z","Action":"skip","Package":"p","Test":"TestB","Elapsed":0}',
        '{"Time":"2026-01-01T00:00:00Z","Action":"pass","Package":"p","Elapsed":0.01}',
      ].join('\n'),
      { passed: 1, failed: 0, skipped: 1 },
    ],
    [
      'Maven surefire: the totals, not the per-class lines',
      [
        '[INFO] Running com.acme.ItemsTest',
        '[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 0.9 s -- in com.acme.ItemsTest',
        '[INFO] Running com.acme.HealthTest',
        '[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.1 s -- in com.acme.HealthTest',
        '[INFO] Results:',
        '[INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 1',
        '[INFO] BUILD SUCCESS',
      ].join('\n'),
      { passed: 4, failed: 0, skipped: 1 },
    ],
    [
      'Maven surefire and failsafe (mvn verify)',
      '[INFO] Tests run: 5, Failures: 1, Errors: 1, Skipped: 0\n[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0',
      { passed: 5, failed: 2, skipped: 0 },
    ],
    [
      'Maven per-class lines only',
      '[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.9 s - in com.acme.ItemsTest',
      { passed: 3, failed: 0, skipped: 0 },
    ],
  ])('reads %s', (_name, output, expected) => {
    expect(parseTestSummary(output)).toMatchObject(expected);
  });

  it('names the runner and keeps the summary line as evidence', () => {
    const counts = parseTestSummary('== 2 passed in 0.31s ==');
    expect(counts?.runners).toEqual(['pytest']);
    expect(counts?.evidence).toEqual(['== 2 passed in 0.31s ==']);
  });

  it.each([
    ['no output', ''],
    ['output that only looks like counts', 'copied 3 passed files\nall ok'],
    ['go test without -v', 'ok  \texample.com/svc\t0.02s'],
    [
      'a jest file count without a test count',
      'Test Suites: 2 passed, 2 total',
    ],
  ])('finds no summary in %s', (_name, output) => {
    expect(parseTestSummary(output)).toBeUndefined();
  });
});

describe('readTestRun: at least one passed test, none failed, none skipped', () => {
  it('accepts passed tests only (deselected ones are not run, not skipped)', () => {
    const { counts, problem } = readTestRun(
      '=== 44 passed, 2 deselected in 3.57s ===',
    );
    expect(problem).toBeUndefined();
    expect(counts?.passed).toBe(44);
  });

  it('refuses a run that skipped every test', () => {
    expect(readTestRun('=== 2 skipped in 0.05s ===').problem).toMatch(
      /no passed test/,
    );
  });

  it('refuses any skipped test', () => {
    expect(
      readTestRun('=== 44 passed, 2 skipped in 3.57s ===').problem,
    ).toMatch(
      /2 skipped test\(s\), and every test must run: 44 passed, 0 failed, 2 skipped \(pytest: "44 passed, 2 skipped in 3.57s"\)/,
    );
    expect(readTestRun('--- PASS: TestA\n--- SKIP: TestB').problem).toMatch(
      /1 skipped/,
    );
  });

  it('refuses a run with nothing collected', () => {
    expect(readTestRun('=== no tests ran in 0.01s ===').problem).toMatch(
      /no passed test/,
    );
    expect(readTestRun('Tests:       0 total').problem).toMatch(
      /no passed test/,
    );
  });

  it('refuses reported failures even after exit 0', () => {
    expect(
      readTestRun('Tests run: 3, Failures: 1, Errors: 0, Skipped: 0').problem,
    ).toMatch(/failed tests/);
  });

  it('says clearly when it finds no count, and which formats it reads', () => {
    const { counts, problem } = readTestRun('Ran the tests. OK');
    expect(counts).toBeUndefined();
    expect(problem).toMatch(/no test summary the harness can read/);
    expect(problem).toMatch(/pytest .*jest .*vitest .*go test -v .*Maven/);
  });

  it('tells a go user to add -v', () => {
    expect(readTestRun('ok  \texample.com/svc\t0.02s').problem).toMatch(
      /go test prints per-test lines only with -v/,
    );
  });
});
