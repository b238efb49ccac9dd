import SwaggerParser from '@apidevtools/swagger-parser';
import { exampleSpec } from '../__testUtils__/fixtureBlueprints';
import { openapiDocument, sortValues, withArticle } from './openapiDocument';

const richFields = [
  { name: 'code', type: 'string', required: true, unique: true, maxLength: 20 },
  { name: 'notes', type: 'text', maxLength: 2000 },
  { name: 'quantity', type: 'integer', minimum: 0, maximum: 1000 },
  { name: 'amount', type: 'decimal', precision: 10, scale: 2, minimum: 0 },
  { name: 'active', type: 'boolean', default: true },
  { name: 'due_on', type: 'date' },
  { name: 'closed_at', type: 'datetime' },
  { name: 'external_id', type: 'uuid' },
  {
    name: 'status',
    type: 'enum',
    values: ['open', 'paid', 'void'],
    default: 'open',
  },
];

type Doc = any;

function operations(doc: Doc): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
    Object.keys(item)
      .filter(key => key !== 'parameters')
      .map(method => `${method.toUpperCase()} ${path}`),
  );
}

describe('openapiDocument', () => {
  it.each([
    ['the default fields, no auth', {}],
    ['every field type, JWT auth', { fields: richFields, auth: 'jwt' }],
  ])('is a valid OpenAPI 3.1 document: %s', async (_, values) => {
    const doc = openapiDocument(exampleSpec(values));
    await expect(
      SwaggerParser.validate(structuredClone(doc) as any),
    ).resolves.toBeDefined();
  });

  it('has the contract operations: list, create, read, replace, update, delete, probes', () => {
    const doc: Doc = openapiDocument(exampleSpec({ resource: 'order_line' }));
    expect(operations(doc)).toEqual([
      'GET /api/v1/order-lines',
      'POST /api/v1/order-lines',
      'GET /api/v1/order-lines/{id}',
      'PUT /api/v1/order-lines/{id}',
      'PATCH /api/v1/order-lines/{id}',
      'DELETE /api/v1/order-lines/{id}',
      'GET /healthz',
      'GET /readyz',
    ]);
    const post = doc.paths['/api/v1/order-lines'].post;
    expect(Object.keys(post.responses)).toEqual(['201', '400', '415', '422']);
    expect(post.responses['422'].content).toHaveProperty([
      'application/problem+json',
    ]);
  });

  it('derives filters, sorting and body schemas from the fields', () => {
    const spec = exampleSpec({ fields: richFields });
    const doc: Doc = openapiDocument(spec);
    const list = doc.paths['/api/v1/items'].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual([
      'codeContains',
      'notesContains',
      'minQuantity',
      'maxQuantity',
      'minAmount',
      'maxAmount',
      'active',
      'minDueOn',
      'maxDueOn',
      'minClosedAt',
      'maxClosedAt',
      'externalId',
      'status',
      'sort',
      'limit',
      'offset',
    ]);
    expect(sortValues(spec)).toContain('-amount');
    expect(sortValues(spec)).not.toContain('notes');
    const create = doc.components.schemas.ItemCreate;
    expect(create.required).toEqual(['code']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.closedAt).toEqual({
      type: ['string', 'null'],
      format: 'date-time',
    });
    expect(create.properties.status.enum).toEqual(['open', 'paid', 'void']);
    const offset = list.parameters.find((p: any) => p.name === 'offset');
    expect(offset.schema.maximum).toBe(spec.api.paging.offset.maximum);
    // A unique field makes conflicts possible: 409 is documented on writes.
    expect(doc.paths['/api/v1/items'].post.responses).toHaveProperty(['409']);
  });

  it('documents 401 and 403 and the write scope on writes only, with JWT auth', () => {
    const doc: Doc = openapiDocument(exampleSpec({ auth: 'jwt' }));
    const collection = doc.paths['/api/v1/items'];
    expect(collection.post.security).toEqual([{ bearerAuth: ['items:write'] }]);
    expect(collection.post.responses).toHaveProperty(['401']);
    expect(collection.get.security).toBeUndefined();
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
  });
});

describe('withArticle', () => {
  it.each([
    ['item', 'an item'],
    ['order line', 'an order line'],
    ['user', 'a user'],
    ['umbrella', 'an umbrella'],
    ['unit', 'a unit'],
    ['hour', 'an hour'],
    ['invoice', 'an invoice'],
    ['payment', 'a payment'],
  ])('%s → %s', (noun, expected) => {
    expect(withArticle(noun)).toBe(expected);
  });
});
