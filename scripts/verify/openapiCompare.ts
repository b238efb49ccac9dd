/**
 * Whether a service's served OpenAPI document says the same as the committed one, semantically:
 * the same operations (method + path, path parameter names normalised), and per operation the
 * parameters (name, in, required, JSON type), the response status codes and media types, and the
 * request and response bodies (property names, required lists, JSON types, string formats, enum
 * values), with `$ref`s resolved. Nullability is one thing however it is written (`anyOf`/`oneOf`
 * with a null alternative, a type array holding "null", 3.0's `nullable: true`); titles,
 * descriptions, examples, defaults, number formats (int32, double, …), constraints and ordering are
 * ignored. Every difference is listed, not only the first.
 */

type Json = unknown;
type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** A schema reduced to what the comparison looks at. */
export interface Shape {
  /** JSON types without "null", sorted; empty when the schema says nothing (any value). */
  types: string[];
  nullable: boolean;
  /** A string format (uuid, date, date-time, …); number formats are ignored. */
  format?: string;
  /** The allowed values (JSON), sorted, without null. */
  enum?: string[];
  properties?: Record<string, Shape>;
  required?: string[];
  items?: Shape;
  /** Alternatives of anyOf/oneOf besides null, when there are several. */
  anyOf?: Shape[];
  /** A $ref cycle was cut here: the name of the schema. */
  recursive?: string;
}

/** Follows a local JSON pointer (`#/components/schemas/X`). */
function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (isObject(node) ? node[key] : undefined),
      doc,
    );
}

/** An object with its `$ref` followed (siblings of the $ref kept, as OpenAPI 3.1 allows). */
function deref(
  doc: Json,
  value: unknown,
  seen: string[] = [],
): { node: JsonObject; refs: string[] } {
  let node = value;
  const refs = [...seen];
  for (let depth = 0; depth < 32 && isObject(node); depth++) {
    const ref = node.$ref;
    if (typeof ref !== 'string') break;
    if (refs.includes(ref)) return { node: { $recursive: ref }, refs };
    refs.push(ref);
    const { $ref: _ignored, ...siblings } = node;
    const target = pointer(doc, ref);
    node = isObject(target) ? { ...target, ...siblings } : siblings;
  }
  return { node: isObject(node) ? node : {}, refs };
}

function isNullSchema(schema: JsonObject): boolean {
  if (schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.length === 1)
    return schema.type[0] === 'null';
  if ('const' in schema && schema.const === null) return true;
  return Array.isArray(schema.enum) && schema.enum.every(v => v === null);
}

function canonical(shape: Shape): string {
  return JSON.stringify(shape, Object.keys(shape).sort());
}

const NUMERIC = new Set(['integer', 'number']);

