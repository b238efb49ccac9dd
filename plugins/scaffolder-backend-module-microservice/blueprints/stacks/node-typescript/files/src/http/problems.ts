/**
 * Every error as RFC 9457 problem details (application/problem+json), in one shape: `type` is
 * about:blank so `title` is the status phrase, `detail` says what happened to this request,
 * `instance` is its path, `requestId` the id to quote, and for 422 `errors` names each refused
 * value: `pointer` into the body or `parameter` in the query or path.
 */
import { STATUS_CODES } from 'node:http';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { z } from './zod.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ default: 'about:blank' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          detail: z.string(),
          pointer: z.string().optional().describe('JSON pointer into the body, e.g. #/name'),
          parameter: z.string().optional().describe('The query or path parameter'),
        }),
      )
      .optional(),
  })
  .openapi('Problem', { description: 'An error, as RFC 9457 problem details' });

/** Why each error status happens, as the API contract words it. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'No valid bearer token',
  403: 'The token lacks the write scope',
  404: 'No resource has this id',
  409: 'A unique field already has this value',
  415: 'The body is not application/json',
  422: 'A parameter or the body breaks the schema',
};

/** The `responses` of an operation's errors, each a problem. */
export function problemResponses(...statuses: number[]): Record<number, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error',
        content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  );
}

export interface ProblemDetail {
  detail: string;
  pointer?: string;
  parameter?: string;
}

/** An error with the HTTP answer it deserves; thrown anywhere a request is handled. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly errors: ProblemDetail[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    options: { errors?: ProblemDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }
}

/** A JSON pointer (RFC 6901) in URI fragment form: ["items", 0] → "#/items/0". */
export function pointerTo(path: readonly PropertyKey[]): string {
  return `#${path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`;
}

/** What zod refused, as problem `errors`: unknown properties one by one, each under its name. */
export function problemDetails(issues: readonly z.core.$ZodIssue[], where: 'body' | 'query' | 'path'): ProblemDetail[] {
  const details = issues.flatMap((issue): ProblemDetail[] => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return keys.map((path) => {
      const detail = issue.code === 'unrecognized_keys' ? 'is not a property of this resource' : issue.message;
      return where === 'body' ? { detail, pointer: pointerTo(path) } : { detail, parameter: String(path[0] ?? '') };
    });
  });
  // One check can fail twice for one value (a huge number is neither safe nor within bounds).
  return details.filter(
    (detail, index) => details.findIndex((other) => JSON.stringify(other) === JSON.stringify(detail)) === index,
  );
}

/** Parses `input` with `schema`, or throws a 422 naming every refused value. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'body' | 'query' | 'path',
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const what = where === 'body' ? 'The body breaks' : `The ${where} parameters break`;
    throw new HttpProblem(422, `${what} the API schema; see errors`, {
      errors: problemDetails(result.error.issues, where),
    });
  }
  return result.data;
}

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  res
    .status(problem.status)
    .set(problem.headers)
    .type(PROBLEM_MEDIA_TYPE)
    .json({
      type: 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.message,
      instance: req.originalUrl.split('?')[0],
      requestId: res.locals.requestId,
      ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
    });
}

/** 404 for every path no route answers. */
export const notFound: RequestHandler = (req) => {
  throw new HttpProblem(404, `Nothing is at ${req.path}`);
};

/** 405 for a method a path does not have, with the methods it has (OPTIONS: 204, the same list). */
export function methodNotAllowed(...methods: string[]): RequestHandler {
  const allow = methods.join(', ');
  return (req, res) => {
    if (req.method === 'OPTIONS') {
      res.set('Allow', allow).status(204).end();
      return;
    }
    throw new HttpProblem(405, `${req.method} is not allowed here; use ${allow}`, { headers: { Allow: allow } });
  };
}

/** An error from body-parser (express.json): its status when it is the client's fault. */
function bodyParserProblem(error: unknown): HttpProblem | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error) || !('status' in error)) return undefined;
  const { type, status } = error;
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (type === 'entity.parse.failed') return new HttpProblem(400, 'The body is not valid JSON');
  if (type === 'entity.too.large') return new HttpProblem(413, 'The body is too large');
  return new HttpProblem(status, error instanceof Error ? error.message : 'The body cannot be read');
}

/**
 * The central error handler: what a route throws becomes a problem. Client errors are answered as
 * they are; an unavailable database is a 503 to retry; anything else is a 500 whose cause goes to
 * the log only, with the request id the client can quote.
 */
export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let problem: HttpProblem;
    if (error instanceof HttpProblem) problem = error;
    else if (error instanceof NotFoundError) problem = new HttpProblem(404, error.message);
    else if (error instanceof ConflictError) problem = new HttpProblem(409, error.message);
    else if (isDatabaseUnavailable(error)) {
      res.locals.log.warn({ err: error }, 'database unavailable');
      problem = new HttpProblem(503, 'The database is unavailable; retry shortly', { headers: { 'Retry-After': '5' } });
    } else {
      problem = bodyParserProblem(error) ?? new HttpProblem(500, 'An unexpected error occurred; quote the request id');
      if (problem.status === 500) res.locals.log.error({ err: error }, 'unhandled error');
    }
    sendProblem(req, res, problem);
  };
}
