/**
 * JSON request bodies: 415 unless the body is application/json, 400 when it does not parse (the
 * error handler maps body-parser's errors), and any JSON value is read — a string or an array is
 * then refused by the schema with a 422, like any other value it does not accept.
 */
import express, { type RequestHandler } from 'express';
import { HttpProblem } from './problems.ts';

/** Whether the request carries a body at all (a length, or chunked). */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';
}

export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (hasBody(req.headers) && req.is('application/json') === false) {
      throw new HttpProblem(415, `The body must be application/json, not ${req.get('content-type') ?? 'untyped'}`);
    }
    next();
  };
  // strict: false reads any JSON value, not only objects and arrays.
  const parse = express.json({ strict: false, limit: limitBytes, type: 'application/json' });
  return [requireJson, parse];
}
