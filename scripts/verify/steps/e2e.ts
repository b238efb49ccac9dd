/**
 * e2e: the stack's smoke tests (`command.e2e`) against the booted service (SERVICE_URL). Like
 * `test`, its output must report at least one passed test and none skipped: smoke tests that all
 * skip prove nothing.
 */
import { requiredCommand, runTestCommand } from '../commands';
import type { HarnessStep } from './step';

export const e2eStep: HarnessStep = {
  name: 'e2e',
  blocking: false,
  async run(ctx) {
    const e2e = requiredCommand(ctx, 'e2e');
    const summary = await runTestCommand(
      ctx,
      'e2e',
      e2e,
      ctx.serviceEnv({ SERVICE_URL: ctx.baseUrl }),
    );
    return `SERVICE_URL=${ctx.baseUrl} ${summary}`;
  },
};
