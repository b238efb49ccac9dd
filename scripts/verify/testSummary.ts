/**
 * Reads what a test command says it ran. A test command that exits 0 proves nothing if every
 * test was skipped or none was collected, so the harness reads the runner's own summary: pytest
 * (`N passed, N skipped in 1.2s`), jest (`Tests: N passed, N total`), vitest
 * (`Tests  N passed | N skipped (N)`), go test -v (`--- PASS:` / `--- SKIP:` lines) or -json, and
 * Maven surefire/failsafe (`Tests run: N, Failures: F, Errors: E, Skipped: S`). Summaries of
 * several runs (or runners) in one output are added up.
 */

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** The runners whose summaries were read, e.g. ['pytest']. */
  runners: string[];
  /** The summary lines the counts come from (the last few). */
  evidence: string[];
}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  evidence: string[];
}

type Kind = 'passed' | 'failed' | 'skipped' | undefined;

function tally(): Tally {
  return { passed: 0, failed: 0, skipped: 0, evidence: [] };
}

function add(into: Tally, kind: Kind, count: number): void {
  if (kind) into[kind] += count;
}

/** `N word` items of one summary line, counted by what each word means. */
function addItems(
  into: Tally,
  items: string,
  meaning: Record<string, Kind>,
): void {
  for (const [, count, word] of items.matchAll(/(\d+) ([a-z]+)/g)) {
    add(into, meaning[word], Number(count));
  }
}

const PYTEST_WORDS: Record<string, Kind> = {
  passed: 'passed',
  xpassed: 'passed',
  failed: 'failed',
  error: 'failed',
  errors: 'failed',
  skipped: 'skipped',
  // An expected failure ran nothing that passed: it counts as a skip.
  xfailed: 'skipped',
};
const PYTEST =
  /^=*\s*(no tests ran|\d+ [a-z]+(?:, \d+ [a-z]+)*) in \d+(?:\.\d+)?s(?: \([\d:]+\))?\s*=*$/;

const JEST_WORDS: Record<string, Kind> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  todo: 'skipped',
  pending: 'skipped',
};
const JEST = /^Tests:\s+((?:\d+ [a-z]+, )*\d+ total)$/;
const VITEST = /^Tests\s+(\d+ [a-z]+(?: \| \d+ [a-z]+)*)\s+\(\d+\)$/;

const GO_LINE = /^\s*--- (PASS|FAIL|SKIP): \S+/;
const GO_KIND: Record<string, Kind> = {
  PASS: 'passed',
  pass: 'passed',
  FAIL: 'failed',
  fail: 'failed',
  SKIP: 'skipped',
  skip: 'skipped',
};

const MAVEN =
  /Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(.*)$/;

type Reader = (lines: string[]) => Tally | undefined;

