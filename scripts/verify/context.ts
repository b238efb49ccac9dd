/**
 * One variant's state, shared by its steps: where it is rendered, what earlier steps found (the
 * rendered service and the context its files saw, the databases, the booted service and its
 * ports, the auth headers), and the environments its commands and its service get. Every fact
 * about the stack comes from the rendered context (`stack`: the manifest with `command.<role>`
 * and `runtime`; `spec`: the request, with the API contract in `spec.api`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  RenderedService,
  ServiceRenderer,
  ServiceSpec,
  StackContext,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { CheckFailure, OUTPUT_TAIL, type HarnessOptions } from './common';
import type { DatabaseSnapshot } from './postgres';
import { brief, http, type HttpResponse } from './network';
import { lastLines, type BackgroundProcess } from './processes';
import type { Variant } from './variants';

/** The child environment: the caller's, without what npm adds when the harness runs as a script. */
export function baseEnvironment(
  from: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(from)) {
    if (key.startsWith('npm_') || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

export class VariantContext {
  readonly serviceDir: string;
  readonly logDir: string;
  service: RenderedService | undefined;
  /** The development database (DATABASE_URL): migrations, the booted service. */
  databaseUrl: string | undefined;
  databaseName: string | undefined;
  /** The test command's own database (TEST_DATABASE_URL). */
  testDatabaseUrl: string | undefined;
  testDatabaseName: string | undefined;
  /** The variables of the generated `.env`. */
  dotenv: Record<string, string> = {};
  /** The ports the service is told: its own (the port variable) and the metrics port. */
  ports: { service: number; metrics?: number } | undefined;
  /** The booted service, until `stop`. */
  app: BackgroundProcess | undefined;
  baseUrl = '';
  /** Where the metrics port answers, when metrics are on. */
  metricsUrl: string | undefined;
  /** The committed OpenAPI document (`spec.api.documentFile`), read by the openapi step. */
  openapi: unknown;
  tablesAfterUp: string[] = [];
  /** The development database just before `test`, or why it could not be taken. */
  beforeTest:
    | (DatabaseSnapshot & { table: string })
    | { error: string }
    | undefined;
  authHeaders: Record<string, string> = {};

  constructor(
    readonly stack: string,
    readonly variant: Variant,
    directory: string,
    readonly options: HarnessOptions,
    readonly renderer: ServiceRenderer,
  ) {
    this.serviceDir = path.join(directory, 'service');
    this.logDir = path.join(directory, 'logs');
    fs.mkdirSync(this.logDir, { recursive: true });
  }

  /** The rendered service; a step that needs it before `render` succeeded fails. */
  get rendered(): RenderedService {
    if (!this.service) throw new CheckFailure('the service was not rendered');
    return this.service;
  }

  /** The request, normalised: names, fields, the API contract (`spec.api`), auth, observability. */
  get spec(): ServiceSpec {
    return this.rendered.spec;
  }

  /** The stack as its files saw it: `command.<role>`, `runtime.port`, `runtime.portVariable`. */
  get manifest(): StackContext {
    return this.rendered.context.stack;
  }

  /** The resource's collection route, e.g. /api/v1/items. */
  get collectionPath(): string {
    return this.spec.api.collection;
  }

  /** Added to a log path in a failure: how to keep the log. */
  get keepHint(): string {
    return this.options.keep ? '' : '; rerun with --keep to keep it';
  }

  /** A command's environment: the caller's, plus both database URLs once they exist. */
  commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...baseEnvironment(),
      ...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : {}),
      ...(this.testDatabaseUrl
        ? { TEST_DATABASE_URL: this.testDatabaseUrl }
        : {}),
      ...extra,
    };
  }

  /** The environment of the running service: `.env` exported, as a deployment would set it. */
  serviceEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return this.commandEnv({ ...this.dotenv, ...extra });
  }

  /** The last lines of the booted service's log, as failure detail. */
  appLogTail(app = this.app): string[] {
    if (!app || !fs.existsSync(app.logFile)) return [];
    const lines = lastLines(fs.readFileSync(app.logFile, 'utf8'), OUTPUT_TAIL);
    return [
      `last ${lines.length} lines of the service's log (${app.logFile}${this.keepHint}):`,
      ...lines.map(l => `| ${l}`),
    ];
  }

  /** A failure because the service exited on its own; undefined while it runs. */
  async serviceDied(when: string): Promise<CheckFailure | undefined> {
    const app = this.app;
    if (!app?.hasExited()) return undefined;
    const { code, signal } = await app.exited;
    return new CheckFailure(
      `the service exited on its own (${code === null ? signal : `exit ${code}`}) ${when}`,
      this.appLogTail(app),
    );
  }

  /** GET on the booted service; no answer fails the check with the service's log. */
  async get(urlPath: string): Promise<HttpResponse> {
    try {
      return await http('GET', this.baseUrl + urlPath, {
        headers: this.authHeaders,
      });
    } catch (error) {
      const died = await this.serviceDied(`before GET ${urlPath} answered`);
      throw (
        died ??
        new CheckFailure(
          `GET ${urlPath}: no answer (${(error as Error).message})`,
          this.appLogTail(),
        )
      );
    }
  }

  async expectGet(urlPath: string, status: number): Promise<string> {
    const response = await this.get(urlPath);
    if (response.status !== status) {
      throw new CheckFailure(
        `GET ${urlPath} answered ${response.status}, expected ${status}`,
        [`body: ${brief(response.text, 400)}`, ...this.appLogTail()],
      );
    }
    return `GET ${urlPath} → ${response.status} ${brief(response.text, 80)}`;
  }
}
