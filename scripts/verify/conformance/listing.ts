/**
 * The list endpoint over a known set of rows (the collection emptied first, then four resources
 * whose values of every ordered field are in an order that is neither the creation order nor its
 * reverse): the page's shape and paging, every field's filters (exact, `…Contains`
 * case-insensitive and literal, `min…`/`max…` inclusive) including what they must exclude, every
 * sort value in both directions, and the default sort (newest first).
 */
import {
  sortValues,
  type FieldSpec,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  ConformanceFailure,
  describe,
  expectStatus,
  isRecord,
  jsonObject,
} from './client';
import { resourceIssues } from './crud';
import type { ConformanceArea, ConformanceCheck, Suite } from './suite';
import {
  compareValues,
  freshValue,
  matchesFilter,
  rankedValue,
  type Value,
} from './values';

/** Row i holds the values of rank RANKS[i]: neither creation order nor its reverse. */
const RANKS = [2, 0, 3, 1];
/** What a `…Contains` filter must match literally, not as a LIKE pattern. */
const WILDCARDS = '5%_off';

interface Row {
  id: string;
  /** The values sent, by JSON name. */
  values: Record<string, Value>;
}

interface Listing {
  rows: Row[];
}

function enumIndex(row: number, count: number): number {
  if (count >= 3) return [1, 0, 2, 0][row];
  if (count === 2) return [1, 0, 1, 0][row];
  return 0;
}

/** The value of `field` in fixture row `row`. */
function fixtureValue(suite: Suite, field: FieldSpec, row: number): Value {
  const rank = RANKS[row];
  switch (field.type) {
    case 'boolean':
      return row % 2 === 0;
    case 'enum': {
      const values = (field.values ?? []).map(v => v.value);
      return field.unique
        ? freshValue(field, row, suite.marker)
        : values[enumIndex(row, values.length)];
    }
    case 'string':
    case 'text': {
      const value = String(rankedValue(field, rank, suite.marker));
      const withWildcards = `${value} ${WILDCARDS}`;
      return rank === 3 && (field.maxLength ?? Infinity) >= withWildcards.length
        ? withWildcards
        : value;
    }
    default:
      return rankedValue(field, rank, suite.marker);
  }
}

/** How many rows a unique enum with few values allows (at most four). */
function rowCount(suite: Suite): number {
  const limits = suite.fields
    .filter(f => f.unique && f.type === 'enum')
    .map(f => f.values?.length ?? 4);
  return Math.min(4, ...limits);
}

function listing(suite: Suite): Listing {
  const value = suite.fixtures.get('listing');
  if (!value) throw new ConformanceFailure('the listing set-up made no rows');
  return value as Listing;
}

function label(rows: Row[], id: unknown): string {
  const index = rows.findIndex(r => r.id === id);
  return index >= 0 ? `row ${index}` : `unknown id ${String(id)}`;
}

/** GET the collection with `query`; 200 and a page object. */
/** Query parameters no list declares, each of which must change nothing. */
const unknownParameters: [string, Record<string, string>][] = [
  ['?_=1, a cache buster', { _: '1' }],
  // Found by the fuzzer: Spring Security's firewall refused such a name while binding (a 500).
  ['a name with a control character', { '\u009c': '1' }],
];

async function page(
  suite: Suite,
  query: Record<string, string>,
): Promise<{
  items: Record<string, unknown>[];
  body: Record<string, unknown>;
  where: string;
}> {
  const search = new URLSearchParams(query).toString();
  const answer = await suite.client.request(
    'GET',
    `${suite.api.collection}${search ? `?${search}` : ''}`,
  );
  expectStatus(answer, 200);
  const body = jsonObject(answer);
  if (!Array.isArray(body.items) || !body.items.every(isRecord)) {
    throw new ConformanceFailure(
      `${describe(answer)}: "items" is not a list of objects`,
    );
  }
  return {
    items: body.items as Record<string, unknown>[],
    body,
    where: describe(answer),
  };
}

function sameIds(
  rows: Row[],
  expected: string[],
  got: unknown[],
  where: string,
): void {
  const want = [...expected].sort();
  const have = got.map(String).sort();
  if (want.join() !== have.join()) {
    const show = (ids: string[]) =>
      ids.map(id => label(rows, id)).join(', ') || 'none';
    throw new ConformanceFailure(
      `${where}: listed ${show(got.map(String))}, expected ${show(expected)}`,
    );
  }
}

