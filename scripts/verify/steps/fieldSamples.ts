/**
 * field samples: random valid field lists, from the property tests' own generator filtered by the
 * stack's rules, each rendered over the installed service (same request, other fields) and run
 * through the stack's lint and typecheck commands. The variants fix their fields; this finds the
 * name, type and limit combinations they miss. The seed is printed; VERIFY_FIELDS_SEED replays it.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { validFieldListsFor } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice/testUtils';
import { renderToDirectory } from '../../lib/renderService';
import { CheckFailure } from '../common';
import { requiredCommand, runStepCommand } from '../commands';
import type { VariantContext } from '../context';
import { brief } from '../network';
import type { HarnessStep } from './step';

/** The seed of this run's field lists: VERIFY_FIELDS_SEED when set, else a fresh one. */
export function fieldSampleSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.VERIFY_FIELDS_SEED;
  if (given === undefined || given === '') {
    return Math.floor(Math.random() * 0x7fffffff);
  }
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) {
    throw new CheckFailure(
      `VERIFY_FIELDS_SEED must be an integer, not "${given}"`,
    );
  }
  return seed;
}

/** How many lists: the variant's number, or VERIFY_FIELD_SAMPLES (a longer search, by hand). */
export function fieldSampleCount(
  variantCount: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const given = env.VERIFY_FIELD_SAMPLES;
  if (given === undefined || given === '') return variantCount;
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1) {
    throw new CheckFailure(
      `VERIFY_FIELD_SAMPLES must be a whole number above 0, not "${given}"`,
    );
  }
  return count;
}

/** A field of a sampled list: its name and type, and the limits and flags of the form. */
type SampledField = { name: string; type: string } & Record<string, unknown>;

/** `count` field lists the rules accept for this variant's request, the same for the same seed. */
export function sampleFieldLists(
  stack: string,
  request: Record<string, unknown>,
  seed: number,
  count: number,
): SampledField[][] {
  return fc.sample(validFieldListsFor(stack, request), {
    seed,
    numRuns: count,
  }) as SampledField[][];
}

/** Re-renders the service with `fields` in place of the variant's, leaving installed tools. */
async function renderWithFields(
  ctx: VariantContext,
  fields: SampledField[],
): Promise<void> {
  for (const file of ctx.service?.files ?? []) {
    fs.rmSync(path.join(ctx.serviceDir, file.path), { force: true });
  }
  ctx.service = await renderToDirectory(
    ctx.renderer,
    { ...ctx.variant.input, fields },
    ctx.serviceDir,
  );
}

export const fieldSamplesStep: HarnessStep = {
  name: 'field samples',
  notApplicable: ctx =>
    ctx.variant.fieldSamples
      ? undefined
      : 'random field lists are checked in the variant with a field of every type',
  async run(ctx) {
    const seed = fieldSampleSeed();
    const stack = String(ctx.variant.input.stack);
    const lists = sampleFieldLists(
      stack,
      ctx.variant.input,
      seed,
      fieldSampleCount(ctx.variant.fieldSamples ?? 0),
    );
    const commands = (['lint', 'typecheck'] as const).map(role => ({
      role,
      run: requiredCommand(ctx, role),
    }));
    // Every list runs, so one run reports every list that fails (the first in full).
    const failures: {
      which: string;
      fields: SampledField[];
      error: CheckFailure;
    }[] = [];
    for (const [index, fields] of lists.entries()) {
      try {
        await renderWithFields(ctx, fields);
        for (const { role, run } of commands) {
          await runStepCommand(ctx, `field-sample-${index + 1}-${role}`, run);
        }
      } catch (error) {
        failures.push({
          which: `field list ${index + 1}`,
          fields,
          error:
            error instanceof CheckFailure
              ? error
              : new CheckFailure((error as Error).message),
        });
      }
    }
    if (failures.length) {
      const [first] = failures;
      throw new CheckFailure(
        `${failures.length} of ${lists.length} random field lists failed (replay: VERIFY_FIELDS_SEED=${seed}); ${first.which}: ${first.error.message}`,
        [
          ...failures.map(
            ({ which, fields, error }) =>
              `${which}: ${brief(error.message, 100)} — fields ${JSON.stringify(fields)}`,
          ),
          ...first.error.detail,
        ],
      );
    }
    return {
      summary: `${lists.length} random field lists (seed ${seed}) pass \`${commands.map(c => c.run).join('` and `')}\``,
      detail: lists.map(
        (fields, i) =>
          `${i + 1}: ${fields.map(f => `${f.name}:${f.type}`).join(' ')}`,
      ),
    };
  },
};
