import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, readMigrations } from '../../src/db/migrator.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'migrations-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function write(files: Record<string, string>): URL {
  mkdirSync(path.join(folder, 'meta'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(folder, name), content);
  return pathToFileURL(`${folder}/`);
}

describe('reading migrations', () => {
  it('follows the journal order, with the down files beside', () => {
    const url = write({
      'meta/_journal.json': JSON.stringify({
        entries: [
          { idx: 1, tag: '0001_b' },
          { idx: 0, tag: '0000_a' },
        ],
      }),
      '0000_a.sql': 'create table a ();',
      '0000_a.down.sql': 'drop table a;',
      '0001_b.sql': 'create table b ();',
    });
    const migrations = readMigrations(url);
    expect(migrations.map((m) => [m.tag, m.down])).toEqual([
      ['0000_a', 'drop table a;'],
      ['0001_b', undefined],
    ]);
  });

  it('ignores line endings in the checksum', () => {
    const url = write({
      'meta/_journal.json': JSON.stringify({ entries: [{ idx: 0, tag: '0000_a' }] }),
      '0000_a.sql': 'create table a ();\r\n',
    });
    const [crlf] = readMigrations(url);
    write({ '0000_a.sql': 'create table a ();\n' });
    const [lf] = readMigrations(url);
    expect(crlf?.checksum).toBe(lf?.checksum);
  });

  it("has a down file for every one of the service's migrations", () => {
    for (const migration of readMigrations(MIGRATIONS_FOLDER)) {
      expect(migration.down, `${migration.tag}.down.sql`).toBeDefined();
    }
  });
});
