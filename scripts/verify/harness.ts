/**
 * The verification harness: renders each stack in each variant into a temp dir and runs the
 * generated project's own commands (the stack's commands by role, from the rendered context) the
 * way its README tells a developer to, against a private PostgreSQL, then boots the service and
 * holds it to the API contract: probes, the conformance suite and the API fuzzer.
 *
 * The checks are the steps of `steps/index.ts`, run in order by `runner.ts`: one PASS/FAIL/SKIP
 * line each; after a failure of a blocking step every later check of the variant is reported as
 * failed ("skipped after failure"), never as passed. Nothing here names a language or a stack:
 * all comes from the rendered context and the contract.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FieldInput } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { createScriptRenderer } from '../lib/renderService';
import {
  UsageError,
  type CheckResult,
  type HarnessOptions,
  type HarnessResult,
} from './common';
import { VariantContext } from './context';
import { printSummary, variantTiming } from './report';
import { registerTemporaryDirectory, releaseAll } from './resources';
import { CheckRecorder } from './runner';
import { releaseService, STEPS } from './steps';
import { variantsFor } from './variants';

export {
  consoleReporter,
  UsageError,
  type CheckResult,
  type CheckStatus,
  type HarnessOptions,
  type HarnessResult,
  type Reporter,
} from './common';
export { releaseAll } from './resources';

/** The form values in one line; a field list by its names and types. */
function describeInput(input: Record<string, unknown>): string {
  const { fields, ...rest } = input;
  const list = Array.isArray(fields)
    ? {
        fields: fields
          .map(f => `${(f as FieldInput).name}:${(f as FieldInput).type}`)
          .join(' '),
      }
    : {};
  return JSON.stringify({ ...rest, ...list });
}

export async function runHarness(
  options: HarnessOptions,
): Promise<HarnessResult> {
  const { reporter } = options;
  const renderer = await createScriptRenderer({
    extraBlueprintDirectories: options.blueprintDirectories,
  });
  const installed = renderer.choices.stacks;
  const unknown = options.stacks.filter(s => !installed.includes(s));
  if (unknown.length) {
    throw new UsageError(
      `unknown stack ${unknown.join(', ')} (installed: ${installed.join(', ')})`,
    );
  }
  const stacks = options.stacks.length ? options.stacks : [...installed];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
  registerTemporaryDirectory(root);
  const checks: CheckResult[] = [];
  const wallStart = Date.now();
  const timings: string[] = [];
  try {
    for (const stack of stacks) {
      const blueprint = renderer.catalog.stacks.get(stack)!;
      const all = variantsFor(stack, renderer.choices);
      const unknownVariants = options.variants.filter(
        v => !all.some(a => a.name === v),
      );
      if (unknownVariants.length) {
        throw new UsageError(
          `unknown variant ${unknownVariants.join(', ')} (variants: ${all.map(v => v.name).join(', ')})`,
        );
      }
      const variants = options.variants.length
        ? all.filter(v => options.variants.includes(v.name))
        : all;
      reporter.line(
        `\n# stack ${stack} (${blueprint.directory}): variants ${variants.map(v => v.name).join(', ')}`,
      );
      for (const variant of variants) {
        const ctx = new VariantContext(
          stack,
          variant,
          path.join(root, `${stack}-${variant.name}`),
          options,
          renderer,
        );
        reporter.line(
          `\n== ${stack} / ${variant.name}: ${variant.description}\n   ${describeInput(variant.input)} → ${ctx.serviceDir}`,
        );
        const recorder = new CheckRecorder(stack, variant.name, reporter);
        const started = Date.now();
        try {
          await recorder.runAll(STEPS, ctx);
        } finally {
          await releaseService(ctx);
          checks.push(...recorder.checks);
        }
        timings.push(
          variantTiming(
            `${stack}/${variant.name}`,
            Date.now() - started,
            recorder.checks,
          ),
        );
      }
    }
  } finally {
    if (options.keep) {
      reporter.line(`\nKept the rendered services and logs under ${root}`);
    }
    releaseAll({ keepDirectories: options.keep });
  }
  const { passed, failed } = printSummary(
    reporter,
    checks,
    timings,
    Date.now() - wallStart,
  );
  return { passed, failed, checks, directories: [root] };
}
