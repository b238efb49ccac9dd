/**
 * A CRUD round trip over HTTP, driven by the service's own OpenAPI document: the request bodies
 * are built from the schemas of the create and update operations, so the harness knows nothing
 * about the resource's fields.
 */
import { brief, http, type HttpResponse } from './network';

type Json = unknown;
type Schema = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/schemas/X`). */
function resolve(doc: Json, schema: unknown): Schema {
  let current = schema;
  for (let depth = 0; depth < 20 && isRecord(current); depth++) {
    const ref = current.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) => (isRecord(node) ? node[key] : undefined),
        doc,
      );
  }
  return isRecord(current) ? current : {};
}

/** The first alternative of anyOf/oneOf that is not `null`, merged allOf: one concrete schema. */
function concrete(doc: Json, schema: unknown): Schema {
  const resolved = resolve(doc, schema);
  for (const key of ['anyOf', 'oneOf']) {
    const options = resolved[key];
    if (Array.isArray(options)) {
      const chosen = options
        .map(option => concrete(doc, option))
        .find(option => option.type !== 'null');
      if (chosen) return { ...chosen, ...pickDocs(resolved) };
    }
  }
  if (Array.isArray(resolved.allOf)) {
    return resolved.allOf.reduce<Schema>(
      (merged, part) => ({ ...merged, ...concrete(doc, part) }),
      { ...resolved, allOf: undefined },
    );
  }
  return resolved;
}

function pickDocs(schema: Schema): Schema {
  const kept: Schema = {};
  for (const key of ['example', 'examples', 'default']) {
    if (key in schema) kept[key] = schema[key];
  }
  return kept;
}

function numberIn(schema: Schema, preferred: number, integer: boolean): number {
  let value = preferred;
  const step = integer ? 1 : 0.5;
  let min: number | undefined;
  let max: number | undefined;
  if (typeof schema.minimum === 'number') min = schema.minimum;
  else if (typeof schema.exclusiveMinimum === 'number')
    min = schema.exclusiveMinimum + step;
  if (typeof schema.maximum === 'number') max = schema.maximum;
  else if (typeof schema.exclusiveMaximum === 'number')
    max = schema.exclusiveMaximum - step;
  if (min !== undefined && value < min) value = min;
  if (max !== undefined && value > max) value = max;
  return integer ? Math.round(value) : value;
}

/**
 * A value that satisfies a JSON schema: the schema's example if it has one, otherwise built from
 * the type and its bounds. `variant` changes numbers and strings, for an update.
 */
export function sampleValue(
  doc: Json,
  rawSchema: unknown,
  label: string,
  variant = 0,
): Json {
  const schema = concrete(doc, rawSchema);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[variant % schema.enum.length];
  }
  if (variant === 0) {
    if ('example' in schema) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length > 0)
      return schema.examples[0];
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find(t => t !== 'null')
    : schema.type;
  switch (type) {
    case 'integer':
      return numberIn(schema, 3 + variant * 4, true);
    case 'number':
      return numberIn(schema, 12.5 + variant * 5, false);
    case 'boolean':
      return variant % 2 === 0;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: count }, (_, i) =>
        sampleValue(doc, schema.items, `${label}${i}`, variant),
      );
    }
    case 'object':
      return sampleObject(doc, schema, label, variant);
    default: {
      switch (schema.format) {
        case 'date-time':
          return new Date(Date.UTC(2026, 0, 1 + variant)).toISOString();
        case 'date':
          return `2026-01-0${1 + (variant % 9)}`;
        case 'email':
          return `verify${variant}@example.com`;
        case 'uuid':
          return `00000000-0000-4000-8000-00000000000${variant % 10}`;
        case 'uri':
          return `https://example.com/${variant}`;
        default:
          break;
      }
      let text = `verify ${label}${variant ? ` ${variant}` : ''}`;
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : 60;
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      text = text.slice(0, max).padEnd(min, 'x');
      return text;
    }
  }
}

/**
 * Only the required properties: what any client must send. `everyWritable`: every property that
 * is not read-only instead (a create body that requires nothing still stores something).
 */
