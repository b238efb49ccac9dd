import {
  normaliseServiceInput,
  openapiDocument,
  parseServiceInput,
  type InstalledChoices,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { compareOpenapi, normalisePath, shapeOf } from './openapiCompare';
import { EVERY_FIELD_TYPE } from './variants';

type Doc = Record<string, any>;

/** The committed document of a service with a field of every type and auth. */
function committed(): Doc {
  const input = parseServiceInput(
    {
      name: 'orders-service',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders-service',
      resource: 'order_line',
      fields: EVERY_FIELD_TYPE,
      auth: 'jwt',
    },
    { stacks: ['any'], options: {} } as InstalledChoices,
  );
  return openapiDocument(
    normaliseServiceInput(input, {
      host: 'github.com',
      owner: 'acme',
      repo: 'orders-service',
    }),
  ) as Doc;
}

const clone = (doc: Doc): Doc => JSON.parse(JSON.stringify(doc));
const COLLECTION = '/api/v1/order-lines';
const ITEM = `${COLLECTION}/{id}`;

/** Keys in reverse order, recursively: ordering must not matter. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].reverse().map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

/**
 * What a framework that generates its document from code typically serves for the same API:
 * nullables as anyOf with null, other component names, inlined and extra $refs, int64 formats,
 * titles and descriptions of its own, another name for the path parameter, examples dropped.
 */
function frameworkStyle(doc: Doc): Doc {
  let text = JSON.stringify(doc);
  for (const [from, to] of [
    ['OrderLineCreate', 'OrderLineIn'],
    ['OrderLine', 'OrderLineOut'],
  ]) {
    text = text
      .split(`#/components/schemas/${from}"`)
      .join(`#/components/schemas/${to}"`)
      .split(`"${from}":{`)
      .join(`"${to}":{`);
  }
  const served = JSON.parse(text);
  const schemas = served.components.schemas;
  const walk = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node.type) && node.type.includes('null')) {
      const { type, ...rest } = node;
      for (const key of Object.keys(node)) delete node[key];
      node.anyOf = [
        { ...rest, type: type.find((t: string) => t !== 'null') },
        { type: 'null' },
      ];
      node.title = 'Generated';
    }
    if (node.format === 'int32') node.format = 'int64';
    if (node.type === 'number') node.format = 'double';
    delete node.example;
    if (typeof node.description === 'string')
      node.description = `${node.description} (generated)`;
    Object.values(node).forEach(walk);
  };
  walk(served);
  // The path parameter under another name, declared on each operation instead of the path.
  const item = served.paths[ITEM];
  delete served.paths[ITEM];
  const parameter = {
    ...item.parameters[0],
    name: 'order_line_id',
    description: 'x',
  };
  delete item.parameters;
  for (const method of ['get', 'put', 'patch', 'delete'])
    item[method].parameters = [parameter];
  served.paths[`${COLLECTION}/{order_line_id}`] = item;
  // The page's items through an extra $ref.
  schemas.Items = {
    type: 'array',
    items: { $ref: '#/components/schemas/OrderLineOut' },
  };
  schemas.OrderLinePage.properties.items = {
    $ref: '#/components/schemas/Items',
  };
  served.info = { title: 'Another title', version: '9.9.9' };
  return reversed(served) as Doc;
}

