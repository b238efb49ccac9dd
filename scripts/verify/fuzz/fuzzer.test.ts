import report from './__fixtures__/report-with-failures.json';
import {
  describeFuzzReport,
  failureSections,
  fuzzArguments,
  fuzzProblems,
  readFuzzReport,
  shellQuote,
} from './fuzzer';

describe('fuzzArguments', () => {
  it('runs every check from the committed document with a seed, bounded examples and a report', () => {
    const args = fuzzArguments({
      document: '/svc/openapi.json',
      baseUrl: 'http://127.0.0.1:5000',
      seed: 42,
      reportFile: '/logs/fuzz-report.json',
      token: 'abc.def.ghi',
    });
    expect(args.slice(0, 4)).toEqual([
      'run',
      '/svc/openapi.json',
      '--url',
      'http://127.0.0.1:5000',
    ]);
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(option('--checks')).toBe('all');
    expect(option('--seed')).toBe('42');
    expect(Number(option('--max-examples'))).toBeGreaterThan(0);
    expect(option('--report')).toBe('json');
    expect(option('--report-json-path')).toBe('/logs/fuzz-report.json');
    expect(option('--header')).toBe('Authorization: Bearer abc.def.ghi');
    // The time limit is the harness's: --max-time would be a budget spent in full.
    expect(args).not.toContain('--max-time');
    expect(
      fuzzArguments({ document: 'd', baseUrl: 'u', seed: 1, reportFile: 'r' }),
    ).not.toContain('--header');
  });

  it('quotes arguments for bash', () => {
    expect(shellQuote('/a/b.json')).toBe('/a/b.json');
    expect(shellQuote("Authorization: Bearer x'y")).toBe(
      "'Authorization: Bearer x'\\''y'",
    );
  });
});

describe('readFuzzReport', () => {
  const read = readFuzzReport(report);

  it('reads the figures: operations, test cases, phases, failures by check, the seed', () => {
    expect(read).toMatchObject({
      seed: 1,
      stopReason: 'completed',
      operations: { total: 8, tested: 8, errored: 0 },
      testCases: { generated: 752, uniqueFailures: 4 },
      phases: {
        examples: 'success',
        coverage: 'failure',
        fuzzing: 'success',
        stateful: 'failure',
      },
    });
    expect(describeFuzzReport(read)).toBe(
      '8/8 operations, 752 test cases, 10.0s (completed); phases examples ✓ coverage ✗ fuzzing ✓ stateful ✗',
    );
  });

  it('fails on every failure, named by check and operation', () => {
    expect(fuzzProblems(read)).toEqual([
      'ST202 Schema-valid request rejected ×1: Stateful tests',
      'ST201 Schema-violating request accepted ×1: GET /api/v1/order-lines',
      'ST204 Wrong response to undeclared method ×2: TRACE /healthz, TRACE /readyz',
    ]);
  });

  it('passes a run without failures, and fails one that examined nothing', () => {
    const clean = {
      ...report,
      failures: [],
      test_cases: {
        ...report.test_cases,
        with_failures: 0,
        unique_failures: 0,
      },
    };
    expect(fuzzProblems(readFuzzReport(clean))).toEqual([]);
    const empty = {
      ...clean,
      test_cases: { generated: 0 },
      operations: { total: 8, tested: 0 },
    };
    expect(fuzzProblems(readFuzzReport(empty))).toEqual([
      'no test case was generated: the run examined nothing',
    ]);
    const errored = {
      ...clean,
      errors: [{ message: 'schema error' }],
      operations: { ...clean.operations, errored: 1 },
    };
    expect(fuzzProblems(readFuzzReport(errored))).toEqual([
      'error: {"message":"schema error"}',
      '1 operations errored',
    ]);
  });

  it('refuses what is not a report', () => {
    expect(() => readFuzzReport({ hello: 1 })).toThrow(
      /not a schemathesis JSON report/,
    );
  });
});

describe('failureSections', () => {
  it('keeps the failures of the console output, up to the summary', () => {
    const output = [
      'Schemathesis v4',
      '=================================== FAILURES ===================================',
      '___________________________ GET /api/v1/items ___________________________',
      '1. Test Case ID: A1ipyH',
      '',
      '',
      '- ST201 Schema-violating request accepted',
      '    st replay A1ipyH',
      '=================================== SUMMARY ====================================',
      'Seed: 1',
    ].join('\n');
    expect(failureSections(output)).toEqual([
      '___________________________ GET /api/v1/items ___________________________',
      '1. Test Case ID: A1ipyH',
      '',
      '- ST201 Schema-violating request accepted',
      '    st replay A1ipyH',
    ]);
    expect(failureSections('no failures here')).toEqual([]);
  });
});