function sampleObject(
  doc: Json,
  schema: Schema,
  label: string,
  variant: number,
  everyWritable = false,
) {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? (schema.required as string[])
    : [];
  const names = everyWritable
    ? Object.keys(properties).filter(
        name => concrete(doc, properties[name]).readOnly !== true,
      )
    : required;
  const result: Record<string, Json> = {};
  for (const name of names) {
    result[name] = sampleValue(
      doc,
      properties[name],
      `${label}-${name}`,
      variant,
    );
  }
  return result;
}

function requestSchema(doc: Json, operation: unknown): Schema | undefined {
  if (!isRecord(operation)) return undefined;
  const body = resolve(doc, operation.requestBody);
  const content = isRecord(body.content) ? body.content : {};
  const json = content['application/json'];
  return isRecord(json) ? concrete(doc, json.schema) : undefined;
}

/** Whether the JSON holds an object whose `key` equals `value`, at any depth. */
function containsEntity(json: Json, key: string, value: Json): boolean {
  if (Array.isArray(json))
    return json.some(item => containsEntity(item, key, value));
  if (!isRecord(json)) return false;
  if (json[key] === value) return true;
  return Object.values(json).some(item => containsEntity(item, key, value));
}

export interface CrudStep {
  description: string;
}

export class CrudError extends Error {}

