/**
 * The schema-driven API fuzzer: schemathesis (pinned in requirements.txt, installed once by
 * install.sh into a venv under .tools/) run against the booted service from the committed
 * OpenAPI document, every check on, a bounded number of examples per operation, a time limit,
 * and a seed of its own that the report prints so a failure can be replayed.
 *
 * The time limit is the harness's (it kills the run): schemathesis's own `--max-time` is a budget
 * its fuzzing and stateful phases keep drawing cases until they spend, which would make every run
 * take all of it.
 */
import path from 'node:path';
import { runCommand } from '../processes';

/** Test cases per operation and phase: enough to find the usual faults, small enough for CI. */
export const FUZZ_MAX_EXAMPLES = 25;
/** The harness kills a run that takes longer (seconds) and fails the step. */
export const FUZZ_TIME_LIMIT_S = 300;

const INSTALL_SCRIPT = path.join(__dirname, 'install.sh');

/**
 * PATH as the harness started: a stack's provisioning later puts its own Python first (3.12 for
 * python-fastapi), and the install's stamp names the Python version, so two harnesses side by
 * side would each see the other's venv as stale and rebuild it under the other's feet.
 */
const STARTING_PATH = process.env.PATH;

let installing: Promise<string> | undefined;

/** The `st` executable, installed on first use (once per run; a no-op while its stamp holds). */
export function fuzzerExecutable(cwd: string): Promise<string> {
  installing ??= runCommand(`bash ${JSON.stringify(INSTALL_SCRIPT)}`, {
    cwd,
    env: { ...process.env, PATH: STARTING_PATH },
    timeoutMs: 10 * 60_000,
  }).then(result => {
    const lines = result.output.trim().split('\n');
    const executable = lines[lines.length - 1]?.trim() ?? '';
    if (result.code !== 0 || !executable.endsWith('/st')) {
      installing = undefined;
      throw new Error(
        `installing schemathesis failed (exit ${result.code}): ${result.output.slice(-2000)}`,
      );
    }
    return executable;
  });
  return installing;
}

export interface FuzzOptions {
  /** The committed OpenAPI document. */
  document: string;
  baseUrl: string;
  seed: number;
  /** JSON run report written here. */
  reportFile: string;
  /** A bearer token allowed every write, when auth is on. */
  token?: string;
  maxExamples?: number;
}

/** The `st run` arguments (without the executable). */
export function fuzzArguments(options: FuzzOptions): string[] {
  return [
    'run',
    options.document,
    '--url',
    options.baseUrl,
    '--checks',
    'all',
    '--max-examples',
    String(options.maxExamples ?? FUZZ_MAX_EXAMPLES),
    '--seed',
    String(options.seed),
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--generation-database',
    'none',
    '--no-color',
    '--report',
    'json',
    '--report-json-path',
    options.reportFile,
    ...(options.token
      ? ['--header', `Authorization: Bearer ${options.token}`]
      : []),
  ];
}

/** Quotes an argument for bash. */
export function shellQuote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument)
    ? argument
    : `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** What the step reads of schemathesis's JSON run report (`--report json`). */
export interface FuzzReport {
  seed: number;
  runningTimeS: number;
  stopReason: string;
  exitCode: number;
  operations: {
    total: number;
    tested: number;
    errored: number;
    skipped: number;
  };
  testCases: {
    generated: number;
    withFailures: number;
    uniqueFailures: number;
  };
  phases: Record<string, string>;
  failures: {
    code: string;
    title: string;
    count: number;
    operations: string[];
  }[];
  errors: string[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Reads the JSON run report; throws when it is not one. */
export function readFuzzReport(json: unknown): FuzzReport {
  const report = record(json);
  if (typeof report.schemathesis_version !== 'string') {
    throw new Error('not a schemathesis JSON report (no schemathesis_version)');
  }
  const operations = record(report.operations);
  const cases = record(report.test_cases);
  return {
    seed: num(report.seed),
    runningTimeS: num(report.running_time),
    stopReason: String(report.stop_reason ?? ''),
    exitCode: num(report.exit_code),
    operations: {
      total: num(operations.total),
      tested: num(operations.tested),
      errored: num(operations.errored),
      skipped: num(operations.skipped),
    },
    testCases: {
      generated: num(cases.generated),
      withFailures: num(cases.with_failures),
      uniqueFailures: num(cases.unique_failures),
    },
    phases: Object.fromEntries(
      Object.entries(record(report.phases)).map(([phase, value]) => [
        phase,
        String(record(value).status ?? ''),
      ]),
    ),
    failures: (Array.isArray(report.failures) ? report.failures : []).map(f => {
      const failure = record(f);
      return {
        code: String(failure.code ?? ''),
        title: String(failure.title ?? failure.type ?? ''),
        count: num(failure.count),
        operations: Array.isArray(failure.operations)
          ? failure.operations.map(String)
          : [],
      };
    }),
    errors: (Array.isArray(report.errors) ? report.errors : []).map(e =>
      typeof e === 'string' ? e : JSON.stringify(e),
    ),
  };
}

/** `8/8 operations, 752 test cases, phases examples ✓ coverage ✓ fuzzing ✓ stateful ✓`. */
export function describeFuzzReport(report: FuzzReport): string {
  const phases = Object.entries(report.phases)
    .map(([phase, status]) => {
      const mark: Record<string, string> = {
        success: '✓',
        failure: '✗',
        skipped: '–',
        errored: '!',
      };
      return `${phase} ${mark[status] ?? status}`;
    })
    .join(' ');
  return `${report.operations.tested}/${report.operations.total} operations, ${report.testCases.generated} test cases, ${report.runningTimeS.toFixed(1)}s (${report.stopReason}); phases ${phases}`;
}

/** Why the run fails the step (every reason), or an empty list when it passes. */
export function fuzzProblems(report: FuzzReport): string[] {
  const problems: string[] = [];
  for (const failure of report.failures) {
    problems.push(
      `${failure.code} ${failure.title} ×${failure.count}: ${failure.operations.join(', ')}`,
    );
  }
  for (const error of report.errors)
    problems.push(`error: ${error.slice(0, 300)}`);
  if (report.operations.errored > 0) {
    problems.push(`${report.operations.errored} operations errored`);
  }
  if (report.testCases.generated === 0 || report.operations.tested === 0) {
    problems.push('no test case was generated: the run examined nothing');
  }
  return problems;
}

/** The failure sections of schemathesis's console output (what each failure was, how to replay it). */
export function failureSections(output: string, maxLines = 120): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex(line => /^_{3,} .+ _{3,}$/.test(line.trim()));
  const end = lines.findIndex(line =>
    /^={3,} SUMMARY ={3,}$/.test(line.trim()),
  );
  if (start < 0) return [];
  const section = lines
    .slice(start, end > start ? end : undefined)
    .map(line => (line.length > 300 ? `${line.slice(0, 299)}…` : line))
    .filter((line, i, all) => line.trim() !== '' || all[i - 1]?.trim() !== '');
  return section.length > maxLines
    ? [
        ...section.slice(0, maxLines),
        `… ${section.length - maxLines} more lines in the log`,
      ]
    : section;
}
