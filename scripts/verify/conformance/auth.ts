/**
 * Auth "jwt", with tokens the harness mints (HS256 with the service's JWT_SECRET): writes without
 * a token → 401 with `WWW-Authenticate: Bearer`; a token without the write scope → 403; tokens
 * that are malformed, expired, not yet valid, too long-lived, for another audience or issuer,
 * signed with another key, unsigned, missing a time claim, or with a `scope` that is a JSON array
 * → 401 (never 500); a valid token writes; reads need no token.
 */
import { randomBytes } from 'node:crypto';
import {
  ConformanceFailure,
  describe,
  expectProblem,
  expectStatus,
  type Exchange,
} from './client';
import { signToken, validClaims, type Claims } from './jwt';
import { everyOf, type ConformanceArea, type Suite } from './suite';

function expectUnauthorized(answer: Exchange, why: string): void {
  expectProblem(answer, 401, why);
  const challenge = answer.headers.get('www-authenticate') ?? '';
  if (!/^Bearer\b/i.test(challenge)) {
    throw new ConformanceFailure(
      `${describe(answer)} (${why}): WWW-Authenticate is ${JSON.stringify(challenge || null)}, not Bearer`,
    );
  }
}

/** Every write, against an existing resource, with `headers` instead of a valid token. */
async function everyWrite(
  suite: Suite,
  headers: Record<string, string>,
  expectation: (answer: Exchange, why: string) => void,
): Promise<void> {
  const created = await suite.create();
  const item = suite.itemPath(String(created.id));
  const writes: [string, string, unknown][] = [
    ['POST', suite.api.collection, suite.validBody()],
    ['PUT', item, suite.validBody()],
    ['PATCH', item, {}],
    ['DELETE', item, undefined],
  ];
  await everyOf(
    writes,
    ([method]) => method,
    async ([method, path, json]) => {
      const answer = await suite.client.request(method, path, {
        json,
        headers,
      });
      if (answer.status === 201)
        suite.track(String((answer.json as { id?: unknown })?.id));
      expectation(answer, `${method} ${path}`);
    },
  );
}

/** A token for claims changed from a valid one. */
function tokenWith(suite: Suite, changes: Claims): string {
  const settings = suite.tokenSettings();
  return signToken(
    { ...validClaims(settings, suite.api.writeScope), ...changes },
    settings.secret,
  );
}

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

export const authArea: ConformanceArea = {
  name: 'auth',
  checks: suite => {
    const off = () => (suite.auth ? undefined : 'auth is off');
    const refused = (name: string, token: () => string) => ({
      name: `401 for ${name}`,
      notApplicable: off,
      async run() {
        const answer = await suite.client.request(
          'POST',
          suite.api.collection,
          {
            json: suite.validBody(),
            headers: { Authorization: `Bearer ${token()}` },
          },
        );
        if (answer.status === 201)
          suite.track(String((answer.json as { id?: unknown })?.id));
        expectUnauthorized(answer, name);
      },
    });
    return [
      {
        name: 'writes without a token → 401 with WWW-Authenticate: Bearer',
        notApplicable: off,
        run: () => everyWrite(suite, {}, expectUnauthorized),
      },
      {
        name: 'a token without the write scope → 403',
        notApplicable: off,
        run: () =>
          everyWrite(
            suite,
            { Authorization: `Bearer ${suite.token(`${suite.marker}:read`)}` },
            (answer, why) => expectProblem(answer, 403, why),
          ),
      },
      {
        name: 'a valid token with the write scope writes',
        notApplicable: off,
        async run() {
          const created = await suite.create();
          const answer = await suite.write(
            'DELETE',
            suite.itemPath(String(created.id)),
          );
          expectStatus(answer, 204);
          suite.forget(String(created.id));
          return `scope "${suite.api.writeScope}"`;
        },
      },
      refused('a scope claim that is a JSON array', () =>
        tokenWith(suite, { scope: [suite.api.writeScope] }),
      ),
      refused('an expired token', () =>
        tokenWith(suite, {
          iat: now() - 2 * HOUR,
          nbf: now() - 2 * HOUR,
          exp: now() - HOUR,
        }),
      ),
      refused('a token not valid yet (nbf in an hour)', () =>
        tokenWith(suite, { nbf: now() + HOUR, exp: now() + 2 * HOUR }),
      ),
      refused('a token living longer than a day', () =>
        tokenWith(suite, {
          iat: now() - 60,
          nbf: now() - 60,
          exp: now() + 25 * HOUR,
        }),
      ),
      refused('a token for another audience', () =>
        tokenWith(suite, { aud: `not-${suite.spec.jwt.audience}` }),
      ),
      {
        ...refused('a token from another issuer', () =>
          tokenWith(suite, { iss: `https://not-${suite.marker}.example/` }),
        ),
        notApplicable: () =>
          off() ??
          (suite.spec.jwt.issuer ? undefined : 'the issuer is not checked'),
      },
      refused('a token signed with another key', () =>
        signToken(
          validClaims(suite.tokenSettings(), suite.api.writeScope),
          randomBytes(32).toString('hex'),
        ),
      ),
      refused('an unsigned token (alg none)', () =>
        signToken(
          validClaims(suite.tokenSettings(), suite.api.writeScope),
          '',
          'none',
        ),
      ),
      ...(['exp', 'iat', 'nbf'] as const).map(claim =>
        refused(`a token without ${claim}`, () =>
          tokenWith(suite, { [claim]: undefined }),
        ),
      ),
      {
        name: '401 for a malformed Authorization header',
        notApplicable: off,
        async run() {
          const headers = [
            'Bearer',
            'Bearer not.a.token',
            `Basic ${Buffer.from('user:pass').toString('base64')}`,
            `Bearer ${suite.token()}x`,
          ];
          await everyOf(
            headers,
            header => JSON.stringify(header.slice(0, 30)),
            async header => {
              const answer = await suite.client.request(
                'POST',
                suite.api.collection,
                {
                  json: suite.validBody(),
                  headers: { Authorization: header },
                },
              );
              if (answer.status === 201)
                suite.track(String((answer.json as { id?: unknown })?.id));
              expectUnauthorized(answer, header.split(' ')[0]);
            },
          );
        },
      },
      {
        name: 'reads need no token',
        notApplicable: off,
        async run() {
          const created = await suite.create();
          expectStatus(
            await suite.client.request('GET', suite.api.collection),
            200,
            'list',
          );
          expectStatus(
            await suite.client.request(
              'GET',
              suite.itemPath(String(created.id)),
            ),
            200,
            'read',
          );
        },
      },
    ];
  },
};