/** The shape of a schema; `refs` are the $refs being expanded above it (to cut cycles). */
export function shapeOf(
  doc: Json,
  schema: unknown,
  refs: string[] = [],
): Shape {
  const { node, refs: inside } = deref(doc, schema, refs);
  if (typeof node.$recursive === 'string') {
    return {
      types: [],
      nullable: false,
      recursive: node.$recursive.split('/').pop(),
    };
  }
  let nullable = node.nullable === true;
  let alternatives: Shape[] = [];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = node[key];
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      const resolved = deref(doc, option, inside).node;
      if (isNullSchema(resolved)) nullable = true;
      else alternatives.push(shapeOf(doc, option, inside));
    }
  }
  // allOf: one schema, its parts merged.
  let merged: JsonObject = node;
  if (Array.isArray(node.allOf)) {
    merged = { ...node };
    const properties: JsonObject = isObject(node.properties)
      ? { ...node.properties }
      : {};
    const required = new Set(
      Array.isArray(node.required) ? (node.required as string[]) : [],
    );
    for (const part of node.allOf) {
      const resolved = deref(doc, part, inside).node;
      for (const [key, value] of Object.entries(resolved)) {
        if (key === 'properties' && isObject(value))
          Object.assign(properties, value);
        else if (key === 'required' && Array.isArray(value))
          value.forEach(name => required.add(String(name)));
        else if (!(key in merged)) merged[key] = value;
      }
    }
    if (Object.keys(properties).length) merged.properties = properties;
    if (required.size) merged.required = [...required];
  }

  const declared = merged.type;
  let types: string[] = [];
  if (typeof declared === 'string') types = [declared];
  else if (Array.isArray(declared)) types = declared.map(String);
  if (types.includes('null')) nullable = true;
  types = types.filter(t => t !== 'null');

  let enumValues: unknown[] | undefined;
  if (Array.isArray(merged.enum)) enumValues = merged.enum;
  else if ('const' in merged) enumValues = [merged.const];
  if (enumValues?.includes(null)) {
    nullable = true;
    enumValues = enumValues.filter(v => v !== null);
  }
  if (types.length === 0) {
    if (isObject(merged.properties)) types = ['object'];
    else if (merged.items !== undefined) types = ['array'];
    else if (enumValues?.length && enumValues.every(v => typeof v === 'string'))
      types = ['string'];
  }

  if (alternatives.length === 1 && types.length === 0) {
    // `anyOf: [X, null]`: X, nullable.
    const [only] = alternatives;
    return { ...only, nullable: nullable || only.nullable };
  }
  if (alternatives.length > 1) {
    // Alternatives that are themselves nullable make the whole nullable.
    nullable = nullable || alternatives.some(a => a.nullable);
    alternatives = alternatives.map(a => ({ ...a, nullable: false }));
  }

  const shape: Shape = { types: [...new Set(types)].sort(), nullable };
  if (
    typeof merged.format === 'string' &&
    !shape.types.some(t => NUMERIC.has(t))
  ) {
    shape.format = merged.format;
  }
  if (enumValues) {
    shape.enum = [...new Set(enumValues.map(v => JSON.stringify(v)))].sort();
  }
  if (isObject(merged.properties)) {
    shape.properties = Object.fromEntries(
      Object.entries(merged.properties)
        .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
        .map(([name, value]) => [name, shapeOf(doc, value, inside)]),
    );
  }
  if (Array.isArray(merged.required) && merged.required.length) {
    shape.required = [...new Set(merged.required.map(String))].sort();
  }
  if (merged.items !== undefined && !Array.isArray(merged.items)) {
    shape.items = shapeOf(doc, merged.items, inside);
  }
  if (alternatives.length > 1) {
    shape.anyOf = alternatives.sort((a, b) =>
      canonical(a) < canonical(b) ? -1 : 1,
    );
  }
  return shape;
}

function describeType(shape: Shape): string {
  const base = shape.anyOf
    ? `anyOf(${shape.anyOf.map(describeType).join(' | ')})`
    : shape.types.join('|') || 'any';
  const format = shape.format ? ` (${shape.format})` : '';
  return `${base}${format}${shape.nullable ? ', nullable' : ''}`;
}

function setDifference(a: string[], b: string[]): string[] {
  return a.filter(x => !b.includes(x));
}

