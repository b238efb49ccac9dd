import type { ServiceSpec } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  resourceTable,
  sentinelInsert,
  snapshotDifferences,
} from './isolation';
import type { ColumnInfo } from './postgres';

const spec = {
  resource: {
    table: 'order_lines',
    fields: [
      { name: { column: 'code' }, example: "O'Brien 1" },
      { name: { column: 'unit_price' }, example: 12.5 },
      { name: { column: 'gift_wrapped' }, example: true },
    ],
  },
} as unknown as ServiceSpec;

const column = (
  name: string,
  type: string,
  nullable = false,
  hasDefault = false,
): ColumnInfo => ({
  name,
  type,
  nullable,
  hasDefault,
});

describe('sentinelInsert', () => {
  it('writes each field example and fills NOT NULL columns without a default', () => {
    expect(
      sentinelInsert(
        'public.order_lines',
        [
          column('id', 'uuid'),
          column('code', 'character varying'),
          column('unit_price', 'numeric'),
          column('gift_wrapped', 'boolean'),
          column('notes', 'text', true),
          column('created_at', 'timestamp with time zone'),
          column('updated_at', 'timestamp with time zone', false, true),
        ],
        spec,
      ),
    ).toBe(
      `insert into "public"."order_lines" ("id", "code", "unit_price", "gift_wrapped", "created_at") values (gen_random_uuid(), 'O''Brien 1', '12.5', 'true', now())`,
    );
  });

  it('says which field has no column, and which column it cannot fill', () => {
    expect(() =>
      sentinelInsert('public.order_lines', [column('code', 'text')], spec),
    ).toThrow(
      'public.order_lines has no column for field(s) unit_price, gift_wrapped (spec field name.column)',
    );
    expect(() =>
      sentinelInsert('public.order_lines', [column('shape', 'polygon')], spec),
    ).toThrow(
      'no value for NOT NULL column(s) without a default: shape (polygon)',
    );
  });
});

describe('resourceTable', () => {
  it('prefers the public schema', () => {
    expect(resourceTable(['app.order_lines', 'public.order_lines'], spec)).toBe(
      'public.order_lines',
    );
    expect(resourceTable(['app.order_lines'], spec)).toBe('app.order_lines');
    expect(resourceTable(['public.other'], spec)).toBeUndefined();
  });
});

describe('snapshotDifferences', () => {
  const before = {
    tables: {
      'public.alembic_version': { rows: 1, digest: 'a' },
      'public.order_lines': { rows: 1, digest: 'b' },
    },
  };

  it('finds nothing in an untouched database', () => {
    expect(snapshotDifferences(before, structuredClone(before))).toEqual([]);
  });

  it('names every table that was dropped, created, emptied or changed', () => {
    expect(
      snapshotDifferences(before, {
        tables: {
          'public.alembic_version': { rows: 1, digest: 'changed' },
          'public.test_runs': { rows: 3, digest: 'c' },
        },
      }),
    ).toEqual([
      'public.alembic_version: the content of its 1 row(s) changed',
      'public.order_lines was dropped',
      'public.test_runs was created (3 rows)',
    ]);
    expect(
      snapshotDifferences(before, {
        tables: {
          ...before.tables,
          'public.order_lines': { rows: 0, digest: '' },
        },
      }),
    ).toEqual(['public.order_lines had 1 row(s), now 0']);
  });
});
