import type { FieldSpec, ServiceSpec } from '../request';
import type { ApiContract } from './apiContract';
import {
  filterParameterSchema,
  propertySchema,
  type JsonSchema,
} from './fieldSchemas';

/** The indefinite article by the first sound, as far as spelling tells: an item, a user, an hour. */
export function withArticle(noun: string): string {
  const vowelSound =
    /^(?:[aeio]|u(?![bcdfgjklmnpqrstvwxz][aeiou])|h(?:our|onou?r|onest))/i.test(
      noun,
    );
  return `${vowelSound ? 'an' : 'a'} ${noun}`;
}

/** The timestamps every resource has, after its fields. */
const TIMESTAMPS = ['createdAt', 'updatedAt'];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function problemResponse(description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

function jsonResponse(description: string, schema: JsonSchema) {
  return { description, content: { 'application/json': { schema } } };
}

/** Why each error status happens; one text for every operation. */
const ERRORS: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'No valid bearer token',
  403: 'The token lacks the write scope',
  404: 'No resource has this id',
  409: 'A unique field already has this value',
  415: 'The body is not application/json',
  422: 'A parameter or the body breaks the schema',
};

function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map(status => [String(status), problemResponse(ERRORS[status])]),
  );
}

function bodySchema(
  fields: FieldSpec[],
  requiredOf: (field: FieldSpec) => boolean,
  description: string,
): JsonSchema {
  return {
    type: 'object',
    description,
    properties: Object.fromEntries(
      fields.map(field => [field.name.json, propertySchema(field)]),
    ),
    required: fields.filter(requiredOf).map(field => field.name.json),
    additionalProperties: false,
  };
}

function listParameters(spec: ServiceSpec, contract: ApiContract) {
  const query = (name: string, schema: JsonSchema, description: string) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema,
  });
  const filters = spec.resource.fields.flatMap(field => {
    const { filter } = field;
    const schema = filterParameterSchema(field);
    const title = field.name.title.toLowerCase();
    switch (filter.kind) {
      case 'exact':
        return [
          query(
            filter.equals!,
            schema,
            `Only those whose ${title} is this value`,
          ),
        ];
      case 'substring':
        return [
          query(
            filter.contains!,
            schema,
            `Only those whose ${title} contains this text (case-insensitive)`,
          ),
        ];
      case 'range':
        return [
          query(
            filter.min!,
            schema,
            `Only those whose ${title} is at least this`,
          ),
          query(
            filter.max!,
            schema,
            `Only those whose ${title} is at most this`,
          ),
        ];
      default:
        return [];
    }
  });
  const { limit, offset } = contract.paging;
  return [
    ...filters,
    query(
      'sort',
      { type: 'string', enum: sortValues(spec), default: contract.defaultSort },
      'Sort key; a leading "-" sorts descending',
    ),
    query('limit', { type: 'integer', ...limit }, 'Page size'),
    query(
      'offset',
      { type: 'integer', ...offset },
      'How many resources to skip',
    ),
  ];
}

/** Every sort key: sortable fields and the timestamps, each ascending and descending. */
export function sortValues(spec: ServiceSpec): string[] {
  const keys = [
    ...spec.resource.fields.filter(f => f.sortable).map(f => f.name.json),
    ...TIMESTAMPS,
  ];
  return keys.flatMap(key => [key, `-${key}`]);
}

function example(fields: FieldSpec[]) {
  return Object.fromEntries(fields.map(f => [f.name.json, f.example]));
}

/**
 * The service's OpenAPI 3.1 document, derived from the spec alone: the contract every stack
 * implements, committed as `openapi.json` and shown by the catalog's API entity.
 */
