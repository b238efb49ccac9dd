import { createMockDirectory } from '@backstage/backend-test-utils';
import { stringify as stringifyYaml } from 'yaml';
import { builtInBlueprintsDirectory, loadBlueprints } from './loadBlueprints';

describe('loadBlueprints', () => {
  const directory = createMockDirectory();

  it('reports an invalid manifest with its path and the fields at fault', async () => {
    directory.setContent({
      'stacks/broken/blueprint.yaml': stringifyYaml({
        kind: 'stack',
        name: 'broken',
        title: 'Broken',
        description: 'No facts',
        version: '1.0.0',
      }),
    });
    await expect(loadBlueprints([directory.path])).rejects.toThrow(
      /Invalid blueprint manifest .*stacks\/broken\/blueprint\.yaml: facts: /,
    );
  });

  it('loads every built-in blueprint', async () => {
    const catalog = await loadBlueprints([builtInBlueprintsDirectory()]);
    expect([...catalog.stacks.keys()]).toContain('python-fastapi');
    expect([...catalog.layers.keys()]).toEqual(
      expect.arrayContaining(['catalog', 'techdocs']),
    );
  });
});
