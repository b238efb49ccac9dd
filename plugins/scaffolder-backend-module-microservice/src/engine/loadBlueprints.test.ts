import { createMockDirectory } from '@backstage/backend-test-utils';
import { stringify as stringifyYaml } from 'yaml';
import {
  fixtureStack,
  stackManifest,
} from '../__testUtils__/fixtureBlueprints';
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
      /Invalid blueprint manifest .*stacks\/broken\/blueprint\.yaml: language: .*; runtime: .*; commands: /,
    );
  });

  it('refuses keys the contract does not have, so a typo is not silently ignored', async () => {
    directory.setContent({
      'stacks/typo/blueprint.yaml': stackManifest('typo', {
        runtime: { ...fixtureStack.runtime, prot: 8080 },
      }),
    });
    await expect(loadBlueprints([directory.path])).rejects.toThrow(
      /runtime: Unrecognized key: "prot"/,
    );
  });

  it('refuses a stack without a command the harness and CI run', async () => {
    directory.setContent({
      'stacks/partial/blueprint.yaml': stackManifest('partial', {
        commands: fixtureStack.commands.filter(c => c.role !== 'migrateDown'),
      }),
    });
    await expect(loadBlueprints([directory.path])).rejects.toThrow(
      /a stack must declare a "migrateDown" command/,
    );
  });

  it('refuses a type table that misses a field type', async () => {
    const { enum: _left, ...types } = fixtureStack.language.types;
    directory.setContent({
      'stacks/untyped/blueprint.yaml': stackManifest('untyped', {
        language: { ...fixtureStack.language, types },
      }),
    });
    await expect(loadBlueprints([directory.path])).rejects.toThrow(
      /language\.types\.enum: /,
    );
  });

  it('reads files once and hashes the folder: any change to it changes the hash', async () => {
    directory.setContent({
      'stacks/hashed/blueprint.yaml': stackManifest('hashed'),
      'stacks/hashed/files/a.txt': 'one',
    });
    const first = (await loadBlueprints([directory.path])).stacks.get(
      'hashed',
    )!;
    expect(first.files.map(f => [f.path, f.content.toString()])).toEqual([
      ['a.txt', 'one'],
    ]);
    directory.addContent({ 'stacks/hashed/files/a.txt': 'two' });
    const second = (await loadBlueprints([directory.path])).stacks.get(
      'hashed',
    )!;
    expect(first.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.contentHash).not.toBe(first.contentHash);
  });

  it('loads every built-in blueprint', async () => {
    const catalog = await loadBlueprints([builtInBlueprintsDirectory()]);
    expect([...catalog.stacks.keys()]).toContain('python-fastapi');
    expect([...catalog.layers.keys()]).toEqual(
      expect.arrayContaining(['api-contract', 'catalog', 'techdocs']),
    );
  });
});
