/**
 * Create, read, replace, update and delete one resource: 201 with Location and the fields
 * echoed, every field type round-tripping (decimals rounded to their scale, dates, date-times
 * with a zone, enums, UUIDs, booleans, nulls), defaults and nulls of optional fields, PUT as a
 * full replacement, PATCH as a partial one, DELETE then 404, and 409 for a unique value taken.
 */
import type { FieldSpec } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  ConformanceFailure,
  describe,
  expectProblem,
  expectStatus,
  jsonObject,
} from './client';
import { everyOf, type ConformanceArea, type Suite } from './suite';
import {
  DATETIME_WITH_ZONE,
  freshValue,
  rankedValue,
  roundTrips,
  UUID,
  valueMismatch,
  type Value,
} from './values';

/** What is wrong with a resource as the API returns it, given the field values it must hold. */
export function resourceIssues(
  suite: Suite,
  resource: Record<string, unknown>,
  expected: Record<string, Value>,
): string[] {
  const issues: string[] = [];
  const names = [
    'id',
    ...suite.fields.map(f => f.name.json),
    'createdAt',
    'updatedAt',
  ];
  const missing = names.filter(name => !(name in resource));
  const extra = Object.keys(resource).filter(name => !names.includes(name));
  if (missing.length) issues.push(`missing properties: ${missing.join(', ')}`);
  if (extra.length) issues.push(`unexpected properties: ${extra.join(', ')}`);
  if (typeof resource.id !== 'string' || !UUID.test(resource.id))
    issues.push(`id ${JSON.stringify(resource.id)} is not a lowercase UUID`);
  for (const stamp of ['createdAt', 'updatedAt']) {
    const value = resource[stamp];
    if (typeof value !== 'string' || !DATETIME_WITH_ZONE.test(value))
      issues.push(
        `${stamp} ${JSON.stringify(value)} is not a date-time with a zone`,
      );
  }
  for (const field of suite.fields) {
    const name = field.name.json;
    if (!(name in expected) || !(name in resource)) continue;
    const problem = valueMismatch(field, expected[name], resource[name]);
    if (problem) issues.push(`${name} (${field.type}): ${problem}`);
  }
  return issues;
}

function expectResource(
  suite: Suite,
  resource: Record<string, unknown>,
  expected: Record<string, Value>,
  where: string,
): void {
  const issues = resourceIssues(suite, resource, expected);
  if (issues.length) {
    throw new ConformanceFailure(`${where}: ${issues.join('; ')}`, [
      `body: ${JSON.stringify(resource).slice(0, 600)}`,
    ]);
  }
}

/** What an optional field left out reads as: its default, else null. */
function omittedValue(field: FieldSpec): Value {
  return field.default !== undefined ? field.default : null;
}

/** GET the resource: 200, as `expected`. */
async function expectStored(
  suite: Suite,
  id: string,
  expected: Record<string, Value>,
  after: string,
): Promise<Record<string, unknown>> {
  const answer = await suite.client.request('GET', suite.itemPath(id));
  expectStatus(answer, 200, `read after ${after}`);
  const resource = jsonObject(answer);
  expectResource(suite, resource, expected, `GET after ${after}`);
  return resource;
}

const optionalFields = (suite: Suite) => suite.fields.filter(f => !f.required);
const noOptional = (suite: Suite) =>
  optionalFields(suite).length ? undefined : 'every field is required';

/** A field whose value can change without touching a unique one: optional first. */
function changeableField(suite: Suite): FieldSpec | undefined {
  return (
    suite.fields.find(f => !f.required && !f.unique) ??
    suite.fields.find(f => !f.unique) ??
    suite.fields[0]
  );
}

/** Another valid value than `current` for a field (a fresh one for a unique field). */
export function otherValue(
  suite: Suite,
  field: FieldSpec,
  current: unknown,
): Value {
  if (field.unique) return freshValue(field, suite.serial(), suite.marker);
  for (let rank = 0; rank < 4; rank++) {
    const candidate = rankedValue(field, rank, suite.marker);
    if (valueMismatch(field, candidate, current) !== undefined)
      return candidate;
  }
  return current as Value;
}

