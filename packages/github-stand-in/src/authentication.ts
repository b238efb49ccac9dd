import type { NextFunction, Request, Response } from 'express';
import { sendGithubError } from './githubErrors';

/** The token a request presents: `token X` / `Bearer X` (REST) or Basic with X as password (git). */
export function presentedToken(request: Request): string | undefined {
  const header = request.headers.authorization ?? '';
  const [scheme, value = ''] = header.split(' ');
  if (/^(token|bearer)$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return undefined;
}

/** Accepts only the configured token, answering as GitHub does otherwise. */
export function requireToken(
  acceptedToken: () => string,
  login: string,
  realm?: string,
) {
  return (request: Request, response: Response, next: NextFunction) => {
    const presented = presentedToken(request);
    if (presented === acceptedToken()) {
      response.locals.login = login;
      next();
      return;
    }
    if (realm) response.setHeader('WWW-Authenticate', `Basic realm="${realm}"`);
    sendGithubError(
      response,
      401,
      presented === undefined ? 'Requires authentication' : 'Bad credentials',
    );
  };
}
