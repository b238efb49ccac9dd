/**
 * A small in-memory service that implements the HTTP contract (blueprints/README.md) for a spec:
 * what a correct stack does, so the conformance suite can be proven to pass on it, and — with one
 * `defect` switched on — to fail exactly the check that covers it. Test support only.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  sortValues,
  type FieldSpec,
  type ServiceSpec,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export type Defect =
  | 'sort-ignored'
  | 'contains-as-like-pattern'
  | 'contains-case-sensitive'
  | 'min-exclusive'
  | 'decimals-truncated'
  | 'datetime-without-zone'
  | 'put-keeps-omitted'
  | 'no-location'
  | 'delete-200'
  | 'unique-not-enforced'
  | 'huge-offset-500'
  | 'offset-unbounded'
  | 'limit-unbounded'
  | 'unknown-query-422'
  | 'unknown-body-accepted'
  | 'errors-as-json'
  | 'no-request-id-on-404'
  | 'request-id-not-echoed'
  | 'no-allow-header'
  | 'text-plain-accepted'
  | 'strings-coerced'
  | 'scope-array-500'
  | 'no-www-authenticate'
  | 'lifetime-unchecked'
  | 'reads-need-token'
  | 'metrics-on-api-port'
  | 'metrics-by-id'
  | 'readiness-always-200'
  | 'default-sort-oldest-first'
  | 'docs-outside-docs-path'
  | 'forwarded-ignored';

type Resource = Record<string, unknown> & {
  id: string;
  createdAt: string;
  updatedAt: string;
};

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

class Problem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: {
      detail: string;
      pointer?: string;
      parameter?: string;
    }[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function realDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === text
  );
}

export interface ReferenceService {
  baseUrl: string;
  metricsUrl?: string;
  /** The database's state, for the readiness check. */
  database: { disconnect(): Promise<void>; reconnect(): Promise<void> };
  /** Its JSON log lines: one per request, with the caller's address. */
  serviceLog(): string;
  close(): Promise<void>;
}

