/**
 * Verification harness: renders services from the blueprints and proves they work, by running
 * each generated project's own commands against a private PostgreSQL and probing the booted
 * service. See scripts/verify/README.md.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs scripts/verify/verify.ts \
 *     [--stack NAME]... [--variant NAME]... [--blueprints DIR]... [--keep] [--self-test]
 */
import { parseArgs } from 'node:util';
import { consoleReporter, releaseAll, runHarness, UsageError } from './harness';
import { killAllGroups } from './processes';
import { selfTest } from './selfTest';

const HELP = `Usage: verify.ts [--stack NAME]... [--variant NAME]... [--blueprints DIR]... [--keep]
       verify.ts --self-test

Renders each stack (default: every installed stack) in each variant (default: all of them:
default, all-on, minimal, plus one per extra database) into a temp dir, and runs the generated
project's commands by role: setup, install, lint, typecheck, migrate up/down/up, test (which must
leave the development database alone); then boots it and holds it to the API contract: liveness,
readiness, metrics, the served OpenAPI document against the committed one, the stack's token, the
shared conformance suite, its own e2e smoke tests and the schemathesis fuzzer. Prints one
PASS/FAIL line per check and ends with "N passed, N failed"; exits 1 if anything failed.

  --stack NAME       verify only this stack (repeatable)
  --variant NAME     verify only this variant (repeatable)
  --blueprints DIR   an extra blueprint folder (a stack of the same name replaces ours)
  --keep             keep the rendered services and their logs
  --self-test        prove the harness catches a broken blueprint (a Python syntax error must fail
                     the lint step, naming the stack, the step and the file)`;

let exiting = false;
function cleanupAndExit(code: number, why?: string): never {
  if (!exiting) {
    exiting = true;
    if (why)
      process.stderr.write(`\n${why}: stopping the services and PostgreSQL\n`);
    killAllGroups();
    releaseAll();
  }
  process.exit(code);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stack: { type: 'string', multiple: true, default: [] },
      variant: { type: 'string', multiple: true, default: [] },
      blueprints: { type: 'string', multiple: true, default: [] },
      keep: { type: 'boolean', default: false },
      'self-test': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values['self-test']) return selfTest();
  const result = await runHarness({
    stacks: values.stack,
    variants: values.variant,
    blueprintDirectories: values.blueprints,
    keep: values.keep,
    reporter: consoleReporter,
  });
  return result.failed > 0 ? 1 : 0;
}

process.on('SIGINT', () => cleanupAndExit(130, 'SIGINT'));
process.on('SIGTERM', () => cleanupAndExit(143, 'SIGTERM'));
process.on('SIGHUP', () => cleanupAndExit(129, 'SIGHUP'));
process.on('exit', () => {
  if (!exiting) {
    killAllGroups();
    releaseAll();
  }
});

main().then(
  code => cleanupAndExit(code),
  error => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      cleanupAndExit(2);
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    cleanupAndExit(1);
  },
);
