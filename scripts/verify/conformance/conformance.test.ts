import {
  normaliseServiceInput,
  openapiDocument,
  parseServiceInput,
  type InstalledChoices,
  type ServiceSpec,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { EVERY_FIELD_TYPE } from '../variants';
import {
  startReferenceService,
  type Defect,
  type ReferenceService,
} from './__testUtils__/referenceService';
import { runConformance, type ConformanceReport } from './index';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

jest.setTimeout(30_000);

/** The spec the render action would make of these form values (no blueprint involved). */
function specFor(values: Record<string, unknown>): ServiceSpec {
  const choices = { stacks: ['any-stack'], options: {} } as InstalledChoices;
  const input = parseServiceInput(
    {
      name: 'orders-service',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders-service',
      ...values,
    },
    choices,
  );
  return normaliseServiceInput(input, {
    host: 'github.com',
    owner: 'acme',
    repo: 'orders-service',
  });
}

const VARIANTS = {
  /** The form's default fields, no auth, metrics on. */
  default: specFor({ auth: 'none', metrics: true }),
  /** A field of every type, auth jwt with an issuer, metrics on. */
  rich: specFor({
    resource: 'order_line',
    fields: EVERY_FIELD_TYPE,
    auth: 'jwt',
    jwtAudience: 'orders-api',
    jwtIssuer: 'https://auth.acme.io/',
    metrics: true,
  }),
  /** Metrics off. */
  minimal: specFor({ resource: 'purchase_order', metrics: false }),
};

const running: ReferenceService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(s => s.close()));
});

async function verify(
  spec: ServiceSpec,
  defects: Defect[] = [],
): Promise<ConformanceReport> {
  const document = openapiDocument(spec);
  const service = await startReferenceService(spec, document, {
    secret: SECRET,
    defects,
  });
  running.push(service);
  return runConformance({
    baseUrl: service.baseUrl,
    metricsUrl: service.metricsUrl,
    spec,
    document,
    jwtSecret: SECRET,
    database: service.database,
    serviceLog: service.serviceLog,
    timeoutMs: 5000,
    readinessTimeoutMs: 1500,
  });
}

const failedChecks = (report: ConformanceReport) =>
  report.outcomes
    .filter(o => o.status === 'fail')
    .map(o => `${o.area}: ${o.name}`);