/** Every difference between two shapes, each prefixed by `at`. */
export function compareShapes(
  committed: Shape,
  served: Shape,
  at: string,
): string[] {
  const out: string[] = [];
  if (committed.recursive || served.recursive) {
    if (
      committed.recursive !== served.recursive &&
      committed.types.join() !== served.types.join()
    ) {
      out.push(`${at}: ${describeType(committed)} vs ${describeType(served)}`);
    }
    return out;
  }
  const typeOf = (s: Shape) =>
    s.anyOf ? `anyOf:${s.anyOf.map(canonical).join('|')}` : s.types.join('|');
  if (
    typeOf(committed) !== typeOf(served) ||
    committed.nullable !== served.nullable ||
    committed.format !== served.format
  ) {
    out.push(
      `${at}: type ${describeType(committed)} committed, ${describeType(served)} served`,
    );
  }
  if (committed.enum || served.enum) {
    const a = committed.enum ?? [];
    const b = served.enum ?? [];
    const missing = setDifference(a, b);
    const extra = setDifference(b, a);
    if (!committed.enum || !served.enum) {
      out.push(
        `${at}: enum ${committed.enum ? `[${a.join(', ')}]` : 'none'} committed, ${served.enum ? `[${b.join(', ')}]` : 'none'} served`,
      );
    } else if (missing.length || extra.length) {
      out.push(
        `${at}: enum values${missing.length ? ` missing when served: ${missing.join(', ')}` : ''}${
          missing.length && extra.length ? ';' : ''
        }${extra.length ? ` only served: ${extra.join(', ')}` : ''}`,
      );
    }
  }
  const props = (s: Shape) => Object.keys(s.properties ?? {});
  const onlyCommitted = setDifference(props(committed), props(served));
  const onlyServed = setDifference(props(served), props(committed));
  if (onlyCommitted.length)
    out.push(`${at}: properties not served: ${onlyCommitted.join(', ')}`);
  if (onlyServed.length)
    out.push(`${at}: properties only served: ${onlyServed.join(', ')}`);
  for (const name of props(committed).filter(n => props(served).includes(n))) {
    out.push(
      ...compareShapes(
        committed.properties![name],
        served.properties![name],
        `${at}.${name}`,
      ),
    );
  }
  const requiredA = committed.required ?? [];
  const requiredB = served.required ?? [];
  const notRequired = setDifference(requiredA, requiredB);
  const newlyRequired = setDifference(requiredB, requiredA);
  if (notRequired.length || newlyRequired.length) {
    out.push(
      `${at}: required [${requiredA.join(', ')}] committed, [${requiredB.join(', ')}] served`,
    );
  }
  if (committed.items && served.items) {
    out.push(...compareShapes(committed.items, served.items, `${at}[]`));
  } else if (committed.items || served.items) {
    out.push(
      `${at}: items ${committed.items ? describeType(committed.items) : 'none'} committed, ${served.items ? describeType(served.items) : 'none'} served`,
    );
  }
  return out;
}

interface Parameter {
  label: string;
  required: boolean;
  shape: Shape;
}

interface Body {
  required: boolean;
  /** Media type → shape of its schema. */
  content: Record<string, Shape>;
}

interface Operation {
  /** `GET /api/v1/items/{id}`, as the document writes the path. */
  label: string;
  parameters: Map<string, Parameter>;
  requestBody?: Body;
  responses: Map<string, Body>;
}

/** `/items/{itemId}/x` → `/items/{}/x`, and the path parameter names in order. */
export function normalisePath(path: string): { key: string; names: string[] } {
  const names: string[] = [];
  const key = path.replace(/\{([^}]*)\}/g, (_, name: string) => {
    names.push(name);
    return '{}';
  });
  return { key: key.length > 1 ? key.replace(/\/+$/, '') : key, names };
}

function contentShapes(doc: Json, content: unknown): Record<string, Shape> {
  if (!isObject(content)) return {};
  return Object.fromEntries(
    Object.entries(content)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([mediaType, media]) => [
        mediaType.split(';')[0].trim().toLowerCase(),
        shapeOf(doc, isObject(media) ? media.schema : undefined),
      ]),
  );
}

function parametersOf(
  doc: Json,
  lists: unknown[],
  pathNames: string[],
): Map<string, Parameter> {
  const byKey = new Map<string, Parameter>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = deref(doc, raw).node;
      const name = String(parameter.name ?? '');
      const where = String(parameter.in ?? '');
      const position = pathNames.indexOf(name);
      // Path parameters are matched by position: their names are the stack's to choose.
      const key =
        where === 'path' && position >= 0
          ? `path:#${position}`
          : `${where}:${name}`;
      const schema =
        parameter.schema ??
        (isObject(parameter.content)
          ? Object.values(parameter.content).map(m =>
              isObject(m) ? m.schema : undefined,
            )[0]
          : undefined);
      byKey.set(key, {
        label:
          where === 'path'
            ? `path parameter {${name}}`
            : `${where} parameter "${name}"`,
        required: where === 'path' ? true : parameter.required === true,
        shape: shapeOf(doc, schema),
      });
    }
  }
  return byKey;
}

