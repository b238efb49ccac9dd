/** render: the real engine renders the variant's form values into the service dir. */
import { CheckFailure } from '../common';
import { renderToDirectory } from '../../lib/renderService';
import type { HarnessStep } from './step';

export const renderStep: HarnessStep = {
  name: 'render',
  async run(ctx) {
    try {
      ctx.service = await renderToDirectory(
        ctx.renderer,
        ctx.variant.input,
        ctx.serviceDir,
      );
    } catch (error) {
      // The engine's message names the blueprint and the file (and the variable).
      throw new CheckFailure(`render failed: ${(error as Error).message}`);
    }
    if (ctx.service.files.length === 0)
      throw new CheckFailure('the render produced no files');
    return `${ctx.service.files.length} files; layers ${ctx.service.layers.join(', ')}`;
  },
};