describe('compareOpenapi', () => {
  it('finds no difference between a document and itself', () => {
    expect(compareOpenapi(committed(), committed())).toEqual([]);
  });

  it('ignores what does not change the API: style of nullables, $refs, titles, number formats, names, order', () => {
    const doc = committed();
    const served = frameworkStyle(doc);
    expect(JSON.stringify(served)).not.toEqual(JSON.stringify(doc));
    expect(compareOpenapi(doc, served)).toEqual([]);
    // OpenAPI 3.0's `nullable: true` is the same too.
    const thirty = clone(doc);
    thirty.components.schemas.OrderLine.properties.notes = {
      type: 'string',
      nullable: true,
    };
    expect(compareOpenapi(doc, thirty)).toEqual([]);
  });

  it('lists every difference, each with where it is', () => {
    const doc = committed();
    const served = frameworkStyle(doc);
    const schemas = served.components.schemas;
    // An operation missing and one added.
    delete served.paths[`${COLLECTION}/{order_line_id}`].delete;
    served.paths['/internal/debug'] = {
      get: { responses: { '200': { description: 'x' } } },
    };
    // A parameter missing, one made required, one of another type, one added.
    const list = served.paths[COLLECTION].get;
    list.parameters = list.parameters.filter(
      (p: any) => p.name !== 'codeContains',
    );
    list.parameters.find((p: any) => p.name === 'status').required = true;
    list.parameters.find((p: any) => p.name === 'minQuantity').schema = {
      type: 'string',
    };
    list.parameters.push({
      name: 'page',
      in: 'query',
      schema: { type: 'integer' },
    });
    // Sort values missing one.
    const sort = list.parameters.find((p: any) => p.name === 'sort').schema;
    sort.enum = sort.enum.filter((v: string) => v !== '-code');
    // Responses: a status missing, one added, errors as application/json.
    delete served.paths[COLLECTION].post.responses['409'];
    served.paths[COLLECTION].post.responses['500'] = { description: 'oops' };
    const unprocessable = served.paths[COLLECTION].post.responses['422'];
    unprocessable.content = {
      'application/json': unprocessable.content['application/problem+json'],
    };
    // Bodies: a property missing, one of another type (a decimal as a string or number), nullability lost, required changed.
    delete schemas.OrderLineIn.properties.notes;
    schemas.OrderLineOut.properties.unitPrice = {
      anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\d+$' }],
    };
    schemas.OrderLineOut.properties.deliveredAt = {
      type: 'string',
      format: 'date-time',
    };
    schemas.OrderLineIn.required = [
      ...schemas.OrderLineIn.required,
      'notes',
    ].filter((n: string) => n !== 'quantity');
    schemas.OrderLineOut.properties.shipDate.format = 'date-time';

    const differences = compareOpenapi(doc, served);
    const expected = [
      `DELETE ${ITEM}: not in the served document`,
      'GET /internal/debug: only in the served document',
      `GET ${COLLECTION}: query parameter "codeContains" not served`,
      `GET ${COLLECTION}: query parameter "status" optional committed, required served`,
      `GET ${COLLECTION}: query parameter "minQuantity": type integer committed, string served`,
      `GET ${COLLECTION}: query parameter "page" only served`,
      `GET ${COLLECTION}: query parameter "sort": enum values missing when served: "-code"`,
      `POST ${COLLECTION}: responses not served: 409`,
      `POST ${COLLECTION}: responses only served: 500`,
      `POST ${COLLECTION}: response 422: media types [application/problem+json] committed, [application/json] served`,
      `POST ${COLLECTION}: request body: properties not served: notes`,
      `POST ${COLLECTION}: request body: required [code, quantity, shipDate, unitPrice, warehouseId] committed, [code, notes, shipDate, unitPrice, warehouseId] served`,
      `POST ${COLLECTION}: response 201.unitPrice: type number committed, anyOf(number | string) served`,
      `POST ${COLLECTION}: response 201.deliveredAt: type string (date-time), nullable committed, string (date-time) served`,
      `POST ${COLLECTION}: response 201.shipDate: type string (date) committed, string (date-time) served`,
      `GET ${COLLECTION}: response 200.items[].unitPrice: type number committed, anyOf(number | string) served`,
      `GET ${ITEM}: response 200.unitPrice: type number committed, anyOf(number | string) served`,
      `PUT ${ITEM}: request body: properties not served: notes`,
    ];
    for (const line of expected) expect(differences).toContain(line);
    // Nothing unrelated: each difference comes from one of the changes above.
    expect(
      differences.filter(
        d =>
          !/codeContains|status|minQuantity|page|sort|409|500|422|notes|required|unitPrice|deliveredAt|shipDate|DELETE|debug/.test(
            d,
          ),
      ),
    ).toEqual([]);
  });

  it('resolves a $ref cycle without looping', () => {
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/tree': {
          get: {
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Node' },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Node: {
            type: 'object',
            properties: {
              children: {
                type: 'array',
                items: { $ref: '#/components/schemas/Node' },
              },
            },
          },
        },
      },
    };
    expect(compareOpenapi(doc, clone(doc))).toEqual([]);
    expect(
      shapeOf(doc, { $ref: '#/components/schemas/Node' }).properties?.children
        .items?.recursive,
    ).toBe('Node');
  });
});

describe('normalisePath', () => {
  it('replaces parameter names and keeps their order', () => {
    expect(normalisePath('/a/{x}/b/{y}/')).toEqual({
      key: '/a/{}/b/{}',
      names: ['x', 'y'],
    });
    expect(normalisePath('/')).toEqual({ key: '/', names: [] });
  });
});
