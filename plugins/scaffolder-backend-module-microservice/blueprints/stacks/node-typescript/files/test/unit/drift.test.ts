/**
 * The schema in code (src/db/schema.ts) and the last migration's snapshot (migrations/meta) say
 * the same: a change to the schema without its migration fails here. `npm run db:generate`
 * writes the missing migration. (test/integration/migrations.test.ts checks the SQL itself.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.ts';
import { drizzleKit, type Snapshot } from '../support/drizzle-kit.ts';

const journal = JSON.parse(readFileSync(new URL('../../migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
  entries: { idx: number }[];
};
const last = Math.max(...journal.entries.map((entry) => entry.idx));
const snapshotFile = new URL(`../../migrations/meta/${String(last).padStart(4, '0')}_snapshot.json`, import.meta.url);

describe('the schema in code', () => {
  it('has a migration for every change', async () => {
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
    const current = drizzleKit.generateDrizzleJson(schema, snapshot.id);
    expect(await drizzleKit.generateMigration(snapshot, current)).toEqual([]);
  });
});
