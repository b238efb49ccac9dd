/**
 * Whether two OpenAPI documents say the same, semantically: the same operations (method and
 * path, path parameters matched by position), and per operation the same parameters (name, in,
 * required, JSON type), response status codes and media types, and request and response bodies
 * (property names, required lists, JSON types, string formats, enum values), `$ref`s resolved and
 * `allOf` merged. Nullability is one thing however written (a type array holding "null",
 * anyOf/oneOf with a null alternative, `nullable: true`); descriptions, examples, defaults, number
 * formats, constraints and ordering are ignored. The verification harness compares the served
 * document with the committed one by the same rules.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Shape {
  types: string[];
  nullable: boolean;
  format?: string;
  enum?: string[];
  properties?: Record<string, Shape>;
  required?: string[];
  items?: Shape;
  anyOf?: Shape[];
}

function resolve(doc: Json, value: unknown, seen: string[] = []): { node: Json; seen: string[] } {
  let node = value;
  const refs = [...seen];
  while (isObject(node) && typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (refs.includes(ref)) return { node: {}, seen: refs };
    refs.push(ref);
    const { $ref: _ignored, ...siblings } = node;
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), doc);
    node = isObject(target) ? { ...target, ...siblings } : siblings;
  }
  return { node: isObject(node) ? node : {}, seen: refs };
}

function isNull(schema: Json): boolean {
  return (
    schema.type === 'null' ||
    (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null') ||
    (Array.isArray(schema.enum) && schema.enum.every((value) => value === null))
  );
}

const canonical = (shape: Shape) => JSON.stringify(shape, Object.keys(shape).sort());

export function shapeOf(doc: Json, schema: unknown, seen: string[] = []): Shape {
  const { node, seen: inside } = resolve(doc, schema, seen);
  let nullable = node.nullable === true;
  let alternatives: Shape[] = [];
  for (const key of ['anyOf', 'oneOf']) {
    const options = node[key];
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      if (isNull(resolve(doc, option, inside).node)) nullable = true;
      else alternatives.push(shapeOf(doc, option, inside));
    }
  }
  const merged: Json = { ...node };
  if (Array.isArray(node.allOf)) {
    const properties: Json = isObject(node.properties) ? { ...node.properties } : {};
    const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
    for (const part of node.allOf) {
      const resolved = resolve(doc, part, inside).node;
      for (const [key, value] of Object.entries(resolved)) {
        if (key === 'properties' && isObject(value)) Object.assign(properties, value);
        else if (key === 'required' && Array.isArray(value)) value.forEach((name) => required.add(String(name)));
        else if (!(key in merged)) merged[key] = value;
      }
    }
    if (Object.keys(properties).length > 0) merged.properties = properties;
    if (required.size > 0) merged.required = [...required];
  }
  let types =
    typeof merged.type === 'string' ? [merged.type] : Array.isArray(merged.type) ? merged.type.map(String) : [];
  if (types.includes('null')) nullable = true;
  types = types.filter((type) => type !== 'null');
  let values = Array.isArray(merged.enum) ? merged.enum : 'const' in merged ? [merged.const] : undefined;
  if (values?.includes(null)) {
    nullable = true;
    values = values.filter((value) => value !== null);
  }
  if (types.length === 0) {
    if (isObject(merged.properties)) types = ['object'];
    else if (merged.items !== undefined) types = ['array'];
    else if (values?.every((value) => typeof value === 'string')) types = ['string'];
  }
  const [only] = alternatives;
  if (alternatives.length === 1 && only !== undefined && types.length === 0) {
    return { ...only, nullable: nullable || only.nullable };
  }
  if (alternatives.length > 1) {
    nullable = nullable || alternatives.some((alternative) => alternative.nullable);
    alternatives = alternatives.map((alternative) => ({ ...alternative, nullable: false }));
  }
  const shape: Shape = { types: [...new Set(types)].sort(), nullable };
  if (typeof merged.format === 'string' && !shape.types.some((type) => type === 'integer' || type === 'number')) {
    shape.format = merged.format;
  }
  if (values) shape.enum = [...new Set(values.map((value) => JSON.stringify(value)))].sort();
  if (isObject(merged.properties)) {
    shape.properties = Object.fromEntries(
      Object.entries(merged.properties).map(([name, value]) => [name, shapeOf(doc, value, inside)]),
    );
  }
  if (Array.isArray(merged.required) && merged.required.length > 0) {
    shape.required = [...new Set(merged.required.map(String))].sort();
  }
  if (isObject(merged.items)) shape.items = shapeOf(doc, merged.items, inside);
  if (alternatives.length > 1) shape.anyOf = alternatives.sort((a, b) => (canonical(a) < canonical(b) ? -1 : 1));
  return shape;
}

function describeType(shape: Shape): string {
  const base = shape.anyOf ? `anyOf(${shape.anyOf.map(describeType).join(' | ')})` : shape.types.join('|') || 'any';
  return `${base}${shape.format ? ` (${shape.format})` : ''}${shape.nullable ? ', nullable' : ''}`;
}

const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

export function compareShapes(committed: Shape, served: Shape, at: string): string[] {
  const out: string[] = [];
  const typeOf = (shape: Shape) =>
    shape.anyOf ? `anyOf:${shape.anyOf.map(canonical).join('|')}` : shape.types.join('|');
  if (
    typeOf(committed) !== typeOf(served) ||
    committed.nullable !== served.nullable ||
    committed.format !== served.format
  ) {
    out.push(`${at}: type ${describeType(committed)} committed, ${describeType(served)} served`);
  }
  if (committed.enum || served.enum) {
    const a = committed.enum ?? [];
    const b = served.enum ?? [];
    if (!committed.enum || !served.enum || minus(a, b).length > 0 || minus(b, a).length > 0) {
      out.push(`${at}: enum [${a.join(', ')}] committed, [${b.join(', ')}] served`);
    }
  }
  const names = (shape: Shape) => Object.keys(shape.properties ?? {});
  const notServed = minus(names(committed), names(served));
  const onlyServed = minus(names(served), names(committed));
  if (notServed.length > 0) out.push(`${at}: properties not served: ${notServed.join(', ')}`);
  if (onlyServed.length > 0) out.push(`${at}: properties only served: ${onlyServed.join(', ')}`);
  for (const name of names(committed).filter((n) => names(served).includes(n))) {
    const [a, b] = [committed.properties?.[name], served.properties?.[name]];
    if (a && b) out.push(...compareShapes(a, b, `${at}.${name}`));
  }
  const [requiredA, requiredB] = [committed.required ?? [], served.required ?? []];
  if (minus(requiredA, requiredB).length > 0 || minus(requiredB, requiredA).length > 0) {
    out.push(`${at}: required [${requiredA.join(', ')}] committed, [${requiredB.join(', ')}] served`);
  }
  if (committed.items && served.items) out.push(...compareShapes(committed.items, served.items, `${at}[]`));
  else if (committed.items || served.items) out.push(`${at}: items differ`);
  return out;
}

interface Operation {
  label: string;
  parameters: Map<string, { label: string; required: boolean; shape: Shape }>;
  body?: { required: boolean; content: Record<string, Shape> };
  responses: Map<string, Record<string, Shape>>;
}

function contentOf(doc: Json, content: unknown): Record<string, Shape> {
  if (!isObject(content)) return {};
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [
      type.split(';')[0]?.trim().toLowerCase() ?? type,
      shapeOf(doc, isObject(media) ? media.schema : undefined),
    ]),
  );
}

export function operationsOf(doc: Json): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = resolve(doc, rawItem).node;
    const names: string[] = [];
    const key = path.replace(/\{([^}]*)\}/g, (_match, name: string) => {
      names.push(name);
      return '{}';
    });
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const parameters = new Map<string, { label: string; required: boolean; shape: Shape }>();
      for (const list of [item.parameters, operation.parameters]) {
        for (const raw of Array.isArray(list) ? list : []) {
          const parameter = resolve(doc, raw).node;
          const name = String(parameter.name);
          const where = String(parameter.in);
          const position = names.indexOf(name);
          parameters.set(where === 'path' && position >= 0 ? `path:#${position}` : `${where}:${name}`, {
            label: `${where} parameter ${name}`,
            required: where === 'path' || parameter.required === true,
            shape: shapeOf(doc, parameter.schema),
          });
        }
      }
      const body = operation.requestBody === undefined ? undefined : resolve(doc, operation.requestBody).node;
      operations.set(`${method.toUpperCase()} ${key}`, {
        label: `${method.toUpperCase()} ${path}`,
        parameters,
        ...(body ? { body: { required: body.required === true, content: contentOf(doc, body.content) } } : {}),
        responses: new Map(
          Object.entries(isObject(operation.responses) ? operation.responses : {}).map(([status, raw]) => [
            status,
            contentOf(doc, resolve(doc, raw).node.content),
          ]),
        ),
      });
    }
  }
  return operations;
}

function compareContent(committed: Record<string, Shape>, served: Record<string, Shape>, at: string): string[] {
  const [a, b] = [Object.keys(committed), Object.keys(served)];
  const out: string[] = [];
  if (minus(a, b).length > 0 || minus(b, a).length > 0) {
    out.push(`${at}: media types [${a.join(', ')}] committed, [${b.join(', ')}] served`);
  }
  for (const type of a.filter((t) => b.includes(t))) {
    const [x, y] = [committed[type], served[type]];
    if (x && y) out.push(...compareShapes(x, y, at));
  }
  return out;
}

/** Every semantic difference between the committed document and the served one. */
export function compareOpenapi(committed: Json, served: Json): string[] {
  const out: string[] = [];
  const ours = operationsOf(committed);
  const theirs = operationsOf(served);
  for (const [key, operation] of ours) if (!theirs.has(key)) out.push(`${operation.label}: not in the served document`);
  for (const [key, operation] of theirs)
    if (!ours.has(key)) out.push(`${operation.label}: only in the served document`);
  for (const [key, a] of ours) {
    const b = theirs.get(key);
    if (!b) continue;
    for (const [name, parameter] of a.parameters) {
      const other = b.parameters.get(name);
      if (!other) {
        out.push(`${a.label}: ${parameter.label} not served`);
        continue;
      }
      if (parameter.required !== other.required) out.push(`${a.label}: ${parameter.label} required differs`);
      out.push(...compareShapes(parameter.shape, other.shape, `${a.label}: ${parameter.label}`));
    }
    for (const [name, parameter] of b.parameters) {
      if (!a.parameters.has(name)) out.push(`${a.label}: ${parameter.label} only served`);
    }
    if (a.body && b.body) {
      if (a.body.required !== b.body.required) out.push(`${a.label}: request body required differs`);
      out.push(...compareContent(a.body.content, b.body.content, `${a.label}: request body`));
    } else if (a.body || b.body) {
      out.push(`${a.label}: request body ${a.body ? 'committed' : 'served'} only`);
    }
    const [statuses, servedStatuses] = [[...a.responses.keys()], [...b.responses.keys()]];
    if (minus(statuses, servedStatuses).length > 0)
      out.push(`${a.label}: responses not served: ${minus(statuses, servedStatuses).join(', ')}`);
    if (minus(servedStatuses, statuses).length > 0)
      out.push(`${a.label}: responses only served: ${minus(servedStatuses, statuses).join(', ')}`);
    for (const status of statuses.filter((s) => servedStatuses.includes(s))) {
      out.push(
        ...compareContent(
          a.responses.get(status) ?? {},
          b.responses.get(status) ?? {},
          `${a.label}: response ${status}`,
        ),
      );
    }
  }
  return out;
}