export const crudArea: ConformanceArea = {
  name: 'crud',
  checks: suite => [
    {
      name: 'create → 201 with Location and the resource',
      async run() {
        const body = suite.validBody();
        const answer = await suite.write('POST', suite.api.collection, body);
        expectStatus(answer, 201);
        const resource = jsonObject(answer);
        if (typeof resource.id === 'string') suite.track(resource.id);
        expectResource(suite, resource, body, describe(answer));
        const wanted = suite.itemPath(String(resource.id));
        const location = answer.headers.get('location') ?? '';
        if (location.replace(/^https?:\/\/[^/]+/, '') !== wanted) {
          throw new ConformanceFailure(
            `Location is ${JSON.stringify(location)}, not ${wanted} (absolute or relative)`,
          );
        }
        return `Location ${wanted}; ${Object.keys(body).length} fields echoed`;
      },
    },
    {
      name: 'get → 200 with the resource as created',
      async run() {
        const body = suite.validBody();
        const created = await suite.create(body);
        const stored = await expectStored(
          suite,
          String(created.id),
          body,
          'create',
        );
        const changed = ['id', 'createdAt', 'updatedAt'].filter(
          stamp => stored[stamp] !== created[stamp],
        );
        if (changed.length) {
          throw new ConformanceFailure(
            `GET reads ${changed.map(s => `${s} ${JSON.stringify(stored[s])}`).join(', ')}; the create answered ${changed.map(s => JSON.stringify(created[s])).join(', ')}`,
          );
        }
      },
    },
    {
      name: 'create with only the required fields: the others read as their default or null',
      async run() {
        const body = suite.validBody('required');
        const created = await suite.create(body);
        const expected: Record<string, Value> = { ...body };
        for (const field of suite.fields) {
          if (!(field.name.json in body))
            expected[field.name.json] = omittedValue(field);
        }
        expectResource(
          suite,
          created,
          expected,
          `POST ${JSON.stringify(body)}`,
        );
        await expectStored(suite, String(created.id), expected, 'create');
        return `sent ${Object.keys(body).length} of ${suite.fields.length} fields`;
      },
    },
    {
      name: 'create with optional fields null: they read as null',
      notApplicable: () => noOptional(suite),
      async run() {
        const body = suite.validBody();
        for (const field of optionalFields(suite)) body[field.name.json] = null;
        const created = await suite.create(body);
        expectResource(suite, created, body, 'POST with nulls');
        await expectStored(suite, String(created.id), body, 'create');
        return `${optionalFields(suite).length} optional fields null`;
      },
    },
    {
      name: 'put replaces the whole resource: optional fields left out are cleared',
      async run() {
        const first = suite.validBody();
        const created = await suite.create(first);
        const id = String(created.id);
        const replacement = suite.validBody('required', 2);
        const answer = await suite.write(
          'PUT',
          suite.itemPath(id),
          replacement,
        );
        expectStatus(answer, 200);
        const expected: Record<string, Value> = { ...replacement };
        for (const field of suite.fields) {
          if (!(field.name.json in replacement))
            expected[field.name.json] = omittedValue(field);
        }
        const replaced = jsonObject(answer);
        expectResource(suite, replaced, expected, describe(answer));
        if (replaced.id !== id || replaced.createdAt !== created.createdAt) {
          throw new ConformanceFailure(
            `PUT changed id or createdAt: ${JSON.stringify({ id: replaced.id, createdAt: replaced.createdAt })} vs ${JSON.stringify({ id, createdAt: created.createdAt })}`,
          );
        }
        if (
          Date.parse(String(replaced.updatedAt)) <
          Date.parse(String(created.updatedAt))
        ) {
          throw new ConformanceFailure(
            `PUT moved updatedAt back: ${String(replaced.updatedAt)} < ${String(created.updatedAt)}`,
          );
        }
        await expectStored(suite, id, expected, 'PUT');
        const cleared = suite.fields.filter(
          f => !(f.name.json in replacement),
        ).length;
        return `${cleared} fields left out, read as default or null`;
      },
    },
    {
      name: 'patch changes only the fields sent',
      async run() {
        const body = suite.validBody();
        const created = await suite.create(body);
        const id = String(created.id);
        const field = changeableField(suite)!;
        const name = field.name.json;
        const changed = otherValue(suite, field, body[name]);
        const answer = await suite.write('PATCH', suite.itemPath(id), {
          [name]: changed,
        });
        expectStatus(answer, 200);
        const expected = { ...body, [name]: changed };
        expectResource(suite, jsonObject(answer), expected, describe(answer));
        await expectStored(suite, id, expected, `PATCH {${name}}`);
        const optional = optionalFields(suite)[0];
        if (optional) {
          const nulled = await suite.write('PATCH', suite.itemPath(id), {
            [optional.name.json]: null,
          });
          expectStatus(nulled, 200, `PATCH {${optional.name.json}: null}`);
          const cleared = { ...expected, [optional.name.json]: null };
          expectResource(suite, jsonObject(nulled), cleared, describe(nulled));
          await expectStored(
            suite,
            id,
            cleared,
            `PATCH {${optional.name.json}: null}`,
          );
        }
        const empty = await suite.write('PATCH', suite.itemPath(id), {});
        expectStatus(empty, 200, 'PATCH {} changes nothing');
        return `PATCH {${name}}${optional ? `, {${optional.name.json}: null}` : ''} and {}: the other fields kept`;
      },
    },
    {
      name: 'delete → 204, then 404',
      async run() {
        const created = await suite.create();
        const id = String(created.id);
        const path = suite.itemPath(id);
        const deleted = await suite.write('DELETE', path);
        expectStatus(deleted, 204);
        suite.forget(id);
        if (deleted.text !== '') {
          throw new ConformanceFailure(
            `DELETE ${path} → 204 with a body: ${deleted.text.slice(0, 100)}`,
          );
        }
        expectProblem(
          await suite.client.request('GET', path),
          404,
          'read after delete',
        );
        expectProblem(await suite.write('DELETE', path), 404, 'delete twice');
      },
    },
    ...suite.fields.map(field => ({
      name: `round trip of ${field.name.json} (${field.type}${field.required ? '' : ', optional'})`,
      async run() {
        const trips = roundTrips(field, suite.marker, () => suite.serial());
        await everyOf(
          trips,
          trip => `${JSON.stringify(trip.sent).slice(0, 40)} (${trip.why})`,
          async trip => {
            const body = { ...suite.validBody(), [field.name.json]: trip.sent };
            const created = await suite.create(body);
            // Only this field: another field's fault is that field's round trip's.
            const expected = { [field.name.json]: trip.expected };
            expectResource(suite, created, expected, 'POST');
            await expectStored(suite, String(created.id), expected, 'create');
          },
        );
        return trips.map(t => t.why).join(', ');
      },
    })),
    {
      name: 'a unique value taken → 409 on create, replace and update',
      notApplicable: () =>
        suite.fields.some(f => f.unique) ? undefined : 'no field is unique',
      async run() {
        const unique = suite.fields.filter(f => f.unique);
        await everyOf(
          unique,
          field => field.name.json,
          async field => {
            const name = field.name.json;
            const first = await suite.create();
            const second = await suite.create();
            const taken = first[name];
            const clash = { ...suite.validBody(), [name]: taken };
            expectProblem(
              await suite.write('POST', suite.api.collection, clash),
              409,
              `POST with ${name} taken`,
            );
            expectProblem(
              await suite.write(
                'PUT',
                suite.itemPath(String(second.id)),
                clash,
              ),
              409,
              `PUT with ${name} taken`,
            );
            expectProblem(
              await suite.write('PATCH', suite.itemPath(String(second.id)), {
                [name]: taken,
              }),
              409,
              `PATCH with ${name} taken`,
            );
            // Its own value is no conflict.
            const own = await suite.write(
              'PATCH',
              suite.itemPath(String(first.id)),
              { [name]: taken },
            );
            expectStatus(own, 200, `PATCH ${name} to its own value`);
          },
        );
        return `${unique.map(f => f.name.json).join(', ')}`;
      },
    },
  ],
};
