/**
 * One variant's state, shared by its steps: where it is rendered, what earlier steps found (the
 * rendered service, the database, the booted service, its OpenAPI document, the auth headers),
 * and the environments its commands and its service get.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  RenderedService,
  ServiceRenderer,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { CheckFailure, OUTPUT_TAIL, type HarnessOptions } from './common';
import type { HarnessFacts } from './facts';
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
  databaseUrl: string | undefined;
  databaseName: string | undefined;
  /** The variables of the generated `.env`. */
  dotenv: Record<string, string> = {};
  /** The booted service, until `stop`. */
  app: BackgroundProcess | undefined;
  baseUrl = '';
  /** The OpenAPI document the service served. */
  openapi: unknown;
  tablesAfterUp: string[] = [];
  authHeaders: Record<string, string> = {};

  constructor(
    readonly stack: string,
    readonly variant: Variant,
    readonly facts: HarnessFacts,
    directory: string,
    readonly options: HarnessOptions,
    readonly renderer: ServiceRenderer,
  ) {
    this.serviceDir = path.join(directory, 'service');
    this.logDir = path.join(directory, 'logs');
    fs.mkdirSync(this.logDir, { recursive: true });
  }

  /** `/api/v1/<route>` of the rendered service's resource. */
  get collectionPath(): string {
    return `/api/v1/${this.service?.spec.resource.route ?? ''}`;
  }

  /** Added to a log path in a failure: how to keep the log. */
  get keepHint(): string {
    return this.options.keep ? '' : '; rerun with --keep to keep it';
  }

  commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...baseEnvironment(),
      ...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : {}),
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
