/**
 * The resource's API: auth (when on, a write without a token answers 401, and
 * `commands.token` prints a token for the next checks) and the CRUD round trip.
 */
import { CheckFailure } from '../common';
import { requiredCommand, runStepCommand } from '../commands';
import { crudRoundTrip, unauthenticatedWrite } from '../crud';
import { lastLines } from '../processes';
import type { HarnessStep } from './step';

export const authStep: HarnessStep = {
  name: 'auth',
  notApplicable: ctx =>
    (ctx.service?.spec.auth ?? ctx.variant.input.auth ?? 'none') === 'none'
      ? 'auth is off in this variant'
      : undefined,
  async run(ctx) {
    const refused = await unauthenticatedWrite({
      baseUrl: ctx.baseUrl,
      openapi: ctx.openapi,
      collectionPath: ctx.collectionPath,
    });
    const tokenCommand = requiredCommand(ctx, 'token');
    const result = await runStepCommand(ctx, 'token', tokenCommand, {
      env: ctx.serviceEnv(),
    });
    const token = lastLines(result.output, 1)[0]?.trim() ?? '';
    if (!/^\S{16,}$/.test(token)) {
      throw new CheckFailure(
        `\`${tokenCommand}\` printed no token`,
        lastLines(result.output, 10),
      );
    }
    ctx.authHeaders = { Authorization: `Bearer ${token}` };
    return `${refused}; token from \`facts.commands.token\` (${token.length} characters)`;
  },
};

export const crudStep: HarnessStep = {
  name: 'crud',
  async run(ctx) {
    const collection = ctx.collectionPath;
    let calls: string[];
    try {
      calls = await crudRoundTrip({
        baseUrl: ctx.baseUrl,
        openapi: ctx.openapi,
        collectionPath: collection,
        headers: ctx.authHeaders,
      });
    } catch (error) {
      const died = await ctx.serviceDied('during the CRUD round trip');
      if (died) throw died;
      throw new CheckFailure((error as Error).message, ctx.appLogTail());
    }
    if (calls.length === 0)
      throw new CheckFailure(`the round trip made no call on ${collection}`);
    return { summary: `${calls.length} calls on ${collection}`, detail: calls };
  },
};