function filterChecks(suite: Suite): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [];
  const check = (
    field: FieldSpec,
    parameter: string,
    kind: 'equals' | 'contains' | 'min' | 'max',
    pick: (rows: Row[]) => Value,
    name = `filter ${parameter}`,
  ) =>
    checks.push({
      name,
      async run() {
        const { rows } = listing(suite);
        const query = pick(rows);
        const expected = rows
          .filter(r =>
            matchesFilter(field, kind, query, r.values[field.name.json]),
          )
          .map(r => r.id);
        if (expected.length === rows.length || expected.length === 0) {
          throw new ConformanceFailure(
            `the fixture cannot test ${parameter}=${String(query)}: it matches ${expected.length} of ${rows.length} rows`,
          );
        }
        const { items, body, where } = await page(suite, {
          [parameter]: String(query),
          limit: String(suite.api.paging.limit.maximum),
        });
        sameIds(
          rows,
          expected,
          items.map(i => i.id),
          where,
        );
        if (body.total !== expected.length) {
          throw new ConformanceFailure(
            `${where}: total ${JSON.stringify(body.total)}, expected ${expected.length}`,
          );
        }
        return `${parameter}=${String(query)}: ${expected.length} of ${rows.length} rows`;
      },
    });
  const at = (rank: number) => (rows: Row[]) => rows[RANKS.indexOf(rank)];
  for (const field of suite.fields) {
    const name = field.name.json;
    const { filter } = field;
    if (filter.kind === 'exact' && filter.equals) {
      check(field, filter.equals, 'equals', rows => rows[1].values[name]);
    } else if (filter.kind === 'substring' && filter.contains) {
      const parameter = filter.contains;
      check(field, parameter, 'contains', rows => {
        // Part of one row's value, in the other case: matches only if case is ignored.
        const value = String(at(2)(rows).values[name]);
        const part = value.slice(
          1,
          Math.max(2, value.indexOf(suite.marker) + suite.marker.length),
        );
        return part === part.toUpperCase()
          ? part.toLowerCase()
          : part.toUpperCase();
      });
      check(
        field,
        parameter,
        'contains',
        () => '%_',
        `filter ${parameter} matches % and _ literally`,
      );
    } else if (filter.kind === 'range' && filter.min && filter.max) {
      check(field, filter.min, 'min', rows => at(1)(rows).values[name]);
      check(field, filter.max, 'max', rows => at(2)(rows).values[name]);
    }
  }
  return checks;
}

/** Whether `values` are in order (ascending, or descending when `descending`). */
function ordered(
  values: unknown[],
  compare: (a: unknown, b: unknown) => number,
  descending: boolean,
): boolean {
  for (let i = 1; i < values.length; i++) {
    const c = compare(values[i - 1], values[i]);
    if (descending ? c < 0 : c > 0) return false;
  }
  return true;
}

function sortCheck(
  suite: Suite,
  sort: string,
  isDefault = false,
): ConformanceCheck {
  const key = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  const field = suite.fields.find(f => f.name.json === key);
  return {
    name: isDefault ? `default sort (${sort})` : `sort=${sort}`,
    async run() {
      const { rows } = listing(suite);
      const { items, where } = await page(
        suite,
        isDefault
          ? { limit: String(suite.api.paging.limit.maximum) }
          : { sort, limit: String(suite.api.paging.limit.maximum) },
      );
      sameIds(
        rows,
        rows.map(r => r.id),
        items.map(i => i.id),
        where,
      );
      const values = items.map(i => i[key]);
      const orders: ((a: unknown, b: unknown) => number)[] =
        field?.type === 'enum'
          ? [
              (a, b) => compareValues(field, a, b, 'text'),
              (a, b) => compareValues(field, a, b, 'declared'),
            ]
          : [(a, b) => compareValues(field ?? 'datetime', a, b)];
      if (!orders.some(compare => ordered(values, compare, descending))) {
        throw new ConformanceFailure(
          `${where}: ${key} not ${descending ? 'descending' : 'ascending'}: ${values.map(v => JSON.stringify(v)).join(', ')}`,
        );
      }
      if (isDefault && !field) {
        // Timestamps: when they differ, the newest (last created) comes first.
        const distinct =
          new Set(values.map(v => Date.parse(String(v)))).size ===
          values.length;
        const newestFirst = [...rows].reverse().map(r => r.id);
        if (distinct && items.map(i => i.id).join() !== newestFirst.join()) {
          throw new ConformanceFailure(
            `${where}: ${items.map(i => label(rows, i.id)).join(', ')}, expected the newest first (${newestFirst.map(id => label(rows, id)).join(', ')})`,
          );
        }
      }
      return `${values.length} rows by ${key}${field?.type === 'enum' ? ' (enum: in text or declared order)' : ''}`;
    },
  };
}

