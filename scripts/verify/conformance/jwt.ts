/**
 * Bearer tokens the harness mints itself (auth "jwt"): HS256 with the JWT_SECRET it put in `.env`,
 * `aud` = spec.jwt.audience, `iss` = spec.jwt.issuer when set, `iat`/`nbf`/`exp` and a
 * space-separated `scope`. Each claim can be changed or removed to make the tokens the service
 * must refuse (expired, not yet valid, too long-lived, wrong audience, a `scope` array, …).
 */
import { createHmac } from 'node:crypto';

export interface TokenSettings {
  secret: string;
  audience: string;
  /** Empty when the service does not check the issuer. */
  issuer: string;
}

const base64url = (value: string | Buffer) =>
  Buffer.from(value).toString('base64url');

/** A claim set `undefined` is left out of the token. */
export type Claims = Record<string, unknown>;

/** Signs claims as a compact JWS; `alg: none` leaves the signature empty. */
export function signToken(
  claims: Claims,
  secret: string,
  algorithm: 'HS256' | 'none' = 'HS256',
): string {
  const present = Object.fromEntries(
    Object.entries(claims).filter(([, value]) => value !== undefined),
  );
  const header = base64url(JSON.stringify({ alg: algorithm, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(present));
  const input = `${header}.${payload}`;
  if (algorithm === 'none') return `${input}.`;
  const signature = createHmac('sha256', secret).update(input).digest();
  return `${input}.${base64url(signature)}`;
}

/** The claims of a valid token carrying `scope`, valid for 15 minutes from a minute ago. */
export function validClaims(settings: TokenSettings, scope: string): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'verify-harness',
    aud: settings.audience,
    ...(settings.issuer ? { iss: settings.issuer } : {}),
    iat: now - 60,
    nbf: now - 60,
    exp: now + 15 * 60,
    scope,
  };
}

/** A valid token, with `changes` applied to its claims (undefined removes one). */
export function mintToken(
  settings: TokenSettings,
  scope: string,
  changes: Claims = {},
): string {
  return signToken(
    { ...validClaims(settings, scope), ...changes },
    settings.secret,
  );
}
