import { builtInRenderer } from '../__testUtils__/testRenderer';
import { nextSteps } from './nextSteps';

describe('nextSteps', () => {
  it('lists the stack commands in the order a developer runs them', async () => {
    const renderer = await builtInRenderer();
    const { spec } = await renderer.render({
      name: 'orders-service',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders',
    });
    const { facts } = renderer.catalog.stacks.get(spec.stack)!.manifest;

    const lines = nextSteps(facts, spec).split('\n');

    expect(lines[0]).toBe('cd orders');
    const order = [
      facts.commands.install,
      facts.commands.migrate,
      facts.commands.test,
    ].map(command => lines.indexOf(command));
    expect(order.every(index => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines.at(-1)).toContain(
      `http://localhost:${facts.port}${facts.openapi.path}`,
    );
  });
});
