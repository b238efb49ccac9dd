/**
 * The conformance suite's frame: a target (a booted service and the spec it was rendered from),
 * areas of named checks, and the run that keeps every outcome. A check throws to fail; everything
 * it created is deleted after it, so checks do not see each other's resources.
 */
import { randomBytes } from 'node:crypto';
import type {
  ApiContract,
  FieldSpec,
  ServiceSpec,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  ConformanceFailure,
  expectStatus,
  HttpClient,
  jsonObject,
  type Exchange,
} from './client';
import { mintToken, type Claims, type TokenSettings } from './jwt';
import { freshValue, rankedValue, type Value } from './values';

export interface ConformanceTarget {
  /** The API port, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** The metrics port's origin, when metrics are on. */
  metricsUrl?: string;
  spec: ServiceSpec;
  /** The committed OpenAPI document. */
  document: unknown;
  /** JWT_SECRET as the service was given it (auth "jwt"). */
  jwtSecret?: string;
  /** Takes the service's database away and gives it back (the readiness check); optional. */
  database?: {
    disconnect(): Promise<void>;
    reconnect(): Promise<void>;
  };
  /** The service's output so far (its JSON log lines), for the request-log check; optional. */
  serviceLog?: () => string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** How long readiness may take to follow the database away and back; default 15 s. */
  readinessTimeoutMs?: number;
}

export interface ConformanceCheck {
  name: string;
  /** Why the check does not apply to this service (not counted), or undefined. */
  notApplicable?: (suite: Suite) => string | undefined;
  /** Throws (a `ConformanceFailure`) to fail; may return a short note. */
  run: (suite: Suite) => Promise<string | void>;
}

export interface ConformanceArea {
  name: string;
  /** Runs once before the area's checks; a failure fails every check of the area. */
  setUp?: (suite: Suite) => Promise<void>;
  /** The area's checks for this service (some exist per field, per filter, per sort key). */
  checks: (suite: Suite) => ConformanceCheck[];
}

