/**
 * Errors, each an RFC 9457 problem (application/problem+json with type, title, status and
 * requestId): 400 for a body that is not JSON, 415 for one that is not application/json, 422 with
 * `errors[].pointer` for a body the schema refuses (missing or invalid fields, unknown
 * properties), 422 with `errors[].parameter` for query and path parameters out of bounds or of the
 * wrong type (limit above its maximum, offsets beyond theirs, a huge offset), 404 for an unknown
 * id or path, 405 with an `Allow` header.
 */
import { randomUUID } from 'node:crypto';
import {
  ConformanceFailure,
  describe,
  expectParameter,
  expectPointer,
  expectProblem,
  isRecord,
} from './client';
import {
  everyOf,
  type ConformanceArea,
  type ConformanceCheck,
  type Suite,
} from './suite';
import { invalidFilterValue, invalidValues } from './values';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods the committed document declares for a path. */
function declaredMethods(suite: Suite, path: string): string[] {
  const doc = suite.target.document;
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  const item = paths[path];
  return isRecord(item)
    ? HTTP_METHODS.filter(m => isRecord(item[m.toLowerCase()]))
    : [];
}

function queryCheck(
  suite: Suite,
  name: string,
  query: string,
  parameter: string,
): ConformanceCheck {
  return {
    name,
    async run() {
      const answer = await suite.client.request(
        'GET',
        `${suite.api.collection}?${query}`,
      );
      expectParameter(answer, parameter, query);
      return `?${query} → 422 naming ${parameter}`;
    },
  };
}

