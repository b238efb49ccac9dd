/**
 * Running the stack's commands (`stack.command.<role>` of the rendered context) for a step:
 * through bash in the rendered service, after the stack's activation, logged per step. A failure names the command, the generated files its
 * output mentions (with the blueprint file each came from) and the tail of the output.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  describeOrigin,
  type CommandRole,
  type RenderedService,
  type StackContext,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  CheckFailure,
  COMMAND_TIMEOUT_MS,
  OUTPUT_TAIL,
  seconds,
} from './common';
import type { VariantContext } from './context';
import { brief } from './network';
import { lastLines, runCommand, type CommandResult } from './processes';
import { describeCounts, readTestRun } from './testSummary';

export type CommandName = CommandRole;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Generated files whose path appears in a command's output, with the blueprint file behind each. */
export function filesNamedIn(
  output: string,
  service: RenderedService | undefined,
): string[] {
  if (!service) return [];
  const named: string[] = [];
  for (const file of service.files) {
    const pattern = new RegExp(
      `(^|[\\s/"'(\`])${escapeRegExp(file.path)}($|[\\s:"')\`,])`,
      'm',
    );
    if (pattern.test(output))
      named.push(`${file.path}  ← ${describeOrigin(file.origin)}`);
    if (named.length >= 10) break;
  }
  return named;
}

/** The script bash runs: the stack's activation (if any), then the command. */
export function activationScript(
  stack: Pick<StackContext, 'command'>,
  command: string,
  activate = true,
): string {
  const prelude = activate ? stack.command.activate : undefined;
  return prelude
    ? `${prelude} || { echo "activation failed: ${prelude.replace(/["\\$`]/g, '\\$&')}" >&2; exit 97; }\n${command}`
    : command;
}

export interface StepCommandResult extends CommandResult {
  logFile: string;
}

/** What a failure of `command` prints: the command, the files its output names, its tail. */
export function outputDetail(
  ctx: VariantContext,
  command: string,
  result: StepCommandResult,
): string[] {
  const named = filesNamedIn(result.output, ctx.service);
  return [
    `command: ${command}`,
    `cwd: ${ctx.serviceDir}`,
    ...(named.length
      ? [
          'files named in the output (generated path ← blueprint file):',
          ...named.map(f => `  ${f}`),
        ]
      : []),
    `last ${OUTPUT_TAIL} lines of output (full log: ${result.logFile}${ctx.keepHint}):`,
    ...lastLines(result.output, OUTPUT_TAIL).map(line => `| ${line}`),
  ];
}

/** Runs `command` for `step`; a non-zero exit, a signal or a timeout fails the check. */
export async function runStepCommand(
  ctx: VariantContext,
  step: string,
  command: string,
  options: {
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    activate?: boolean;
  } = {},
): Promise<StepCommandResult> {
  const logFile = path.join(ctx.logDir, `${step.replace(/\W+/g, '-')}.log`);
  fs.writeFileSync(logFile, `$ ${command}\n`);
  const run = await runCommand(
    activationScript(ctx.manifest, command, options.activate),
    {
      cwd: ctx.serviceDir,
      env: options.env ?? ctx.commandEnv(),
      timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
      logFile,
    },
  );
  const result = { ...run, logFile };
  if (result.code !== 0) {
    let how = `exit code ${result.code}`;
    if (result.timedOut) how = `timed out after ${seconds(result.durationMs)}`;
    else if (result.code === null) how = `killed by ${result.signal}`;
    throw new CheckFailure(
      `\`${command}\` failed (${how})`,
      outputDetail(ctx, command, result),
    );
  }
  return result;
}

/** The stack's command `name`; a stack that does not declare it fails the check. */
export function requiredCommand(
  ctx: VariantContext,
  name: CommandName,
): string {
  const command = ctx.manifest.command[name];
  if (!command) throw new CheckFailure(`the stack declares no ${name} command`);
  return command;
}

/** Runs the stack's command of a role as a check; the summary is the last line it printed. */
export async function runFactCommand(
  ctx: VariantContext,
  step: string,
  name: CommandName,
  timeoutMs?: number,
): Promise<string> {
  const command = requiredCommand(ctx, name);
  const result = await runStepCommand(ctx, step, command, { timeoutMs });
  return `\`${command}\`: ${brief(lastLines(result.output, 1)[0] ?? '(no output)', 120)}`;
}

/**
 * Runs a test command: besides exiting 0, its output must report at least one passed test, no
 * failed and no skipped one (see `testSummary.ts`).
 */
export async function runTestCommand(
  ctx: VariantContext,
  step: string,
  command: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  const result = await runStepCommand(ctx, step, command, { env });
  const { counts, problem } = readTestRun(result.output);
  if (problem || !counts) {
    throw new CheckFailure(
      `\`${command}\` exited 0, but ${problem}`,
      outputDetail(ctx, command, result),
    );
  }
  return `\`${command}\`: ${describeCounts(counts)}`;
}
