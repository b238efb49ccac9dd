/**
 * auth (auth "jwt" only): the stack's `token` command prints a development token, and that token
 * is allowed every write (a create, then a delete with it). The contract's refusals (no token,
 * no scope, bad tokens) are the conformance suite's.
 */
import { CheckFailure } from '../common';
import { requiredCommand, runStepCommand } from '../commands';
import { describe, expectStatus } from '../conformance/client';
import { Suite } from '../conformance/suite';
import { lastLines } from '../processes';
import { conformanceTarget } from './conformance';
import type { HarnessStep } from './step';

export const authStep: HarnessStep = {
  name: 'auth',
  blocking: false,
  notApplicable: ctx =>
    ctx.service && ctx.spec.auth === 'none'
      ? 'auth is off in this variant'
      : undefined,
  async run(ctx) {
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
    const headers = { Authorization: `Bearer ${token}` };
    const suite = new Suite(conformanceTarget(ctx));
    try {
      const created = await suite.client.request('POST', ctx.collectionPath, {
        json: suite.validBody(),
        headers,
      });
      expectStatus(created, 201, `with the token of \`${tokenCommand}\``);
      const id = String((created.json as { id?: unknown }).id);
      const deleted = await suite.client.request('DELETE', suite.itemPath(id), {
        headers,
      });
      expectStatus(deleted, 204, `with the token of \`${tokenCommand}\``);
      ctx.authHeaders = headers;
      return `\`${tokenCommand}\` printed a token (${token.length} characters) that creates (${describe(created)}) and deletes (${describe(deleted)})`;
    } catch (error) {
      throw new CheckFailure((error as Error).message, ctx.appLogTail());
    }
  },
};