export const errorsArea: ConformanceArea = {
  name: 'errors',
  checks: suite => {
    const { collection, paging } = suite.api;
    const fieldChecks: ConformanceCheck[] = suite.fields.map(field => ({
      name: `422 for invalid values of ${field.name.json} (${field.type})`,
      async run() {
        const invalid = invalidValues(field);
        await everyOf(
          invalid,
          item => `${JSON.stringify(item.value).slice(0, 30)} (${item.why})`,
          async item => {
            const body = {
              ...suite.validBody(),
              [field.name.json]: item.value,
            };
            const answer = await suite.write('POST', collection, body);
            if (
              answer.status === 201 &&
              isRecord(answer.json) &&
              typeof answer.json.id === 'string'
            ) {
              suite.track(answer.json.id);
            }
            expectPointer(
              answer,
              field.name.json,
              `POST with ${field.name.json} ${item.why}`,
            );
          },
        );
        return `${invalid.length} values refused: ${invalid.map(i => i.why).join(', ')}`;
      },
    }));
    const filters = suite.fields.flatMap(field => {
      const { filter } = field;
      if (filter.contains) {
        // The text filters' bounds: at least one character, at most the field's maxLength.
        return [
          { name: filter.contains, bad: '', why: 'empty' },
          ...(field.maxLength !== undefined && field.maxLength < 10_000
            ? [
                {
                  name: filter.contains,
                  bad: 'z'.repeat(field.maxLength + 1),
                  why: `${field.maxLength + 1} characters`,
                },
              ]
            : []),
        ];
      }
      const bad = invalidFilterValue(field);
      const names = [filter.equals, filter.min, filter.max].filter(
        (n): n is string => typeof n === 'string',
      );
      return bad === undefined
        ? []
        : names.map(name => ({ name, bad, why: bad }));
    });
    return [
      {
        name: '400 for a body that is not JSON',
        async run() {
          const answer = await suite.client.request('POST', collection, {
            body: '{"not": "finished",',
            contentType: 'application/json',
            headers: suite.writeHeaders(),
          });
          expectProblem(answer, 400);
        },
      },
      {
        name: '415 for a text/plain body',
        async run() {
          const answer = await suite.client.request('POST', collection, {
            body: JSON.stringify(suite.validBody()),
            contentType: 'text/plain',
            headers: suite.writeHeaders(),
          });
          if (
            answer.status === 201 &&
            isRecord(answer.json) &&
            typeof answer.json.id === 'string'
          ) {
            suite.track(answer.json.id);
          }
          expectProblem(answer, 415);
        },
      },
      {
        name: '422 for a required field left out (POST, PUT) or set to null (PATCH)',
        notApplicable: () =>
          suite.fields.some(f => f.requiredOnCreate || f.required)
            ? undefined
            : 'no field is required',
        async run() {
          const created = await suite.create();
          const item = suite.itemPath(String(created.id));
          const required = suite.fields.filter(f => f.required);
          await everyOf(
            required,
            field => field.name.json,
            async field => {
              const name = field.name.json;
              if (field.requiredOnCreate) {
                const { [name]: _left, ...body } = suite.validBody();
                expectPointer(
                  await suite.write('POST', collection, body),
                  name,
                  `POST without ${name}`,
                );
                expectPointer(
                  await suite.write('PUT', item, body),
                  name,
                  `PUT without ${name}`,
                );
              }
              expectPointer(
                await suite.write('PATCH', item, { [name]: null }),
                name,
                `PATCH ${name} null`,
              );
            },
          );
          return required.map(f => f.name.json).join(', ');
        },
      },
      ...fieldChecks,
      {
        name: '422 for an unknown body property (POST, PUT, PATCH)',
        async run() {
          const created = await suite.create();
          const item = suite.itemPath(String(created.id));
          const unknown = `unknownProperty${suite.marker}`;
          for (const [method, path] of [
            ['POST', collection],
            ['PUT', item],
            ['PATCH', item],
          ]) {
            const answer = await suite.write(method, path, {
              ...suite.validBody(),
              [unknown]: 1,
            });
            if (
              method === 'POST' &&
              answer.status === 201 &&
              isRecord(answer.json)
            ) {
              suite.track(String(answer.json.id));
            }
            expectPointer(answer, unknown, `${method} with ${unknown}`);
          }
        },
      },
      {
        name: '422 for a JSON body that is not an object',
        async run() {
          for (const body of [[], 'text', 12]) {
            expectProblem(
              await suite.write('POST', collection, body),
              422,
              `POST ${JSON.stringify(body)}`,
            );
          }
        },
      },
      queryCheck(
        suite,
        '422 for limit above its maximum',
        `limit=${paging.limit.maximum + 1}`,
        'limit',
      ),
      queryCheck(
        suite,
        '422 for limit below its minimum',
        `limit=${paging.limit.minimum - 1}`,
        'limit',
      ),
      queryCheck(
        suite,
        '422 for a limit that is not a number',
        'limit=ten',
        'limit',
      ),
      queryCheck(
        suite,
        '422 for offset above its maximum',
        `offset=${paging.offset.maximum + 1}`,
        'offset',
      ),
      queryCheck(
        suite,
        '422 for a huge offset',
        'offset=879044514382290223104',
        'offset',
      ),
      queryCheck(
        suite,
        '422 for a negative offset',
        `offset=${paging.offset.minimum - 1}`,
        'offset',
      ),
      queryCheck(
        suite,
        '422 for an unknown sort value',
        `sort=${suite.marker}`,
        'sort',
      ),
      {
        name: '422 for filter values the schema refuses',
        notApplicable: () => (filters.length ? undefined : 'no filter'),
        async run() {
          await everyOf(
            filters,
            f => `${f.name}=${f.why}`,
            async f => {
              const answer = await suite.client.request(
                'GET',
                `${collection}?${f.name}=${encodeURIComponent(f.bad)}`,
              );
              expectParameter(answer, f.name, `${f.name}=${f.why}`);
            },
          );
          return filters.map(f => `${f.name}=${f.why}`).join(', ');
        },
      },
      {
        name: '422 for an id that is not a UUID',
        async run() {
          const path = `${collection}/not-a-uuid`;
          expectParameter(await suite.client.request('GET', path), 'id', 'GET');
          expectParameter(await suite.write('DELETE', path), 'id', 'DELETE');
        },
      },
      {
        name: '404 for an unknown id (GET, PUT, PATCH, DELETE)',
        async run() {
          const path = suite.itemPath(randomUUID());
          expectProblem(await suite.client.request('GET', path), 404, 'GET');
          expectProblem(
            await suite.write('PUT', path, suite.validBody()),
            404,
            'PUT',
          );
          expectProblem(await suite.write('PATCH', path, {}), 404, 'PATCH');
          expectProblem(await suite.write('DELETE', path), 404, 'DELETE');
        },
      },
      {
        name: '404 for an unknown path',
        async run() {
          for (const path of [
            `${suite.api.basePath}/no-such-${suite.marker}`,
            `/no-such-${suite.marker}`,
            `${collection}/${randomUUID()}/no-such`,
          ]) {
            expectProblem(await suite.client.request('GET', path), 404, path);
          }
        },
      },
      {
        name: '405 with Allow for a method a path does not have',
        async run() {
          const doc = suite.target.document;
          const templates = Object.keys(
            isRecord(doc) && isRecord(doc.paths) ? doc.paths : {},
          );
          const cases = templates.flatMap(template => {
            const declared = declaredMethods(suite, template);
            const path = template.replace(/\{[^}]+\}/g, () => randomUUID());
            return HTTP_METHODS.filter(m => !declared.includes(m)).map(
              method => ({
                method,
                template,
                path,
                declared,
              }),
            );
          });
          if (cases.length === 0)
            throw new ConformanceFailure(
              'the document declares every method on every path',
            );
          await everyOf(
            cases,
            c => `${c.method} ${c.template}`,
            async c => {
              const body =
                c.method === 'GET' || c.method === 'DELETE'
                  ? undefined
                  : suite.validBody();
              const answer = await suite.write(c.method, c.path, body);
              expectProblem(answer, 405);
              const allow = (answer.headers.get('allow') ?? '')
                .split(',')
                .map(m => m.trim().toUpperCase())
                .filter(m => m && m !== 'HEAD' && m !== 'OPTIONS');
              if ([...allow].sort().join() !== [...c.declared].sort().join()) {
                throw new ConformanceFailure(
                  `${describe(answer)}: Allow ${JSON.stringify(answer.headers.get('allow'))}, expected ${c.declared.join(', ')}`,
                );
              }
            },
          );
          return cases.map(c => `${c.method} ${c.template}`).join(', ');
        },
      },
    ];
  },
};