describe('the conformance suite', () => {
  it.each(Object.keys(VARIANTS) as (keyof typeof VARIANTS)[])(
    'passes a service that implements the contract (%s)',
    async variant => {
      const report = await verify(VARIANTS[variant]);
      expect(failedChecks(report)).toEqual([]);
      expect(report.passed).toBeGreaterThan(40);
    },
  );

  it('runs a check per field, filter and sort value, and the auth checks only with auth', async () => {
    const rich = await verify(VARIANTS.rich);
    const names = rich.outcomes.map(o => o.name);
    for (const field of VARIANTS.rich.resource.fields) {
      expect(names).toContain(
        `round trip of ${field.name.json} (${field.type}${field.required ? '' : ', optional'})`,
      );
    }
    for (const parameter of [
      'codeContains',
      'notesContains',
      'minQuantity',
      'maxUnitPrice',
      'giftWrapped',
      'minShipDate',
      'maxDeliveredAt',
      'warehouseId',
      'status',
    ]) {
      expect(names).toContain(`filter ${parameter}`);
    }
    for (const sort of [
      'code',
      '-code',
      'unitPrice',
      '-status',
      'createdAt',
      '-updatedAt',
    ]) {
      expect(names).toContain(`sort=${sort}`);
    }
    expect(
      rich.outcomes.filter(o => o.area === 'auth' && o.status === 'pass')
        .length,
    ).toBeGreaterThan(10);
    const plain = await verify(VARIANTS.default);
    expect(
      plain.outcomes
        .filter(o => o.area === 'auth')
        .every(o => o.status === 'not-applicable'),
    ).toBe(true);
    expect(plain.byArea).not.toMatch(/auth/);
  });

  it('reports every failed check with its area, not only the first', async () => {
    const report = await verify(VARIANTS.default, ['errors-as-json']);
    expect(report.failed).toBeGreaterThan(10);
    expect(report.byArea).toMatch(
      /^crud \d+\/\d+, list \d+\/\d+, errors \d+\/\d+, operations \d+\/\d+$/,
    );
  });

  /** Each defect must fail exactly the checks that cover it. */
  const defects: [Defect, keyof typeof VARIANTS, RegExp[]][] = [
    [
      'sort-ignored',
      'default',
      [/^list: sort=(name|-name|price|-price|createdAt|updatedAt)$/],
    ],
    [
      'contains-as-like-pattern',
      'rich',
      [/^list: filter (code|notes)Contains matches % and _ literally$/],
    ],
    [
      'contains-case-sensitive',
      'default',
      [/^list: filter (name|description)Contains$/],
    ],
    [
      'min-exclusive',
      'rich',
      [/^list: filter min(Quantity|UnitPrice|ShipDate|DeliveredAt)$/],
    ],
    [
      'decimals-truncated',
      'default',
      [/^crud: round trip of price \(decimal\)$/],
    ],
    ['datetime-without-zone', 'rich', [/^crud: /, /^list: /]],
    ['put-keeps-omitted', 'rich', [/^crud: put replaces the whole resource/]],
    ['no-location', 'default', [/^crud: create → 201 with Location/]],
    [
      'delete-200',
      'default',
      [/^crud: delete → 204, then 404$/, /^list: /, /^auth: a valid token/],
    ],
    ['unique-not-enforced', 'rich', [/^crud: a unique value taken → 409/]],
    ['huge-offset-500', 'default', [/^errors: 422 for a huge offset$/]],
    [
      'offset-unbounded',
      'default',
      [
        /^errors: 422 for offset above its maximum$/,
        /^errors: 422 for a huge offset$/,
      ],
    ],
    [
      'limit-unbounded',
      'default',
      [/^errors: 422 for limit above its maximum$/],
    ],
    ['unknown-query-422', 'default', [/^list: an unknown query parameter/]],
    [
      'unknown-body-accepted',
      'default',
      [/^errors: 422 for an unknown body property/],
    ],
    [
      'no-request-id-on-404',
      'default',
      [
        /^operations: (X-Request-ID sent is echoed|every response carried X-Request-ID)/,
        /404|delete|for an unknown/,
      ],
    ],
    [
      'request-id-not-echoed',
      'default',
      // The log line of a request is found by the id sent.
      [
        /^operations: X-Request-ID sent is echoed/,
        /^operations: the request log names the caller/,
      ],
    ],
    ['no-allow-header', 'default', [/^errors: 405 with Allow/]],
    [
      'text-plain-accepted',
      'default',
      [/^errors: 415 for a text\/plain body$/],
    ],
    [
      'strings-coerced',
      'rich',
      [/^errors: 422 for invalid values of (quantity|unitPrice|giftWrapped)/],
    ],
    [
      'scope-array-500',
      'rich',
      [/^auth: 401 for a scope claim that is a JSON array$/],
    ],
    [
      'no-www-authenticate',
      'rich',
      [/^auth: (writes without a token|401 for)/],
    ],
    [
      'lifetime-unchecked',
      'rich',
      [/^auth: 401 for a token living longer than a day$/],
    ],
    [
      'reads-need-token',
      'rich',
      [/^auth: reads need no token$/, /^(list|crud|errors|operations): /],
    ],
    [
      'docs-outside-docs-path',
      'default',
      [/^operations: Swagger UI loads only from the docs path/],
    ],
    [
      'forwarded-ignored',
      'default',
      [/^operations: the request log names the caller behind a trusted proxy$/],
    ],
    [
      'metrics-on-api-port',
      'default',
      [/^operations: no metrics on the API port$/],
    ],
    [
      'metrics-by-id',
      'default',
      [/^operations: metrics on the metrics port, by route template$/],
    ],
    [
      'readiness-always-200',
      'default',
      [/^operations: readiness 503 while the database is away/],
    ],
    [
      'default-sort-oldest-first',
      'default',
      [/^list: default sort \(-createdAt\)$/],
    ],
  ];

  it.each(defects)(
    'fails the right checks for a service with the defect %s',
    async (defect, variant, expected) => {
      const failed = failedChecks(await verify(VARIANTS[variant], [defect]));
      expect(failed.length).toBeGreaterThan(0);
      // The check that covers the defect fails …
      expect(failed.some(name => expected[0].test(name))).toBe(true);
      // … and nothing unrelated does.
      expect(failed.filter(name => !expected.some(p => p.test(name)))).toEqual(
        [],
      );
    },
  );
});
