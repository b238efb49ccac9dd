/**
 * The harness's own test (`verify.ts --self-test`): a copy of the python-fastapi stack with a
 * Python syntax error in one verbatim file, passed as an extra blueprint folder (it replaces the
 * built-in stack of the same name), must fail the variant at the lint step with a message naming
 * the stack, the step and the file, count every later check as failed, and never start
 * PostgreSQL (the database is provisioned lazily, after lint). It costs one render, one venv and
 * one dependency install (~20 s with a warm pip cache).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtInBlueprintsDirectory } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { runHarness } from './harness';

const STACK = 'python-fastapi';
/** The package of the default service (orders-service), in the stack's path segments. */
const PACKAGE_SEGMENT = '{{ stack.language.packageName }}';
const PACKAGE = 'orders_service';

/**
 * A verbatim (not templated) module of the stack's package, so the broken line reaches the
 * generated code unchanged; found rather than named, since the stack's files change.
 */
function verbatimModule(filesDir: string): string | undefined {
  const found = (fs.readdirSync(filesDir, { recursive: true }) as string[])
    .map(file => file.split(path.sep).join('/'))
    .filter(
      file =>
        file.startsWith(`src/${PACKAGE_SEGMENT}/`) &&
        file.endsWith('.py') &&
        !file.endsWith('__init__.py') &&
        fs.statSync(path.join(filesDir, file)).size > 0,
    )
    .sort();
  return found[0];
}

export async function selfTest(): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-self-test-'));
  const lines: string[] = [];
  const problems: string[] = [];
  try {
    const stackDir = path.join(root, 'stacks', STACK);
    fs.cpSync(
      path.join(builtInBlueprintsDirectory(), 'stacks', STACK),
      stackDir,
      {
        recursive: true,
      },
    );
    const BROKEN_SOURCE = verbatimModule(path.join(stackDir, 'files'));
    if (!BROKEN_SOURCE) {
      throw new Error(
        `${STACK} has no verbatim .py module under files/src/${PACKAGE_SEGMENT}/ to break`,
      );
    }
    const BROKEN_GENERATED = BROKEN_SOURCE.replace(PACKAGE_SEGMENT, PACKAGE);
    const broken = path.join(stackDir, 'files', BROKEN_SOURCE);
    fs.appendFileSync(broken, '\n\ndef broken(:\n    pass\n');
    process.stdout.write(
      `self-test: added a syntax error to a copy of ${STACK}'s files/${BROKEN_SOURCE} (${root}); running the harness on it\n`,
    );

    const result = await runHarness({
      stacks: [STACK],
      variants: ['default'],
      blueprintDirectories: [root],
      keep: false,
      reporter: {
        line: text => {
          lines.push(text);
          process.stdout.write(`  │ ${text.replace(/\n/g, '\n  │ ')}\n`);
        },
      },
    });
    const output = lines.join('\n');
    const firstFailure = result.checks.find(c => c.status === 'fail');
    const expect = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    expect(result.failed > 0, 'the harness reported no failure');
    expect(
      firstFailure?.step === 'lint',
      `the first failing step is ${firstFailure?.step ?? 'none'}, not lint`,
    );
    const failLine =
      lines.find(l => /^\s*FAIL python-fastapi\/default lint\b/.test(l)) ?? '';
    expect(failLine !== '', 'no "FAIL python-fastapi/default lint" line');
    expect(
      output.includes(`stack ${STACK}, variant default, step lint`),
      'the failure message does not name the stack, variant and step',
    );
    expect(
      output.includes(BROKEN_GENERATED),
      `the failure does not name the generated file ${BROKEN_GENERATED}`,
    );
    expect(
      output.includes(`file ${BROKEN_SOURCE}`),
      `the failure does not name the blueprint file ${BROKEN_SOURCE}`,
    );
    const afterLint = result.checks.slice(
      result.checks.findIndex(c => c.step === 'lint') + 1,
    );
    const skipped = afterLint.filter(c => c.status === 'skipped');
    expect(
      skipped.length > 0 &&
        afterLint.every(
          c => c.status === 'skipped' || c.status === 'not-applicable',
        ),
      'the checks after lint are not all "skipped after failure" (or not applicable)',
    );
    expect(
      result.failed === 1 + skipped.length &&
        result.passed === result.checks.filter(c => c.status === 'pass').length,
      `failed count ${result.failed} is not lint + ${skipped.length} skipped checks`,
    );
    expect(
      output.includes(`${result.passed} passed, ${result.failed} failed`),
      'no closing "N passed, N failed" line',
    );
    expect(
      !/PostgreSQL: /.test(output),
      'PostgreSQL was started although no step needed it',
    );
  } catch (error) {
    problems.push(
      `the harness threw: ${(error as Error).stack ?? String(error)}`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (problems.length) {
    process.stdout.write(
      `\nself-test FAILED:\n${problems.map(p => `  - ${p}`).join('\n')}\n0 passed, 1 failed\n`,
    );
    return 1;
  }
  process.stdout.write(
    '\nself-test: a syntax error in a blueprint fails the lint step, naming the stack, the step, the generated file and its blueprint file\n1 passed, 0 failed\n',
  );
  return 0;
}
