/**
 * The generated project's own toolchain commands, from the stack's facts: setup (optional),
 * install, lint, typecheck, and test (which must report tests that passed, none skipped).
 */
import { INSTALL_TIMEOUT_MS } from '../common';
import {
  requiredCommand,
  runFactCommand,
  runStepCommand,
  runTestCommand,
  type CommandName,
} from '../commands';
import { brief } from '../network';
import { lastLines } from '../processes';
import type { HarnessStep } from './step';

export const setupStep: HarnessStep = {
  name: 'setup',
  notApplicable: ctx =>
    ctx.facts.commands.setup
      ? undefined
      : 'the stack declares no facts.commands.setup: commands run in the current toolchain',
  async run(ctx) {
    const setup = requiredCommand(ctx, 'setup');
    const result = await runStepCommand(ctx, 'setup', setup, {
      activate: false,
    });
    const last = lastLines(result.output, 1)[0];
    return `\`${setup}\`${last ? `: ${brief(last, 100)}` : ''}`;
  },
};

/** A step that runs facts command `command` and passes when it exits 0. */
function factStep(
  name: string,
  command: CommandName,
  timeoutMs?: number,
): HarnessStep {
  return {
    name,
    run: ctx => runFactCommand(ctx, name, command, timeoutMs),
  };
}

export const installStep = factStep('install', 'install', INSTALL_TIMEOUT_MS);
export const lintStep = factStep('lint', 'lint');
export const typecheckStep = factStep('typecheck', 'typecheck');

/** `commands.test` with DATABASE_URL: exit 0 and a summary with N > 0 passed, 0 skipped. */
export const testStep: HarnessStep = {
  name: 'test',
  run: ctx => runTestCommand(ctx, 'test', requiredCommand(ctx, 'test')),
};