const READERS: Record<string, Reader> = {
  pytest: lines => {
    const found = tally();
    for (const line of lines) {
      const match = PYTEST.exec(line);
      if (!match) continue;
      addItems(found, match[1], PYTEST_WORDS);
      found.evidence.push(line);
    }
    return found.evidence.length ? found : undefined;
  },
  jest: lines => {
    const found = tally();
    for (const line of lines) {
      const match = JEST.exec(line);
      if (!match) continue;
      addItems(found, match[1], JEST_WORDS);
      found.evidence.push(line);
    }
    return found.evidence.length ? found : undefined;
  },
  vitest: lines => {
    const found = tally();
    for (const line of lines) {
      const match = VITEST.exec(line);
      if (!match) continue;
      addItems(found, match[1], JEST_WORDS);
      found.evidence.push(line);
    }
    return found.evidence.length ? found : undefined;
  },
  'go test': lines => {
    const found = tally();
    for (const line of lines) {
      const match = GO_LINE.exec(line);
      if (match) add(found, GO_KIND[match[1]], 1);
    }
    const total = found.passed + found.failed + found.skipped;
    if (total === 0) return undefined;
    found.evidence.push(
      `--- PASS ×${found.passed}, --- FAIL ×${found.failed}, --- SKIP ×${found.skipped}`,
    );
    return found;
  },
  'go test -json': lines => {
    const found = tally();
    for (const line of lines) {
      if (!line.startsWith('{"') || !line.includes('"Test":')) continue;
      try {
        const event = JSON.parse(line) as { Action?: string; Test?: string };
        if (event.Test && event.Action) add(found, GO_KIND[event.Action], 1);
      } catch {
        // Not a test2json event.
      }
    }
    const total = found.passed + found.failed + found.skipped;
    if (total === 0) return undefined;
    found.evidence.push(
      `test2json: pass ×${found.passed}, fail ×${found.failed}, skip ×${found.skipped}`,
    );
    return found;
  },
  maven: lines => {
    // Per-class lines carry "Time elapsed"; the totals (one per module and plugin) do not.
    const all = lines.filter(line => MAVEN.test(line));
    const totals = all.filter(line => !/Time elapsed/.test(line));
    const used = totals.length ? totals : all;
    if (!used.length) return undefined;
    const found = tally();
    for (const line of used) {
      const [, run, failures, errors, skipped] = MAVEN.exec(line)!.map(Number);
      found.failed += failures + errors;
      found.skipped += skipped;
      found.passed += run - failures - errors - skipped;
      found.evidence.push(line.replace(/^\[\w+\]\s*/, ''));
    }
    return found;
  },
};

function cleanLines(output: string): string[] {
  return (
    output
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
      .split(/\r?\n|\r/)
      .map(line => line.trim())
      .filter(Boolean)
  );
}

/** The counts every test runner summary in `output` reports; undefined when it holds none. */
export function parseTestSummary(output: string): TestCounts | undefined {
  const lines = cleanLines(output);
  const counts: TestCounts = {
    passed: 0,
    failed: 0,
    skipped: 0,
    runners: [],
    evidence: [],
  };
  for (const [runner, read] of Object.entries(READERS)) {
    const found = read(lines);
    if (!found) continue;
    counts.runners.push(runner);
    counts.passed += found.passed;
    counts.failed += found.failed;
    counts.skipped += found.skipped;
    counts.evidence.push(...found.evidence);
  }
  if (!counts.runners.length) return undefined;
  counts.evidence = counts.evidence.slice(-3);
  return counts;
}

export const KNOWN_FORMATS =
  'pytest "N passed", jest "Tests: N passed, N total", vitest "Tests  N passed (N)", ' +
  'go test -v "--- PASS:" lines or -json, Maven "Tests run: N, Failures: F, Errors: E, Skipped: S"';

/**
 * The rule for a test command that exited 0: its output must report at least one passed test,
 * no failed and no skipped one. `problem` says what is wrong (it completes "… exited 0, but").
 */
export function readTestRun(output: string): {
  counts?: TestCounts;
  problem?: string;
} {
  const counts = parseTestSummary(output);
  if (!counts) {
    const goQuiet = cleanLines(output).some(line =>
      /^ok\s+\S+\s+(\(cached\)|[\d.]+s)/.test(line),
    );
    return {
      problem: `its output holds no test summary the harness can read (${KNOWN_FORMATS}), so nothing shows that a test ran${goQuiet ? '; go test prints per-test lines only with -v' : ''}`,
    };
  }
  const what = describeCounts(counts);
  if (counts.failed > 0)
    return { counts, problem: `it reports failed tests: ${what}` };
  if (counts.passed === 0)
    return { counts, problem: `it reports no passed test: ${what}` };
  if (counts.skipped > 0) {
    return {
      counts,
      problem: `it reports ${counts.skipped} skipped test(s), and every test must run: ${what}`,
    };
  }
  return { counts };
}

/** E.g. `44 passed, 0 failed, 0 skipped (pytest: "44 passed, 2 deselected in 3.57s")`. */
export function describeCounts(counts: TestCounts): string {
  const last = counts.evidence[counts.evidence.length - 1] ?? '';
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${counts.runners.join(' + ')}: "${last.replace(/^=+\s*|\s*=+$/g, '')}")`;
}
