import { normaliseServiceInput } from './normaliseServiceInput';
import { parseServiceInput, type InstalledChoices } from './serviceInput';

const choices: InstalledChoices = {
  stacks: ['python-fastapi'],
  options: {
    ci: ['github-actions', 'none'],
    deployment: ['kubernetes', 'helm', 'none'],
  },
};
const repository = { host: 'github.com', owner: 'acme', repo: 'orders' };

function specFor(values: Record<string, unknown>) {
  const input = parseServiceInput(
    {
      name: 'orders-service',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders',
      ...values,
    },
    choices,
  );
  return normaliseServiceInput(input, repository);
}

describe('normaliseServiceInput', () => {
  it.each([
    ['group:default/team-a', '@acme/team-a'],
    ['team-a', '@acme/team-a'],
    ['Group:other/team-b', '@acme/team-b'],
    ['user:default/jdoe', '@jdoe'],
    ['User:jdoe', '@jdoe'],
  ])('makes owner %s the code-review handle %s', (owner, handle) => {
    expect(specFor({ owner }).ownerHandle).toBe(handle);
  });

  it('derives the environments from the domain and the production replicas', () => {
    expect(
      specFor({ domain: 'apps.acme.io', productionReplicas: 4 }).environments,
    ).toEqual({
      staging: {
        host: 'orders-service.staging.apps.acme.io',
        replicas: { min: 1, max: 2 },
      },
      production: {
        host: 'orders-service.apps.acme.io',
        replicas: { min: 4, max: 12 },
      },
    });
    expect(specFor({}).environments.production).toEqual({
      host: 'orders-service.example.com',
      replicas: { min: 3, max: 9 },
    });
  });

  it('routes only the API through the Ingress unless the docs are published', () => {
    expect(specFor({}).ingress).toEqual({
      docsPublished: false,
      paths: [{ path: '/api/v1', pathType: 'Prefix' }],
    });
    expect(specFor({ publicApiDocs: true }).ingress).toEqual({
      docsPublished: true,
      paths: [
        { path: '/api/v1', pathType: 'Prefix' },
        { path: '/openapi.json', pathType: 'Prefix' },
        { path: '/docs', pathType: 'Prefix' },
      ],
    });
  });

  it.each([
    [2, 6, 10], // 10 per process at most: 60 of the 80
    [4, 12, 6],
    [20, 60, 1],
  ])(
    'sizes the pool so that %i production replicas, scaled out to %i, hold at most 80 connections (%i each)',
    (productionReplicas, replicas, size) => {
      const { pool } = specFor({ productionReplicas }).database;
      expect(pool).toEqual({ size, replicas, budget: 80 });
      expect(pool.size * pool.replicas).toBeLessThanOrEqual(pool.budget);
      expect(pool.replicas).toBe(
        specFor({ productionReplicas }).environments.production.replicas.max,
      );
    },
  );

  it('checks the service name as audience and no issuer unless told otherwise', () => {
    expect(specFor({ auth: 'jwt' }).jwt).toEqual({
      audience: 'orders-service',
      issuer: '',
    });
    expect(
      specFor({
        auth: 'jwt',
        jwtAudience: 'orders-api',
        jwtIssuer: 'https://auth.acme.io/',
      }).jwt,
    ).toEqual({ audience: 'orders-api', issuer: 'https://auth.acme.io/' });
  });
});