/** Every operation of a document, by `METHOD normalised-path`. */
export function operationsOf(doc: Json): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem).node;
    const { key, names } = normalisePath(path);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const requestBody =
        operation.requestBody !== undefined
          ? deref(doc, operation.requestBody).node
          : undefined;
      const responses = isObject(operation.responses)
        ? operation.responses
        : {};
      operations.set(`${method.toUpperCase()} ${key}`, {
        label: `${method.toUpperCase()} ${path}`,
        parameters: parametersOf(
          doc,
          [item.parameters, operation.parameters],
          names,
        ),
        requestBody: requestBody
          ? {
              required: requestBody.required === true,
              content: contentShapes(doc, requestBody.content),
            }
          : undefined,
        responses: new Map(
          Object.entries(responses).map(([status, raw]) => {
            const response = deref(doc, raw).node;
            return [
              status.toUpperCase(),
              { required: true, content: contentShapes(doc, response.content) },
            ];
          }),
        ),
      });
    }
  }
  return operations;
}

function compareContent(
  committed: Record<string, Shape>,
  served: Record<string, Shape>,
  at: string,
): string[] {
  const out: string[] = [];
  const a = Object.keys(committed);
  const b = Object.keys(served);
  const missing = setDifference(a, b);
  const extra = setDifference(b, a);
  if (missing.length || extra.length) {
    out.push(
      `${at}: media types [${a.join(', ')}] committed, [${b.join(', ')}] served`,
    );
  }
  for (const mediaType of a.filter(m => b.includes(m))) {
    out.push(
      ...compareShapes(
        committed[mediaType],
        served[mediaType],
        a.length > 1 ? `${at} ${mediaType}` : at,
      ),
    );
  }
  // One media type on each side under different names: still compare the schemas.
  if (a.length === 1 && b.length === 1 && a[0] !== b[0]) {
    out.push(...compareShapes(committed[a[0]], served[b[0]], at));
  }
  return out;
}

/** Every semantic difference between the committed document and the served one. */
export function compareOpenapi(committed: Json, served: Json): string[] {
  const out: string[] = [];
  const ours = operationsOf(committed);
  const theirs = operationsOf(served);
  for (const [key, operation] of ours) {
    if (!theirs.has(key))
      out.push(`${operation.label}: not in the served document`);
  }
  for (const [key, operation] of theirs) {
    if (!ours.has(key))
      out.push(`${operation.label}: only in the served document`);
  }
  for (const [key, a] of ours) {
    const b = theirs.get(key);
    if (!b) continue;
    const at = a.label;
    for (const [name, parameter] of a.parameters) {
      const other = b.parameters.get(name);
      if (!other) {
        out.push(`${at}: ${parameter.label} not served`);
        continue;
      }
      if (parameter.required !== other.required) {
        out.push(
          `${at}: ${parameter.label} ${parameter.required ? 'required' : 'optional'} committed, ${other.required ? 'required' : 'optional'} served`,
        );
      }
      out.push(
        ...compareShapes(
          parameter.shape,
          other.shape,
          `${at}: ${parameter.label}`,
        ),
      );
    }
    for (const [name, parameter] of b.parameters) {
      if (!a.parameters.has(name))
        out.push(`${at}: ${parameter.label} only served`);
    }
    if (a.requestBody || b.requestBody) {
      if (!a.requestBody || !b.requestBody) {
        out.push(
          `${at}: request body ${a.requestBody ? 'committed' : 'served'} only`,
        );
      } else {
        if (a.requestBody.required !== b.requestBody.required) {
          out.push(
            `${at}: request body ${a.requestBody.required ? 'required' : 'optional'} committed, ${b.requestBody.required ? 'required' : 'optional'} served`,
          );
        }
        out.push(
          ...compareContent(
            a.requestBody.content,
            b.requestBody.content,
            `${at}: request body`,
          ),
        );
      }
    }
    const statuses = [...a.responses.keys()];
    const otherStatuses = [...b.responses.keys()];
    const missing = setDifference(statuses, otherStatuses);
    const extra = setDifference(otherStatuses, statuses);
    if (missing.length)
      out.push(`${at}: responses not served: ${missing.join(', ')}`);
    if (extra.length)
      out.push(`${at}: responses only served: ${extra.join(', ')}`);
    for (const status of statuses.filter(s => otherStatuses.includes(s))) {
      out.push(
        ...compareContent(
          a.responses.get(status)!.content,
          b.responses.get(status)!.content,
          `${at}: response ${status}`,
        ),
      );
    }
  }
  return out;
}

/** How many operations a document has (for the report). */
export function countOperations(doc: Json): number {
  return operationsOf(doc).size;
}