export async function startReferenceService(
  spec: ServiceSpec,
  document: unknown,
  options: { secret?: string; defects?: Defect[] } = {},
): Promise<ReferenceService> {
  const defects = new Set(options.defects ?? []);
  const has = (defect: Defect) => defects.has(defect);
  const store = new Map<string, Resource>();
  const { api } = spec;
  const fields = spec.resource.fields;
  const requests = new Map<string, number>();
  const logLines: string[] = [];
  let databaseUp = true;

  const fieldValue = (
    field: FieldSpec,
    value: unknown,
    pointer: string,
  ): unknown => {
    const fail = (why: string) => {
      throw new Problem(422, 'The body breaks the schema', [
        { detail: why, pointer },
      ]);
    };
    if (value === null) {
      if (field.required) fail('must not be null');
      return null;
    }
    const coerce = has('strings-coerced') && typeof value === 'string';
    switch (field.type) {
      case 'string':
      case 'text':
        if (typeof value !== 'string') fail('must be a string');
        if ((value as string).length > (field.maxLength ?? Infinity))
          fail('too long');
        return value;
      case 'integer': {
        const n = coerce ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isInteger(n))
          fail('must be an integer');
        if ((n as number) < field.minimum! || (n as number) > field.maximum!)
          fail('out of range');
        return n;
      }
      case 'decimal': {
        const n = coerce ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isFinite(n))
          fail('must be a number');
        if ((n as number) < field.minimum! || (n as number) > field.maximum!)
          fail('out of range');
        const scale = field.scale ?? 2;
        return has('decimals-truncated')
          ? Math.trunc((n as number) * 10 ** scale) / 10 ** scale
          : Number((n as number).toFixed(scale));
      }
      case 'boolean':
        if (coerce && (value === 'true' || value === 'false'))
          return value === 'true';
        if (typeof value !== 'boolean') fail('must be a boolean');
        return value;
      case 'date':
        if (typeof value !== 'string' || !DATE.test(value) || !realDate(value))
          fail('must be a date');
        return value;
      case 'datetime': {
        if (
          typeof value !== 'string' ||
          !DATETIME.test(value) ||
          Number.isNaN(Date.parse(value))
        )
          fail('must be a date-time with a zone');
        const iso = new Date(value as string).toISOString();
        return has('datetime-without-zone') ? iso.replace(/Z$/, '') : iso;
      }
      case 'uuid':
        if (typeof value !== 'string' || !UUID.test(value))
          fail('must be a UUID');
        return value;
      case 'enum':
        if (
          typeof value !== 'string' ||
          !field.values!.some(v => v.value === value)
        )
          fail('must be one of the values');
        return value;
      default:
        return fail('unknown type');
    }
  };

  /** Validates a body; `mode` says which fields must be there. */
  const readBody = (
    raw: string,
    contentType: string,
    mode: 'create' | 'replace' | 'update',
  ): Record<string, unknown> => {
    if (
      !/^application\/json\b/i.test(contentType) &&
      !has('text-plain-accepted')
    )
      throw new Problem(415, 'The body must be application/json');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new Problem(400, 'The body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Problem(422, 'The body must be an object', [
        { detail: 'must be an object', pointer: '#' },
      ]);
    const errors: { detail: string; pointer: string }[] = [];
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(body)) {
      const field = fields.find(f => f.name.json === name);
      if (!field) {
        if (!has('unknown-body-accepted'))
          errors.push({ detail: 'unknown property', pointer: `#/${name}` });
        continue;
      }
      try {
        values[name] = fieldValue(field, value, `#/${name}`);
      } catch (error) {
        if (error instanceof Problem)
          errors.push(
            ...(error.errors as { detail: string; pointer: string }[]),
          );
        else throw error;
      }
    }
    if (mode !== 'update') {
      for (const field of fields) {
        const name = field.name.json;
        if (name in values) continue;
        if (field.requiredOnCreate)
          errors.push({ detail: 'required', pointer: `#/${name}` });
        else if (mode === 'create' || !has('put-keeps-omitted'))
          values[name] = field.default ?? null;
      }
    }
    if (errors.length)
      throw new Problem(422, 'The body breaks the schema', errors);
    return values;
  };

  const checkUnique = (values: Record<string, unknown>, id?: string) => {
    if (has('unique-not-enforced')) return;
    for (const field of fields.filter(f => f.unique)) {
      const name = field.name.json;
      if (!(name in values)) continue;
      for (const other of store.values()) {
        if (other.id !== id && other[name] === values[name])
          throw new Problem(409, `${name} is taken`);
      }
    }
  };

  const verifyToken = (header: string | undefined): void => {
    const unauthorized = (why: string) =>
      new Problem(
        401,
        why,
        undefined,
        has('no-www-authenticate') ? {} : { 'WWW-Authenticate': 'Bearer' },
      );
    const match = /^Bearer ([^\s.]+)\.([^\s.]+)\.([^\s.]*)$/.exec(header ?? '');
    if (!match) throw unauthorized('no bearer token');
    const [, head, payload, signature] = match;
    const expected = createHmac('sha256', options.secret ?? '')
      .update(`${head}.${payload}`)
      .digest();
    const given = Buffer.from(signature, 'base64url');
    let claims: Record<string, unknown>;
    try {
      const joseHeader = JSON.parse(Buffer.from(head, 'base64url').toString());
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      if (joseHeader.alg !== 'HS256') throw new Error('alg');
    } catch {
      throw unauthorized('malformed token');
    }
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw unauthorized('bad signature');
    const now = Date.now() / 1000;
    const { exp, iat, nbf, aud, iss, scope } = claims;
    if (
      typeof exp !== 'number' ||
      typeof iat !== 'number' ||
      typeof nbf !== 'number'
    )
      throw unauthorized('exp, iat and nbf are required');
    if (exp <= now || nbf > now) throw unauthorized('not valid now');
    if (!has('lifetime-unchecked') && exp - iat > 86400)
      throw unauthorized('lives too long');
    if (aud !== spec.jwt.audience) throw unauthorized('audience');
    if (spec.jwt.issuer && iss !== spec.jwt.issuer)
      throw unauthorized('issuer');
    if (typeof scope !== 'string') {
      if (has('scope-array-500'))
        throw new Error('scope.split is not a function');
      throw unauthorized('scope must be a string');
    }
    if (!scope.split(' ').includes(api.writeScope))
      throw new Problem(403, 'missing scope');
  };

  const queryValue = (
    field: FieldSpec,
    raw: string,
    parameter: string,
  ): unknown => {
    try {
      if (field.type === 'integer' || field.type === 'decimal') {
        if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) throw new Error();
        return fieldValue({ ...field, scale: 10 }, Number(raw), parameter);
      }
      if (field.type === 'boolean') {
        if (raw !== 'true' && raw !== 'false') throw new Error();
        return raw === 'true';
      }
      return fieldValue({ ...field, required: true }, raw, parameter);
    } catch {
      throw new Problem(422, 'A parameter breaks the schema', [
        { detail: 'invalid', parameter },
      ]);
    }
  };

  const compare = (key: string, a: Resource, b: Resource): number => {
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' || typeof x === 'boolean')
      return Number(x) - Number(y);
    return String(x) < String(y) ? -1 : Number(String(x) > String(y));
  };

  const list = (query: URLSearchParams): Answer => {
    const integer = (name: 'limit' | 'offset') => {
      const bounds = api.paging[name];
      const raw = query.get(name);
      if (raw === null) return bounds.default;
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw))
        throw new Problem(422, 'bad parameter', [
          { detail: 'integer', parameter: name },
        ]);
      if (name === 'offset' && has('huge-offset-500') && n > 2 ** 63)
        throw new Error('integer overflow');
      const unbounded =
        (name === 'offset' && has('offset-unbounded')) ||
        (name === 'limit' && has('limit-unbounded'));
      if (n < bounds.minimum || (!unbounded && n > bounds.maximum))
        throw new Problem(422, 'bad parameter', [
          { detail: 'out of range', parameter: name },
        ]);
      return n;
    };
    const limit = integer('limit');
    const offset = integer('offset');
    const sort = query.get('sort') ?? api.defaultSort;
    if (!sortValues(spec).includes(sort))
      throw new Problem(422, 'bad parameter', [
        { detail: 'unknown sort', parameter: 'sort' },
      ]);
    const known = new Set(['limit', 'offset', 'sort']);
    let items = [...store.values()];
    for (const field of fields) {
      const name = field.name.json;
      const { filter } = field;
      for (const [parameter, test] of [
        [filter.equals, (v: unknown, q: unknown) => v === q],
        [
          filter.contains,
          (v: unknown, q: unknown) => {
            if (v === null) return false;
            if (has('contains-as-like-pattern')) {
              const pattern = String(q)
                .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
                .replace(/%/g, '.*')
                .replace(/_/g, '.');
              return new RegExp(pattern, 'i').test(String(v));
            }
            return has('contains-case-sensitive')
              ? String(v).includes(String(q))
              : String(v).toLowerCase().includes(String(q).toLowerCase());
          },
        ],
        [
          filter.min,
          (v: unknown, q: unknown) =>
            v !== null &&
            (has('min-exclusive')
              ? compare(
                  name,
                  { [name]: v } as Resource,
                  { [name]: q } as Resource,
                ) > 0
              : compare(
                  name,
                  { [name]: v } as Resource,
                  { [name]: q } as Resource,
                ) >= 0),
        ],
        [
          filter.max,
          (v: unknown, q: unknown) =>
            v !== null &&
            compare(
              name,
              { [name]: v } as Resource,
              { [name]: q } as Resource,
            ) <= 0,
        ],
      ] as [string | undefined, (v: unknown, q: unknown) => boolean][]) {
        if (!parameter) continue;
        known.add(parameter);
        const raw = query.get(parameter);
        if (raw === null) continue;
        if (
          filter.kind === 'substring' &&
          (raw.length < 1 || raw.length > (field.maxLength ?? Infinity))
        )
          throw new Problem(422, 'bad parameter', [
            { detail: 'length', parameter },
          ]);
        const q =
          filter.kind === 'substring' ? raw : queryValue(field, raw, parameter);
        items = items.filter(item => test(item[name], q));
      }
    }
    if (has('unknown-query-422')) {
      for (const key of query.keys()) {
        if (!known.has(key))
          throw new Problem(422, 'unknown', [
            { detail: 'unknown', parameter: key },
          ]);
      }
    }
    const key = sort.replace(/^-/, '');
    const descending =
      sort.startsWith('-') !==
      (has('default-sort-oldest-first') && !query.has('sort'));
    if (!has('sort-ignored') || !query.has('sort')) {
      items.sort((a, b) => (descending ? -1 : 1) * compare(key, a, b));
    } else {
      items.sort((a, b) => -compare('createdAt', a, b));
    }
    return {
      status: 200,
      body: {
        items: items.slice(offset, offset + limit),
        total: items.length,
        limit,
        offset,
      },
    };
  };

  const stamp = (() => {
    let last = 0;
    return () => {
      last = Math.max(Date.now(), last + 1);
      return new Date(last).toISOString();
    };
  })();

  const route = (
    method: string,
    url: URL,
    headers: http.IncomingHttpHeaders,
    raw: string,
  ): Answer & { template: string } => {
    const path = url.pathname;
    const operational = [
      api.paths.liveness,
      api.paths.readiness,
      api.paths.openapi,
    ];
    if (operational.includes(path) && method !== 'GET' && method !== 'HEAD')
      throw new Problem(405, 'no', undefined, { Allow: 'GET' });
    if (path === api.paths.liveness)
      return { template: path, status: 200, body: { status: 'ok' } };
    if (path === api.paths.readiness) {
      const ready = databaseUp || has('readiness-always-200');
      return {
        template: path,
        status: ready ? 200 : 503,
        body: { status: ready ? 'ok' : 'unavailable' },
      };
    }
    if (path === api.paths.openapi)
      return { template: path, status: 200, body: document };
    // Swagger UI as the stacks serve it: a page, a script naming the document, a CDN style.
    const docsScript = has('docs-outside-docs-path')
      ? '/swagger-ui/initializer.js'
      : `${api.paths.docs}/initializer.js`;
    if (path === api.paths.docs)
      return {
        template: path,
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><link rel="stylesheet" href="https://cdn.example/ui.css"><script src="${docsScript}"></script>`,
      };
    if (path === docsScript)
      return {
        template: path,
        status: 200,
        contentType: 'text/javascript',
        body: `SwaggerUIBundle({ url: "${api.paths.openapi}" });`,
      };
    if (path === api.paths.metrics && has('metrics-on-api-port'))
      return {
        template: path,
        status: 200,
        body: '# TYPE x counter\nx 1\n',
        contentType: 'text/plain',
      };
    const write = method !== 'GET';
    const authorize = () => {
      if (spec.auth === 'jwt' && (write || has('reads-need-token')))
        verifyToken(headers.authorization);
    };
    const contentType = String(headers['content-type'] ?? '');
    if (path === api.collection) {
      if (method !== 'GET' && method !== 'POST')
        throw new Problem(
          405,
          'no',
          undefined,
          has('no-allow-header') ? {} : { Allow: 'GET, POST' },
        );
      authorize();
      if (method === 'GET')
        return { template: path, ...list(url.searchParams) };
      const values = readBody(raw, contentType, 'create');
      checkUnique(values);
      const now = stamp();
      const resource = {
        id: randomUUID(),
        ...values,
        createdAt: now,
        updatedAt: now,
      } as Resource;
      store.set(resource.id, resource);
      const location = `${api.collection}/${resource.id}`;
      return {
        template: path,
        status: 201,
        body: resource,
        headers: has('no-location') ? {} : { Location: location },
      };
    }
    const item = new RegExp(`^${api.collection}/([^/]+)$`).exec(path);
    if (item) {
      const template = `${api.collection}/{id}`;
      if (!['GET', 'PUT', 'PATCH', 'DELETE'].includes(method))
        throw new Problem(
          405,
          'no',
          undefined,
          has('no-allow-header') ? {} : { Allow: 'GET, PUT, PATCH, DELETE' },
        );
      authorize();
      const id = decodeURIComponent(item[1]);
      if (!UUID.test(id))
        throw new Problem(422, 'bad id', [
          { detail: 'not a UUID', parameter: 'id' },
        ]);
      const found = store.get(id);
      if (method === 'GET') {
        if (!found) throw new Problem(404, 'no such resource');
        return { template, status: 200, body: found };
      }
      if (method === 'DELETE') {
        if (!found) throw new Problem(404, 'no such resource');
        store.delete(id);
        return has('delete-200')
          ? { template, status: 200, body: found }
          : { template, status: 204 };
      }
      const values = readBody(
        raw,
        contentType,
        method === 'PUT' ? 'replace' : 'update',
      );
      if (!found) throw new Problem(404, 'no such resource');
      checkUnique(values, id);
      const updated = { ...found, ...values, updatedAt: stamp() } as Resource;
      store.set(id, updated);
      return { template, status: 200, body: updated };
    }
    throw new Problem(404, 'no such path');
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      const sent = request.headers['x-request-id'];
      const requestId =
        typeof sent === 'string' &&
        /^[\w.-]{1,128}$/.test(sent) &&
        !has('request-id-not-echoed')
          ? sent
          : randomUUID();
      const url = new URL(request.url ?? '/', 'http://localhost');
      let answer: Answer;
      let template = 'unmatched';
      try {
        const routed = route(
          request.method ?? 'GET',
          url,
          request.headers,
          Buffer.concat(chunks).toString(),
        );
        answer = routed;
        template = routed.template;
      } catch (error) {
        const problem =
          error instanceof Problem
            ? error
            : new Problem(500, (error as Error).message);
        answer = {
          status: problem.status,
          headers: problem.headers,
          contentType: has('errors-as-json')
            ? 'application/json'
            : 'application/problem+json',
          body: {
            type: 'about:blank',
            title: TITLES[problem.status] ?? 'Error',
            status: problem.status,
            detail: problem.message,
            instance: url.pathname,
            requestId,
            ...(problem.errors ? { errors: problem.errors } : {}),
          },
        };
      }
      // Only loopback is a trusted proxy here: its X-Forwarded-For names the caller.
      const remote = request.socket.remoteAddress ?? '';
      const forwarded = String(request.headers['x-forwarded-for'] ?? '')
        .split(',')[0]!
        .trim();
      const trusted = /^(127\.|::1$|::ffff:127\.)/.test(remote);
      logLines.push(
        JSON.stringify({
          requestId,
          method: request.method,
          status: answer.status,
          client:
            trusted && forwarded && !has('forwarded-ignored')
              ? forwarded
              : remote,
        }),
      );
      const label = has('metrics-by-id') ? url.pathname : template;
      requests.set(
        `${request.method} ${label} ${answer.status}`,
        (requests.get(`${request.method} ${label} ${answer.status}`) ?? 0) + 1,
      );
      const headers: Record<string, string> = { ...answer.headers };
      if (!(has('no-request-id-on-404') && answer.status === 404))
        headers['X-Request-ID'] = requestId;
      if (answer.body === undefined) {
        response.writeHead(answer.status, headers).end();
        return;
      }
      const text =
        typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
      headers['Content-Type'] = answer.contentType ?? 'application/json';
      response.writeHead(answer.status, headers).end(text);
    });
  });
  const metrics = http.createServer((request, response) => {
    if (request.url !== api.paths.metrics) {
      response.writeHead(404).end();
      return;
    }
    const lines = ['# TYPE http_requests_total counter'];
    for (const [key, count] of requests) {
      const [method, template, status] = key.split(' ');
      lines.push(
        `http_requests_total{method="${method}",route="${template}",status="${status}"} ${count}`,
      );
    }
    response
      .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
      .end(`${lines.join('\n')}\n`);
  });
  const listen = (s: http.Server) =>
    new Promise<number>(resolve =>
      s.listen(0, '127.0.0.1', () =>
        resolve((s.address() as AddressInfo).port),
      ),
    );
  const port = await listen(server);
  const metricsPort = spec.observability.metrics
    ? await listen(metrics)
    : undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}` : undefined,
    database: {
      disconnect: async () => {
        databaseUp = false;
      },
      reconnect: async () => {
        databaseUp = true;
      },
    },
    serviceLog: () => logLines.join('\n'),
    close: async () => {
      await new Promise(resolve => server.close(resolve));
      if (metricsPort) await new Promise(resolve => metrics.close(resolve));
    },
  };
}
