import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { writeRenderedFiles } from './writeFiles';

const file = (path: string, executable = false) => ({
  path,
  content: Buffer.from(`${path}\n`),
  executable,
  origin: { kind: 'renderer' as const },
});

describe('writeRenderedFiles', () => {
  const directory = createMockDirectory();

  beforeEach(() => directory.clear());

  it('writes files with their modes', async () => {
    await writeRenderedFiles(directory.path, [
      file('bin/run.sh', true),
      file('README.md'),
    ]);
    expect(directory.content()).toEqual({
      bin: { 'run.sh': 'bin/run.sh\n' },
      'README.md': 'README.md\n',
    });
    expect(fs.statSync(directory.resolve('bin/run.sh')).mode & 0o777).toBe(
      0o755,
    );
    expect(fs.statSync(directory.resolve('README.md')).mode & 0o777).toBe(
      0o644,
    );
  });

  it.each(['../escape.txt', '/etc/escape.txt', 'a/../../escape.txt'])(
    'refuses %s and writes nothing at all',
    async badPath => {
      await expect(
        writeRenderedFiles(directory.resolve('out'), [
          file('first.txt'),
          file(badPath),
        ]),
      ).rejects.toThrow(/outside/);
      expect(directory.content()).toEqual({});
    },
  );

  it('refuses a path through a symlink that leads outside an existing folder', async () => {
    directory.setContent({ out: {}, elsewhere: {} });
    fs.symlinkSync(
      directory.resolve('elsewhere'),
      directory.resolve('out/link'),
    );
    await expect(
      writeRenderedFiles(directory.resolve('out'), [
        file('first.txt'),
        file('link/escape.txt'),
      ]),
    ).rejects.toThrow(/outside/);
    expect(fs.readdirSync(directory.resolve('elsewhere'))).toEqual([]);
    expect(fs.existsSync(directory.resolve('out/first.txt'))).toBe(false);
  });
});