export const listingArea: ConformanceArea = {
  name: 'list',
  async setUp(suite) {
    await suite.emptyCollection();
    const rows: Row[] = [];
    for (let row = 0; row < rowCount(suite); row++) {
      const values: Record<string, Value> = {};
      for (const field of suite.fields) {
        values[field.name.json] = fixtureValue(suite, field, row);
      }
      const created = await suite.create(values);
      rows.push({ id: String(created.id), values });
      // Distinct creation times, even for a service that keeps milliseconds only.
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    suite.fixtures.set('listing', { rows });
    // The rows stay for the area's checks; `keep` hands their deletion to the end of the area.
    suite.keepUntilAreaEnds();
  },
  checks: suite => [
    {
      name: 'list → {items, total, limit, offset} with the default paging',
      async run() {
        const { rows } = listing(suite);
        const { items, body, where } = await page(suite, {});
        const keys = Object.keys(body).sort().join(', ');
        if (keys !== 'items, limit, offset, total') {
          throw new ConformanceFailure(
            `${where}: properties ${keys}, expected items, limit, offset, total`,
          );
        }
        const { limit, offset } = suite.api.paging;
        const problems: string[] = [];
        if (body.total !== rows.length)
          problems.push(
            `total ${JSON.stringify(body.total)}, expected ${rows.length}`,
          );
        if (body.limit !== limit.default)
          problems.push(
            `limit ${JSON.stringify(body.limit)}, expected the default ${limit.default}`,
          );
        if (body.offset !== offset.default)
          problems.push(
            `offset ${JSON.stringify(body.offset)}, expected the default ${offset.default}`,
          );
        for (const item of items) {
          const row = rows.find(r => r.id === item.id);
          const issues = resourceIssues(suite, item, row?.values ?? {});
          if (issues.length)
            problems.push(`${label(rows, item.id)}: ${issues.join('; ')}`);
        }
        if (problems.length)
          throw new ConformanceFailure(`${where}: ${problems.join('; ')}`);
        sameIds(
          rows,
          rows.map(r => r.id),
          items.map(i => i.id),
          where,
        );
        return `${rows.length} rows, limit ${limit.default}, offset ${offset.default}`;
      },
    },
    {
      name: 'limit and offset page through the list',
      async run() {
        const { rows } = listing(suite);
        const seen: unknown[] = [];
        for (let offset = 0; offset < rows.length; offset += 2) {
          const { items, body, where } = await page(suite, {
            limit: '2',
            offset: String(offset),
          });
          const wanted = Math.min(2, rows.length - offset);
          if (
            items.length !== wanted ||
            body.total !== rows.length ||
            body.limit !== 2 ||
            body.offset !== offset
          ) {
            throw new ConformanceFailure(
              `${where}: ${items.length} items, total ${JSON.stringify(body.total)}, limit ${JSON.stringify(body.limit)}, offset ${JSON.stringify(body.offset)}; expected ${wanted}, ${rows.length}, 2, ${offset}`,
            );
          }
          seen.push(...items.map(i => i.id));
        }
        sameIds(
          rows,
          rows.map(r => r.id),
          seen,
          'the pages together',
        );
        const past = await page(suite, { offset: String(rows.length) });
        if (past.items.length !== 0 || past.body.total !== rows.length) {
          throw new ConformanceFailure(
            `${past.where}: ${past.items.length} items, total ${JSON.stringify(past.body.total)}; expected none of ${rows.length}`,
          );
        }
        return `pages of 2 over ${rows.length} rows, and an empty page past the end`;
      },
    },
    ...unknownParameters.map(([what, query]) => ({
      name: `an unknown query parameter (${what}) is ignored`,
      async run() {
        const { rows } = listing(suite);
        const { body, where } = await page(suite, query);
        if (body.total !== rows.length) {
          throw new ConformanceFailure(
            `${where}: total ${JSON.stringify(body.total)}, expected ${rows.length}`,
          );
        }
      },
    })),
    ...filterChecks(suite),
    sortCheck(suite, suite.api.defaultSort, true),
    ...sortValues(suite.spec).map(sort => sortCheck(suite, sort)),
  ],
};
