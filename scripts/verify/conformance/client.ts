/**
 * HTTP for the conformance suite: every request and its answer are kept (the X-Request-ID check
 * reads them all), bodies may be JSON, raw text or absent, and an answer's failures are phrased
 * the same way everywhere: `POST /api/v1/items → 500, expected 201: <body>`.
 */
import { brief } from '../network';

export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  /** The X-Request-ID the request sent, if any. */
  sentRequestId?: string;
}

export interface RequestOptions {
  /** Serialised as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Another origin (the metrics port); default the API's. */
  origin?: string;
}

export class ConformanceFailure extends Error {
  constructor(
    message: string,
    readonly detail: string[] = [],
  ) {
    super(message);
  }
}

export class HttpClient {
  readonly exchanges: Exchange[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.body !== undefined) {
      body = options.body;
      if (options.contentType) headers['content-type'] = options.contentType;
    }
    const url = (options.origin ?? this.baseUrl) + path;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ConformanceFailure(
        `${method} ${path}: no answer (${(error as Error).cause ?? (error as Error).message})`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const sent = Object.entries(headers).find(
      ([name]) => name.toLowerCase() === 'x-request-id',
    );
    const exchange: Exchange = {
      method,
      path,
      status: response.status,
      headers: response.headers,
      text,
      json,
      sentRequestId: sent?.[1],
    };
    if (!options.origin) this.exchanges.push(exchange);
    return exchange;
  }
}

/** `POST /x → 500` for messages. */
export function describe(exchange: Exchange): string {
  return `${exchange.method} ${exchange.path} → ${exchange.status}`;
}

/** Fails unless the answer has `status`; the message quotes the body. */
export function expectStatus(
  exchange: Exchange,
  status: number,
  why = '',
): void {
  if (exchange.status !== status) {
    throw new ConformanceFailure(
      `${describe(exchange)}, expected ${status}${why ? ` (${why})` : ''}: ${brief(exchange.text, 300) || 'empty body'}`,
    );
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON object an answer holds, or a failure saying it holds none. */
export function jsonObject(exchange: Exchange): Record<string, unknown> {
  if (!isRecord(exchange.json)) {
    throw new ConformanceFailure(
      `${describe(exchange)}: the body is not a JSON object: ${brief(exchange.text, 200) || 'empty'}`,
    );
  }
  return exchange.json;
}

/**
 * What is wrong with an error answer as RFC 9457 problem details: media type
 * application/problem+json, `type`, `title`, `status` equal to the HTTP status, `requestId` equal
 * to X-Request-ID, `instance` (when present) the path; for 422 a non-empty `errors[]` of
 * `{ detail, pointer | parameter }`.
 */
export function problemIssues(exchange: Exchange): string[] {
  const issues: string[] = [];
  const type = exchange.headers.get('content-type') ?? '';
  if (!/^application\/problem\+json\b/i.test(type)) {
    issues.push(
      `content-type is ${type || 'missing'}, not application/problem+json`,
    );
  }
  const body = exchange.json;
  if (!isRecord(body)) {
    issues.push(`the body is not a JSON object: ${brief(exchange.text, 120)}`);
    return issues;
  }
  if (typeof body.type !== 'string' || body.type === '')
    issues.push('no "type"');
  if (typeof body.title !== 'string' || body.title === '')
    issues.push('no "title"');
  if (body.status !== exchange.status)
    issues.push(
      `"status" is ${JSON.stringify(body.status)}, not ${exchange.status}`,
    );
  const header = exchange.headers.get('x-request-id');
  if (typeof body.requestId !== 'string' || body.requestId === '') {
    issues.push('no "requestId"');
  } else if (header && body.requestId !== header) {
    issues.push(
      `"requestId" ${body.requestId} is not the X-Request-ID header ${header}`,
    );
  }
  if ('instance' in body) {
    const path = exchange.path.split('?')[0];
    if (body.instance !== path && body.instance !== exchange.path) {
      issues.push(
        `"instance" is ${JSON.stringify(body.instance)}, not ${path}`,
      );
    }
  }
  if (exchange.status === 422) {
    const errors = body.errors;
    if (!Array.isArray(errors) || errors.length === 0) {
      issues.push('a 422 without "errors[]"');
    } else {
      for (const error of errors) {
        if (!isRecord(error) || typeof error.detail !== 'string') {
          issues.push(
            `an errors[] entry without "detail": ${brief(JSON.stringify(error), 100)}`,
          );
        } else if (
          typeof error.pointer !== 'string' &&
          typeof error.parameter !== 'string'
        ) {
          issues.push(
            `an errors[] entry with neither "pointer" nor "parameter": ${brief(JSON.stringify(error), 100)}`,
          );
        }
      }
    }
  }
  return issues;
}

/** Fails unless the answer is a problem with `status` (see `problemIssues`). */
export function expectProblem(
  exchange: Exchange,
  status: number,
  why = '',
): Record<string, unknown> {
  expectStatus(exchange, status, why);
  const issues = problemIssues(exchange);
  if (issues.length) {
    throw new ConformanceFailure(
      `${describe(exchange)} is not a problem document: ${issues.join('; ')}`,
    );
  }
  return exchange.json as Record<string, unknown>;
}

/** The `errors[]` entries of a 422 problem. */
function problemErrors(
  problem: Record<string, unknown>,
): Record<string, unknown>[] {
  return Array.isArray(problem.errors) ? problem.errors.filter(isRecord) : [];
}

/** Fails unless a 422 problem names the body property `#/<name>` in an `errors[].pointer`. */
export function expectPointer(
  exchange: Exchange,
  property: string,
  why: string,
): void {
  const problem = expectProblem(exchange, 422, why);
  const wanted = `#/${property}`;
  const pointers = problemErrors(problem).map(e => e.pointer);
  if (!pointers.includes(wanted)) {
    throw new ConformanceFailure(
      `${describe(exchange)} (${why}): no errors[].pointer ${wanted} (pointers: ${pointers.map(p => JSON.stringify(p)).join(', ') || 'none'})`,
    );
  }
}

/** Fails unless a 422 problem names the query or path parameter in an `errors[].parameter`. */
export function expectParameter(
  exchange: Exchange,
  parameter: string,
  why: string,
): void {
  const problem = expectProblem(exchange, 422, why);
  const named = problemErrors(problem).map(e => e.parameter);
  if (!named.includes(parameter)) {
    throw new ConformanceFailure(
      `${describe(exchange)} (${why}): no errors[].parameter "${parameter}" (parameters: ${named.map(p => JSON.stringify(p)).join(', ') || 'none'})`,
    );
  }
}