export interface CheckOutcome {
  area: string;
  name: string;
  status: 'pass' | 'fail' | 'not-applicable';
  /** The note of a pass, the failure, or why it did not apply. */
  message: string;
  detail: string[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export class Suite {
  readonly client: HttpClient;
  readonly spec: ServiceSpec;
  readonly api: ApiContract;
  readonly fields: FieldSpec[];
  /** Lowercase letters unique to this run: in every text value the suite writes. */
  readonly marker: string;
  /** State an area's set-up leaves for its checks. */
  readonly fixtures = new Map<string, unknown>();
  private serialNumber = 0;
  /** Ids created by the running check: deleted after it. */
  private readonly created = new Set<string>();
  /** Ids an area's set-up created: deleted when the area ends. */
  private readonly areaCreated = new Set<string>();

  constructor(readonly target: ConformanceTarget) {
    this.client = new HttpClient(target.baseUrl, target.timeoutMs);
    this.spec = target.spec;
    this.api = target.spec.api;
    this.fields = target.spec.resource.fields;
    this.marker = [...randomBytes(6)]
      .map(b => LETTERS[b % LETTERS.length])
      .join('');
  }

  get auth(): boolean {
    return this.spec.auth === 'jwt';
  }

  /** A new number for each value that must be unique. */
  serial(): number {
    this.serialNumber += 1;
    return this.serialNumber;
  }

  itemPath(id: string): string {
    return `${this.api.collection}/${encodeURIComponent(id)}`;
  }

  tokenSettings(): TokenSettings {
    if (!this.target.jwtSecret) {
      throw new ConformanceFailure(
        'auth is jwt but the harness knows no JWT_SECRET (none in .env)',
      );
    }
    return {
      secret: this.target.jwtSecret,
      audience: this.spec.jwt.audience,
      issuer: this.spec.jwt.issuer,
    };
  }

  /** A token with the write scope unless `scope` says otherwise; `changes` alter its claims. */
  token(scope = this.api.writeScope, changes: Claims = {}): string {
    return mintToken(this.tokenSettings(), scope, changes);
  }

  /** The headers a write needs: a valid bearer token with the write scope when auth is on. */
  writeHeaders(): Record<string, string> {
    return this.auth ? { Authorization: `Bearer ${this.token()}` } : {};
  }

  /**
   * A valid create body: every field (or only those a create requires); a unique field gets a
   * value no other resource has, the others the value of `rank` (default: one of four in turn).
   */
  validBody(
    which: 'all' | 'required' = 'all',
    rank?: number,
  ): Record<string, Value> {
    const serial = this.serial();
    const body: Record<string, Value> = {};
    for (const field of this.fields) {
      if (which === 'required' && !field.requiredOnCreate) continue;
      body[field.name.json] = field.unique
        ? freshValue(field, serial, this.marker)
        : rankedValue(field, rank ?? serial % 4, this.marker);
    }
    return body;
  }

  /** A write request with the write headers. */
  write(
    method: string,
    path: string,
    json?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Exchange> {
    return this.client.request(method, path, {
      json,
      headers: { ...this.writeHeaders(), ...headers },
    });
  }

  /** POST a body that must be created (201); the resource is deleted after the check. */
  async create(
    body: Record<string, unknown> = this.validBody(),
  ): Promise<Record<string, unknown>> {
    const answer = await this.write('POST', this.api.collection, body);
    expectStatus(answer, 201, `create ${JSON.stringify(body).slice(0, 200)}`);
    const resource = jsonObject(answer);
    if (typeof resource.id !== 'string') {
      throw new ConformanceFailure(
        `POST ${this.api.collection} → 201 without a string "id"`,
      );
    }
    this.created.add(resource.id);
    return resource;
  }

  /** Deletes `id` after the running check. */
  track(id: string): void {
    this.created.add(id);
  }

  /** Forgets an id the check deleted itself. */
  forget(id: string): void {
    this.created.delete(id);
  }

  /** Keeps what was created so far (an area's set-up) until the area's checks are done. */
  keepUntilAreaEnds(): void {
    for (const id of this.created) this.areaCreated.add(id);
    this.created.clear();
  }

  /** Deletes what the running check created (`area`: and what its area's set-up created). */
  async cleanUp(area = false): Promise<void> {
    const ids = [...this.created, ...(area ? this.areaCreated : [])];
    for (const id of ids) {
      try {
        await this.write('DELETE', this.itemPath(id));
      } catch {
        // The service may be gone: the next check says so.
      }
    }
    this.created.clear();
    if (area) this.areaCreated.clear();
  }

  /** Deletes every resource of the collection (through the API), so a listing sees only ours. */
  async emptyCollection(): Promise<number> {
    let deleted = 0;
    for (let round = 0; round < 100; round++) {
      const page = await this.client.request(
        'GET',
        `${this.api.collection}?limit=${this.api.paging.limit.maximum}`,
      );
      expectStatus(page, 200, 'listing to empty the collection');
      const items = jsonObject(page).items;
      if (!Array.isArray(items) || items.length === 0) return deleted;
      for (const item of items) {
        const id = (item as { id?: unknown }).id;
        const answer = await this.write('DELETE', this.itemPath(String(id)));
        expectStatus(answer, 204, 'emptying the collection');
        deleted += 1;
      }
    }
    throw new ConformanceFailure('the collection did not become empty');
  }
}

/** Runs every check of every area in order; never throws for a failing check. */
export async function runSuite(
  target: ConformanceTarget,
  areas: ConformanceArea[],
  onOutcome: (outcome: CheckOutcome) => void = () => {},
): Promise<{ outcomes: CheckOutcome[]; suite: Suite }> {
  const suite = new Suite(target);
  const outcomes: CheckOutcome[] = [];
  const record = (outcome: CheckOutcome) => {
    outcomes.push(outcome);
    onOutcome(outcome);
  };
  for (const area of areas) {
    let setUpFailure: string | undefined;
    const applicable = area.checks(suite).filter(check => {
      const why = check.notApplicable?.(suite);
      if (why !== undefined) {
        record({
          area: area.name,
          name: check.name,
          status: 'not-applicable',
          message: why,
          detail: [],
        });
      }
      return why === undefined;
    });
    if (applicable.length && area.setUp) {
      try {
        await area.setUp(suite);
      } catch (error) {
        setUpFailure = `the set-up of ${area.name} failed: ${(error as Error).message}`;
      }
    }
    for (const check of applicable) {
      if (setUpFailure) {
        record({
          area: area.name,
          name: check.name,
          status: 'fail',
          message: setUpFailure,
          detail: [],
        });
        continue;
      }
      try {
        const note = await check.run(suite);
        record({
          area: area.name,
          name: check.name,
          status: 'pass',
          message: note ?? '',
          detail: [],
        });
      } catch (error) {
        record({
          area: area.name,
          name: check.name,
          status: 'fail',
          message: (error as Error).message,
          detail:
            error instanceof ConformanceFailure
              ? error.detail
              : ((error as Error).stack ?? '').split('\n').slice(1, 4),
        });
      } finally {
        await suite.cleanUp();
      }
    }
    // The area's own resources (the listing's rows) go too.
    await suite.cleanUp(true);
  }
  return { outcomes, suite };
}

/**
 * Runs `probe` on every item and fails listing every item it failed for (not only the first):
 * `what` names an item in the failure.
 */
export async function everyOf<T>(
  items: T[],
  what: (item: T) => string,
  probe: (item: T) => Promise<void>,
): Promise<number> {
  const failures: string[] = [];
  for (const item of items) {
    try {
      await probe(item);
    } catch (error) {
      failures.push(`${what(item)}: ${(error as Error).message}`);
    }
  }
  if (failures.length === 1) throw new ConformanceFailure(failures[0]);
  if (failures.length > 1) {
    throw new ConformanceFailure(
      `${failures.length} of ${items.length} failed`,
      failures,
    );
  }
  return items.length;
}