export function openapiDocument(spec: ServiceSpec): Record<string, unknown> {
  const contract = spec.api;
  const { fields } = spec.resource;
  const R = spec.resource.singular.pascal;
  const plural = spec.resource.plural;
  const singular = spec.resource.singular;
  /** "an item", "a user", "an order line". */
  const one = withArticle(singular.title.toLowerCase());
  const auth = spec.auth === 'jwt';
  const writeErrors = auth ? [401, 403] : [];
  const security = auth
    ? { security: [{ bearerAuth: [contract.writeScope] }] }
    : {};
  const idParameter = {
    name: 'id',
    in: 'path',
    required: true,
    description: `The ${singular.title.toLowerCase()}'s id`,
    schema: { type: 'string', format: 'uuid' },
  };
  const uniqueErrors = fields.some(f => f.unique) ? [409] : [];
  const tags = [plural.title];
  const created = jsonResponse(`The ${singular.title.toLowerCase()}`, ref(R));
  const bodyOf = (name: string) => ({
    required: true,
    content: {
      'application/json': { schema: ref(name), example: example(fields) },
    },
  });

  return {
    openapi: '3.1.0',
    info: {
      title: spec.name.title,
      ...(spec.description ? { description: spec.description } : {}),
      version: spec.version,
    },
    tags: [
      { name: plural.title, description: `${plural.title} and their fields` },
    ],
    paths: {
      [contract.collection]: {
        get: {
          tags,
          operationId: `list${plural.pascal}`,
          summary: `List ${plural.title.toLowerCase()}`,
          parameters: listParameters(spec, contract),
          responses: {
            '200': jsonResponse(
              `A page of ${plural.title.toLowerCase()}`,
              ref(`${R}Page`),
            ),
            ...errors(422),
          },
        },
        post: {
          tags,
          operationId: `create${R}`,
          summary: `Create ${one}`,
          ...security,
          requestBody: bodyOf(`${R}Create`),
          responses: {
            '201': {
              ...created,
              description: `The ${singular.title.toLowerCase()} created`,
              headers: {
                Location: {
                  description: 'Its URL',
                  schema: { type: 'string' },
                },
              },
            },
            ...errors(400, ...writeErrors, ...uniqueErrors, 415, 422),
          },
        },
      },
      [`${contract.collection}/{id}`]: {
        parameters: [idParameter],
        get: {
          tags,
          operationId: `get${R}`,
          summary: `Read ${one}`,
          responses: { '200': created, ...errors(404, 422) },
        },
        put: {
          tags,
          operationId: `replace${R}`,
          summary: `Replace ${one}: fields left out are cleared`,
          ...security,
          requestBody: bodyOf(`${R}Create`),
          responses: {
            '200': created,
            ...errors(400, ...writeErrors, 404, ...uniqueErrors, 415, 422),
          },
        },
        patch: {
          tags,
          operationId: `update${R}`,
          summary: `Update some fields of ${one}`,
          ...security,
          requestBody: bodyOf(`${R}Update`),
          responses: {
            '200': created,
            ...errors(400, ...writeErrors, 404, ...uniqueErrors, 415, 422),
          },
        },
        delete: {
          tags,
          operationId: `delete${R}`,
          summary: `Delete ${one}`,
          ...security,
          responses: {
            '204': { description: 'Deleted' },
            ...errors(...writeErrors, 404, 422),
          },
        },
      },
      [contract.paths.liveness]: {
        get: {
          tags: ['Health'],
          operationId: 'liveness',
          summary: 'The process is running',
          responses: { '200': jsonResponse('Alive', ref('Health')) },
        },
      },
      [contract.paths.readiness]: {
        get: {
          tags: ['Health'],
          operationId: 'readiness',
          summary: 'The service can serve requests (its database answers)',
          responses: {
            '200': jsonResponse('Ready', ref('Health')),
            '503': jsonResponse('Not ready', ref('Health')),
          },
        },
      },
    },
    components: {
      schemas: {
        [R]: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            ...Object.fromEntries(
              fields.map(f => [f.name.json, propertySchema(f)]),
            ),
            createdAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
          required: ['id', ...fields.map(f => f.name.json), ...TIMESTAMPS],
          additionalProperties: false,
        },
        [`${R}Create`]: bodySchema(
          fields,
          f => f.requiredOnCreate,
          `A new ${singular.title.toLowerCase()} (POST), or all of one (PUT)`,
        ),
        [`${R}Update`]: bodySchema(
          fields,
          () => false,
          'The fields to change; the others keep their values',
        ),
        [`${R}Page`]: {
          type: 'object',
          properties: {
            items: { type: 'array', items: ref(R) },
            total: { type: 'integer', minimum: 0 },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
          },
          required: ['items', 'total', 'limit', 'offset'],
          additionalProperties: false,
        },
        Problem: {
          type: 'object',
          description: 'An error, as RFC 9457 problem details',
          properties: {
            type: { type: 'string', default: 'about:blank' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  detail: { type: 'string' },
                  pointer: {
                    type: 'string',
                    description: 'JSON pointer into the body, e.g. #/name',
                  },
                  parameter: {
                    type: 'string',
                    description: 'The query or path parameter',
                  },
                },
                required: ['detail'],
              },
            },
          },
          required: ['type', 'title', 'status'],
        },
        Health: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['ok', 'unavailable'] },
          },
          required: ['status'],
        },
      },
      ...(auth
        ? {
            securitySchemes: {
              bearerAuth: {
                type: 'http',
                scheme: 'bearer',
                bearerFormat: 'JWT',
              },
            },
          }
        : {}),
    },
  };
}
