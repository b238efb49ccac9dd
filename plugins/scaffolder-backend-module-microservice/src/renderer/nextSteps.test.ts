import { builtInRenderer } from '../__testUtils__/testRenderer';
import { nextSteps } from './nextSteps';

describe('nextSteps', () => {
  it('lists the stack quick-start commands in the manifest order, after cd', async () => {
    const renderer = await builtInRenderer();
    const { context } = await renderer.render({
      name: 'orders-service',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders',
    });
    const { stack, spec } = context;

    const lines = nextSteps(context).split('\n');

    expect(lines[0]).toBe('cd orders');
    expect(lines.slice(1, -1)).toEqual(
      stack.quickStart.slice(0, -1).map(command => command.run),
    );
    expect(lines.at(-1)).toBe(
      `${stack.command.start}  # then open http://localhost:${stack.runtime.port}${spec.api.paths.docs}`,
    );
    const roles = stack.quickStart.map(command => command.role);
    expect(roles).toEqual(
      expect.arrayContaining(['install', 'migrate', 'test', 'start']),
    );
  });
});