function expectStatus(
  what: string,
  response: HttpResponse,
  expected: (status: number) => boolean,
  wanted: string,
): void {
  if (!expected(response.status)) {
    throw new CrudError(
      `${what}: expected ${wanted}, got ${response.status} ${brief(response.text, 400)}`,
    );
  }
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * create → get → list → update → delete → get answers 404, on `collectionPath` (e.g.
 * /api/v1/items) and its item path. Returns one line per call made.
 */
export async function crudRoundTrip(options: {
  baseUrl: string;
  openapi: Json;
  collectionPath: string;
  headers: Record<string, string>;
}): Promise<string[]> {
  const { baseUrl, openapi: doc, collectionPath, headers } = options;
  const done: string[] = [];
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  const collection = paths[collectionPath];
  if (!isRecord(collection)) {
    throw new CrudError(
      `the OpenAPI document has no path ${collectionPath} (paths: ${Object.keys(paths).join(', ')})`,
    );
  }
  const itemPath = Object.keys(paths).find(p =>
    new RegExp(
      `^${collectionPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\{[^/}]+\\}$`,
    ).test(p),
  );
  if (!itemPath)
    throw new CrudError(
      `the OpenAPI document has no ${collectionPath}/{id} path`,
    );
  const item = paths[itemPath] as Record<string, unknown>;

  const createSchema = requestSchema(doc, collection.post);
  if (!createSchema)
    throw new CrudError(`POST ${collectionPath} declares no JSON request body`);
  let createBody = sampleValue(doc, createSchema, 'create');
  if (isRecord(createBody) && Object.keys(createBody).length === 0) {
    createBody = sampleObject(doc, createSchema, 'create', 0, true);
  }
  if (!isRecord(createBody) || Object.keys(createBody).length === 0) {
    throw new CrudError(
      `POST ${collectionPath}: the request body schema has no property to send, so the round trip could check nothing it stored`,
    );
  }
  const created = await http('POST', baseUrl + collectionPath, {
    body: createBody,
    headers,
  });
  expectStatus(
    `POST ${collectionPath} ${JSON.stringify(createBody)}`,
    created,
    ok,
    '2xx',
  );
  if (!isRecord(created.json))
    throw new CrudError(`POST answered no JSON object: ${brief(created.text)}`);
  const idKey =
    'id' in created.json
      ? 'id'
      : Object.keys(created.json).find(key => /(^|_)id$/i.test(key));
  if (!idKey)
    throw new CrudError(`POST answered no id field: ${brief(created.text)}`);
  const id = created.json[idKey];
  const location = `${collectionPath}/${encodeURIComponent(String(id))}`;
  done.push(
    `POST ${collectionPath} ${JSON.stringify(createBody)} → ${created.status}, ${idKey} ${String(id)}`,
  );

  const fetched = await http('GET', baseUrl + location, { headers });
  expectStatus(`GET ${location}`, fetched, s => s === 200, '200');
  for (const [key, value] of Object.entries(
    isRecord(createBody) ? createBody : {},
  )) {
    const got = isRecord(fetched.json) ? fetched.json[key] : undefined;
    if (
      JSON.stringify(got) !== JSON.stringify(value) &&
      Number(got) !== Number(value)
    ) {
      throw new CrudError(
        `GET ${location}: ${key} is ${JSON.stringify(got)}, created as ${JSON.stringify(value)}`,
      );
    }
  }
  done.push(`GET ${location} → 200, fields as created`);

  const listed = await http('GET', baseUrl + collectionPath, { headers });
  expectStatus(`GET ${collectionPath}`, listed, s => s === 200, '200');
  if (!containsEntity(listed.json, idKey, id)) {
    throw new CrudError(
      `GET ${collectionPath} does not list ${idKey} ${String(id)}: ${brief(listed.text, 400)}`,
    );
  }
  done.push(`GET ${collectionPath} → 200, lists it`);

  const method = ['PATCH', 'PUT'].find(m => isRecord(item[m.toLowerCase()]));
  if (!method) throw new CrudError(`${itemPath} offers neither PATCH nor PUT`);
  const updateSchema = requestSchema(doc, item[method.toLowerCase()]);
  if (!updateSchema)
    throw new CrudError(`${method} ${itemPath} declares no JSON request body`);
  const properties = isRecord(updateSchema.properties)
    ? updateSchema.properties
    : {};
  // Change one field: a number if there is one (they are rarely unique), else a string.
  const kinds = Object.entries(properties).map(([name, schema]) => ({
    name,
    type: concrete(doc, schema).type,
  }));
  const field =
    kinds.find(k => k.type === 'number' || k.type === 'integer') ??
    kinds.find(k => k.type === 'string') ??
    kinds[0];
  if (!field)
    throw new CrudError(
      `${method} ${itemPath}: the request body has no properties`,
    );
  const newValue = sampleValue(
    doc,
    properties[field.name],
    `update-${field.name}`,
    1,
  );
  const updateBody =
    method === 'PATCH'
      ? { [field.name]: newValue }
      : { ...(isRecord(createBody) ? createBody : {}), [field.name]: newValue };
  const updated = await http(method, baseUrl + location, {
    body: updateBody,
    headers,
  });
  expectStatus(
    `${method} ${location} ${JSON.stringify(updateBody)}`,
    updated,
    ok,
    '2xx',
  );
  const after = await http('GET', baseUrl + location, { headers });
  const stored = isRecord(after.json) ? after.json[field.name] : undefined;
  if (
    JSON.stringify(stored) !== JSON.stringify(newValue) &&
    Number(stored) !== Number(newValue)
  ) {
    throw new CrudError(
      `${method} ${location}: ${field.name} reads back as ${JSON.stringify(stored)}, not ${JSON.stringify(newValue)}`,
    );
  }
  done.push(
    `${method} ${location} ${JSON.stringify(updateBody)} → ${updated.status}, reads back`,
  );

  const deleted = await http('DELETE', baseUrl + location, { headers });
  expectStatus(`DELETE ${location}`, deleted, ok, '2xx');
  done.push(`DELETE ${location} → ${deleted.status}`);

  const gone = await http('GET', baseUrl + location, { headers });
  expectStatus(`GET ${location} after DELETE`, gone, s => s === 404, '404');
  done.push(`GET ${location} → 404`);
  return done;
}

/** A write without credentials must be refused when the service has auth. */
export async function unauthenticatedWrite(options: {
  baseUrl: string;
  openapi: Json;
  collectionPath: string;
}): Promise<string> {
  const paths =
    isRecord(options.openapi) && isRecord(options.openapi.paths)
      ? options.openapi.paths
      : {};
  const collection = paths[options.collectionPath];
  const schema = requestSchema(
    options.openapi,
    isRecord(collection) ? collection.post : undefined,
  );
  const body = schema ? sampleValue(options.openapi, schema, 'anonymous') : {};
  const response = await http(
    'POST',
    options.baseUrl + options.collectionPath,
    { body },
  );
  expectStatus(
    `POST ${options.collectionPath} without a token`,
    response,
    s => s === 401,
    '401',
  );
  return `POST ${options.collectionPath} without a token → 401`;
}
