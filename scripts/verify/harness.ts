/**
 * The verification harness: renders each stack in each variant into a temp dir and runs the
 * generated project's own commands (from the stack's facts) the way its README tells a developer
 * to, against a private PostgreSQL, then boots the service and probes it over HTTP.
 *
 * Every check prints one PASS/FAIL line naming stack, variant and step; a failed check prints the
 * command and the tail of its output, and every later check of that variant is reported as
 * failed ("skipped after failure"), never as passed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  RenderedService,
  ServiceRenderer,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { createScriptRenderer, renderToDirectory } from '../lib/renderService';
import { crudRoundTrip, unauthenticatedWrite } from './crud';
import { writeEnvFile } from './envFile';
import type { HarnessFacts } from './facts';
import { brief, freePort, http, isPortFree } from './network';
import { PostgresCluster } from './postgres';
import {
  lastLines,
  runCommand,
  startBackground,
  type BackgroundProcess,
  type CommandResult,
} from './processes';
import { variantsFor, type Variant } from './variants';

export interface Reporter {
  line(text: string): void;
}

export const consoleReporter: Reporter = {
  line: text => process.stdout.write(`${text}\n`),
};

export interface HarnessOptions {
  /** Stack names; empty means every installed stack. */
  stacks: string[];
  /** Variant names; empty means every variant. */
  variants: string[];
  /** Blueprint folders added after the built-in one (a stack of the same name replaces ours). */
  blueprintDirectories: string[];
  /** Keep the rendered services (and their logs) instead of deleting them. */
  keep: boolean;
  reporter: Reporter;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped' | 'not-applicable';

export interface CheckResult {
  stack: string;
  variant: string;
  step: string;
  status: CheckStatus;
  durationMs: number;
  /** One line: what the check did, or why it failed or did not apply. */
  summary: string;
}

export interface HarnessResult {
  passed: number;
  failed: number;
  checks: CheckResult[];
  /** Per-variant temp dirs (deleted unless `keep`). */
  directories: string[];
}

const OUTPUT_TAIL = 40;
const MINUTE = 60_000;
const COMMAND_TIMEOUT_MS = 10 * MINUTE;
const INSTALL_TIMEOUT_MS = 20 * MINUTE;
const BOOT_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** A check that failed: `detail` lines are printed under the FAIL line. */
class CheckFailure extends Error {
  constructor(
    message: string,
    readonly detail: string[] = [],
  ) {
    super(message);
  }
}

/** Resources shared by the whole run, released on every exit path (see `releaseAll`). */
const shared: {
  cluster?: PostgresCluster;
  clusterStarting?: Promise<PostgresCluster>;
  temporaryDirectories: Set<string>;
} = { temporaryDirectories: new Set() };

/** Stops PostgreSQL and deletes temp dirs. Synchronous and idempotent: safe in any exit path. */
export function releaseAll(options: { keepDirectories?: boolean } = {}): void {
  shared.cluster?.stop();
  shared.cluster = undefined;
  shared.clusterStarting = undefined;
  if (!options.keepDirectories) {
    for (const dir of shared.temporaryDirectories) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  shared.temporaryDirectories.clear();
}

async function postgres(reporter: Reporter): Promise<PostgresCluster> {
  if (shared.cluster) return shared.cluster;
  shared.clusterStarting ??= PostgresCluster.start(text =>
    reporter.line(`  ${text}`),
  ).then(cluster => {
    shared.cluster = cluster;
    return cluster;
  });
  return shared.clusterStarting;
}

/** The child environment: the caller's, without what npm adds when the harness runs as a script. */
function baseEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Generated files whose path appears in a command's output, with the blueprint file behind each. */
function filesNamedIn(
  output: string,
  service: RenderedService | undefined,
): string[] {
  if (!service) return [];
  const named: string[] = [];
  for (const file of service.files) {
    const pattern = new RegExp(
      `(^|[\\s/"'(\`])${escapeRegExp(file.path)}($|[\\s:"')\`,])`,
      'm',
    );
    if (pattern.test(output)) named.push(`${file.path}  ← ${file.origin}`);
    if (named.length >= 10) break;
  }
  return named;
}

class VariantRun {
  readonly checks: CheckResult[] = [];
  private failedStep: string | undefined;
  private readonly serviceDir: string;
  private readonly logDir: string;
  private service: RenderedService | undefined;
  private databaseUrl: string | undefined;
  private databaseName: string | undefined;
  private dotenv: Record<string, string> = {};
  private app: BackgroundProcess | undefined;
  private baseUrl = '';
  private openapi: unknown;
  private tablesAfterUp: string[] = [];
  private authHeaders: Record<string, string> = {};

  constructor(
    private readonly stack: string,
    private readonly variant: Variant,
    private readonly facts: HarnessFacts,
    directory: string,
    private readonly options: HarnessOptions,
    private readonly renderer: ServiceRenderer,
  ) {
    this.serviceDir = path.join(directory, 'service');
    this.logDir = path.join(directory, 'logs');
    fs.mkdirSync(this.logDir, { recursive: true });
  }

  private say(text: string): void {
    this.options.reporter.line(text);
  }

  private record(
    step: string,
    status: CheckStatus,
    durationMs: number,
    summary: string,
    detail: string[] = [],
  ): void {
    this.checks.push({
      stack: this.stack,
      variant: this.variant.name,
      step,
      status,
      durationMs,
      summary,
    });
    const label = {
      pass: 'PASS',
      fail: 'FAIL',
      skipped: 'FAIL',
      'not-applicable': 'SKIP',
    }[status];
    const where = `${this.stack}/${this.variant.name}`;
    const time =
      status === 'pass' || status === 'fail' ? ` ${seconds(durationMs)}` : '';
    this.say(
      `  ${label} ${where} ${step}${time}${summary ? ` — ${summary}` : ''}`,
    );
    for (const line of detail.flatMap(d => d.split('\n'))) {
      this.say(`         ${line}`);
    }
  }

  /** Runs one named check, unless an earlier one failed. */
  private async check(
    step: string,
    body: () => Promise<string | { summary: string; detail: string[] }>,
    /** Why the check does not apply to this variant, if it does not (decided before running). */
    notApplicable?: string,
  ): Promise<void> {
    if (notApplicable !== undefined) {
      this.record(step, 'not-applicable', 0, notApplicable);
      return;
    }
    if (this.failedStep) {
      this.record(
        step,
        'skipped',
        0,
        `skipped after failure of ${this.failedStep}`,
      );
      return;
    }
    const started = Date.now();
    try {
      const outcome = await body();
      const { summary, detail } =
        typeof outcome === 'string'
          ? { summary: outcome, detail: [] }
          : outcome;
      this.record(step, 'pass', Date.now() - started, summary, detail);
    } catch (error) {
      const duration = Date.now() - started;
      this.failedStep = step;
      const detail =
        error instanceof CheckFailure
          ? error.detail
          : ((error as Error).stack ?? String(error)).split('\n').slice(1, 6);
      this.record(step, 'fail', duration, '', [
        `stack ${this.stack}, variant ${this.variant.name}, step ${step}: ${(error as Error).message}`,
        ...detail,
      ]);
    }
  }

  private commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...baseEnvironment(),
      ...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : {}),
      ...extra,
    };
  }

  /** The environment of the running service: `.env` exported, as a deployment would set it. */
  private serviceEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return this.commandEnv({ ...this.dotenv, ...extra });
  }

  /** The script bash runs: the stack's activation (if any), then the command. */
  private script(command: string, activate = true): string {
    const prelude = activate ? this.facts.commands.activate : undefined;
    return prelude
      ? `${prelude} || { echo "activation failed: ${prelude.replace(/["\\$`]/g, '\\$&')}" >&2; exit 97; }\n${command}`
      : command;
  }

  private async command(
    step: string,
    command: string,
    options: {
      env?: NodeJS.ProcessEnv;
      timeoutMs?: number;
      activate?: boolean;
    } = {},
  ): Promise<CommandResult> {
    const logFile = path.join(this.logDir, `${step.replace(/\W+/g, '-')}.log`);
    fs.writeFileSync(logFile, `$ ${command}\n`);
    const result = await runCommand(this.script(command, options.activate), {
      cwd: this.serviceDir,
      env: options.env ?? this.commandEnv(),
      timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
      logFile,
    });
    if (result.code !== 0) {
      let how = `exit code ${result.code}`;
      if (result.timedOut)
        how = `timed out after ${seconds(result.durationMs)}`;
      else if (result.code === null) how = `killed by ${result.signal}`;
      const named = filesNamedIn(result.output, this.service);
      throw new CheckFailure(`\`${command}\` failed (${how})`, [
        `command: ${command}`,
        `cwd: ${this.serviceDir}`,
        ...(named.length
          ? [
              'files named in the output (generated path ← blueprint file):',
              ...named.map(f => `  ${f}`),
            ]
          : []),
        `last ${OUTPUT_TAIL} lines of output (full log: ${logFile}${this.options.keep ? '' : '; rerun with --keep to keep it'}):`,
        ...lastLines(result.output, OUTPUT_TAIL).map(line => `| ${line}`),
      ]);
    }
    return result;
  }

  private required(name: keyof HarnessFacts['commands']): string {
    const command = this.facts.commands[name];
    if (!command)
      throw new CheckFailure(`the stack declares no facts.commands.${name}`);
    return command;
  }

  /** Runs a facts command as a check; the summary is the last line it printed. */
  private async factCommand(
    step: string,
    name: keyof HarnessFacts['commands'],
    timeoutMs?: number,
  ): Promise<string> {
    const command = this.required(name);
    const result = await this.command(step, command, { timeoutMs });
    return `\`${command}\`: ${brief(lastLines(result.output, 1)[0] ?? '(no output)', 120)}`;
  }

  private async get(urlPath: string) {
    return http('GET', this.baseUrl + urlPath, { headers: this.authHeaders });
  }

  private async expectGet(urlPath: string, status: number): Promise<string> {
    const response = await this.get(urlPath);
    if (response.status !== status) {
      throw new CheckFailure(
        `GET ${urlPath} answered ${response.status}, expected ${status}`,
        [`body: ${brief(response.text, 400)}`, ...this.appLogTail()],
      );
    }
    return `GET ${urlPath} → ${response.status} ${brief(response.text, 80)}`;
  }

  private appLogTail(): string[] {
    if (!this.app || !fs.existsSync(this.app.logFile)) return [];
    const lines = lastLines(
      fs.readFileSync(this.app.logFile, 'utf8'),
      OUTPUT_TAIL,
    );
    return [
      `last ${lines.length} lines of the service's log (${this.app.logFile}${this.options.keep ? '' : '; rerun with --keep to keep it'}):`,
      ...lines.map(l => `| ${l}`),
    ];
  }

  async run(): Promise<void> {
    const { facts } = this;
    const variantInput = this.variant.input;
    this.say(
      `\n== ${this.stack} / ${this.variant.name}: ${this.variant.description}\n   ${JSON.stringify(variantInput)} → ${this.serviceDir}`,
    );

    await this.check('render', async () => {
      try {
        this.service = await renderToDirectory(
          this.renderer,
          variantInput,
          this.serviceDir,
        );
      } catch (error) {
        // The engine's message names the blueprint and the file (and the variable).
        throw new CheckFailure(`render failed: ${(error as Error).message}`);
      }
      return `${this.service.files.length} files; layers ${this.service.layers.join(', ')}`;
    });

    const setup = this.facts.commands.setup;
    await this.check(
      'setup',
      async () => {
        const result = await this.command('setup', setup!, { activate: false });
        const last = lastLines(result.output, 1)[0];
        return `\`${setup}\`${last ? `: ${brief(last, 100)}` : ''}`;
      },
      setup
        ? undefined
        : 'the stack declares no facts.commands.setup: commands run in the current toolchain',
    );
    await this.check('install', () =>
      this.factCommand('install', 'install', INSTALL_TIMEOUT_MS),
    );
    await this.check('lint', () => this.factCommand('lint', 'lint'));
    await this.check('typecheck', () =>
      this.factCommand('typecheck', 'typecheck'),
    );

    await this.check('database', async () => {
      const database = String(variantInput.database ?? 'postgresql');
      if (database !== 'postgresql') {
        throw new CheckFailure(
          `the harness provisions only PostgreSQL, not ${database}`,
        );
      }
      const cluster = await postgres(this.options.reporter);
      this.databaseName = `verify_${this.variant.name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
      this.databaseUrl = await cluster.createDatabase(this.databaseName);
      const env = writeEnvFile(this.serviceDir, {
        DATABASE_URL: this.databaseUrl,
      });
      this.dotenv = env?.variables ?? {};
      return `${this.databaseUrl}; ${
        env
          ? `.env written from .env.example (${env.changes.join(', ')})`
          : 'no .env.example'
      }`;
    });

    const tables = async () =>
      (await postgres(this.options.reporter)).tables(this.databaseName!);
    await this.check('migrate up', async () => {
      const summary = await this.factCommand('migrate-up', 'migrate');
      this.tablesAfterUp = await tables();
      if (this.tablesAfterUp.length === 0)
        throw new CheckFailure('migrate up created no tables');
      return `${summary}; tables: ${this.tablesAfterUp.join(', ')}`;
    });
    await this.check('migrate down', async () => {
      const summary = await this.factCommand('migrate-down', 'migrateDown');
      const left = await tables();
      const removed = this.tablesAfterUp.filter(t => !left.includes(t));
      if (removed.length === 0) {
        throw new CheckFailure(
          `migrate down removed no table (left: ${left.join(', ')})`,
        );
      }
      const cluster = await postgres(this.options.reporter);
      for (const table of left) {
        const [schema, name] = table.split('.');
        const rows = Number(
          (
            await cluster.psql(this.databaseName!, [
              `select count(*) from "${schema}"."${name}"`,
            ])
          ).trim(),
        );
        if (rows > 0) {
          throw new CheckFailure(
            `after migrate down, ${table} still holds ${rows} row(s)`,
          );
        }
      }
      return `${summary}; removed ${removed.join(', ')}${left.length ? `; left (empty): ${left.join(', ')}` : ''}`;
    });
    await this.check('migrate up again', async () => {
      const summary = await this.factCommand('migrate-up-again', 'migrate');
      const again = await tables();
      if (again.join() !== this.tablesAfterUp.join()) {
        throw new CheckFailure(
          `tables differ from the first migrate up: ${again.join(', ')} vs ${this.tablesAfterUp.join(', ')}`,
        );
      }
      return `${summary}; same ${again.length} tables`;
    });
    await this.check('test', () => this.factCommand('test', 'test'));

    await this.check('boot', () => this.boot());
    await this.check('liveness', () =>
      this.expectGet(facts.health.liveness, 200),
    );
    await this.check('readiness', () =>
      this.expectGet(facts.health.readiness, 200),
    );
    await this.check('metrics', async () => {
      const on = this.service?.spec.observability.metrics;
      if (!on) {
        // Off means off: the path must not be served.
        const response = await this.get(facts.metricsPath);
        if (response.status !== 404) {
          throw new CheckFailure(
            `metrics are off, but GET ${facts.metricsPath} answered ${response.status}`,
          );
        }
        return `metrics off: GET ${facts.metricsPath} → 404`;
      }
      const response = await this.get(facts.metricsPath);
      if (response.status !== 200 || !/^# TYPE /m.test(response.text)) {
        throw new CheckFailure(
          `GET ${facts.metricsPath} answered ${response.status} without Prometheus text (# TYPE lines)`,
          [`body: ${brief(response.text, 400)}`],
        );
      }
      const families = response.text.match(/^# TYPE /gm)?.length ?? 0;
      return `GET ${facts.metricsPath} → 200, ${families} metric families`;
    });
    await this.check('openapi', () => this.checkOpenapi());
    const collection = `/api/v1/${this.service?.spec.resource.route ?? ''}`;
    const auth = this.service?.spec.auth ?? variantInput.auth ?? 'none';
    await this.check(
      'auth',
      async () => {
        const refused = await unauthenticatedWrite({
          baseUrl: this.baseUrl,
          openapi: this.openapi,
          collectionPath: collection,
        });
        const tokenCommand = this.required('token');
        const result = await this.command('token', tokenCommand, {
          env: this.serviceEnv(),
        });
        const token = lastLines(result.output, 1)[0]?.trim() ?? '';
        if (!/^\S{16,}$/.test(token)) {
          throw new CheckFailure(
            `\`${tokenCommand}\` printed no token`,
            lastLines(result.output, 10),
          );
        }
        this.authHeaders = { Authorization: `Bearer ${token}` };
        return `${refused}; token from \`facts.commands.token\` (${token.length} characters)`;
      },
      auth === 'none' ? 'auth is off in this variant' : undefined,
    );
    await this.check('crud', async () => {
      try {
        const calls = await crudRoundTrip({
          baseUrl: this.baseUrl,
          openapi: this.openapi,
          collectionPath: collection,
          headers: this.authHeaders,
        });
        return {
          summary: `${calls.length} calls on ${collection}`,
          detail: calls,
        };
      } catch (error) {
        throw new CheckFailure((error as Error).message, this.appLogTail());
      }
    });
    const e2e = this.facts.commands.e2e;
    await this.check(
      'e2e',
      async () => {
        const result = await this.command('e2e', e2e!, {
          env: this.serviceEnv({ SERVICE_URL: this.baseUrl }),
        });
        return `SERVICE_URL=${this.baseUrl} \`${e2e}\`: ${brief(lastLines(result.output, 1)[0] ?? '', 120)}`;
      },
      e2e ? undefined : 'the stack declares no facts.commands.e2e',
    );
    await this.stopApp();
  }

  private async boot(): Promise<string> {
    const start = this.required('start');
    // The start command names facts.port; each variant's service gets a free port instead.
    const port = await freePort();
    const portPattern = new RegExp(
      `(^|[^0-9])${this.facts.port}(?![0-9])`,
      'g',
    );
    let command = start;
    if (portPattern.test(start)) {
      command = start.replace(portPattern, `$1${port}`);
    } else if (!(await isPortFree(this.facts.port))) {
      throw new CheckFailure(`port ${this.facts.port} (facts.port) is in use`);
    }
    const used = command === start ? this.facts.port : port;
    this.baseUrl = `http://127.0.0.1:${used}`;
    const logFile = path.join(this.logDir, 'service.log');
    fs.writeFileSync(logFile, `$ ${command}\n`);
    this.app = startBackground(this.script(command), {
      cwd: this.serviceDir,
      env: this.serviceEnv({ PORT: String(used) }),
      logFile,
    });
    const started = Date.now();
    let last = 'no answer';
    while (Date.now() - started < BOOT_TIMEOUT_MS) {
      if (this.app.hasExited()) {
        const { code, signal } = await this.app.exited;
        throw new CheckFailure(
          `\`${command}\` exited (${code ?? signal}) before ${this.facts.health.liveness} answered`,
          [`command: ${command}`, ...this.appLogTail()],
        );
      }
      try {
        const response = await http(
          'GET',
          this.baseUrl + this.facts.health.liveness,
          { timeoutMs: 2000 },
        );
        if (response.status === 200) {
          return `\`${command}\` (port ${used}${used !== this.facts.port ? ` instead of facts.port ${this.facts.port}` : ''}); ${this.facts.health.liveness} answered after ${seconds(Date.now() - started)}`;
        }
        last = `${response.status} ${brief(response.text, 100)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new CheckFailure(
      `${this.facts.health.liveness} did not answer 200 within ${seconds(BOOT_TIMEOUT_MS)} (last: ${last})`,
      [`command: ${command}`, ...this.appLogTail()],
    );
  }

  private async checkOpenapi(): Promise<string> {
    const { path: docPath, file } = this.facts.openapi;
    const response = await this.get(docPath);
    const doc = response.json as
      | { openapi?: unknown; paths?: Record<string, unknown> }
      | undefined;
    if (
      response.status !== 200 ||
      !doc ||
      typeof doc.openapi !== 'string' ||
      !doc.paths
    ) {
      throw new CheckFailure(
        `GET ${docPath} answered ${response.status} without an OpenAPI document`,
        [`body: ${brief(response.text, 400)}`],
      );
    }
    this.openapi = doc;
    const collection = `/api/v1/${this.service?.spec.resource.route ?? ''}`;
    if (!(collection in doc.paths)) {
      throw new CheckFailure(
        `the served document has no ${collection} (paths: ${Object.keys(doc.paths).join(', ')})`,
      );
    }
    let copy = '';
    if (file) {
      const committed = path.join(this.serviceDir, file);
      if (!fs.existsSync(committed))
        throw new CheckFailure(`facts.openapi.file ${file} was not generated`);
      const kept: unknown = JSON.parse(fs.readFileSync(committed, 'utf8'));
      if (JSON.stringify(sortKeys(kept)) !== JSON.stringify(sortKeys(doc))) {
        throw new CheckFailure(
          `the served document differs from the generated ${file}`,
          [`first difference: ${firstDifference(kept, doc) ?? '(order only)'}`],
        );
      }
      copy = `, identical to ${file}`;
    }
    return `GET ${docPath} → OpenAPI ${doc.openapi}, ${Object.keys(doc.paths).length} paths${copy}`;
  }

  /** Stops the booted service (the whole process group), as a check of its own. */
  async stopApp(): Promise<void> {
    const app = this.app;
    if (!app) return;
    this.app = undefined;
    if (app.hasExited()) {
      const { code, signal } = await app.exited;
      this.record(
        'stop',
        'not-applicable',
        0,
        `the service had already exited (${code === null ? signal : `exit ${code}`})`,
      );
      return;
    }
    const started = Date.now();
    const { graceful, code, signal } = await app.stop(STOP_GRACE_MS);
    const how = `its shell ended by ${code === null ? signal : `exit ${code}`}`;
    if (graceful) {
      this.record(
        'stop',
        'pass',
        Date.now() - started,
        `stopped ${seconds(Date.now() - started)} after SIGTERM to its process group (${how})`,
      );
    } else {
      this.record('stop', 'fail', Date.now() - started, '', [
        `stack ${this.stack}, variant ${this.variant.name}, step stop: no exit within ${seconds(STOP_GRACE_MS)} of SIGTERM; killed`,
      ]);
    }
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map(key => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

function firstDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b)))
    return undefined;
  if (typeof a === 'object' && a && typeof b === 'object' && b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${at}: ${brief(JSON.stringify(a) ?? 'undefined', 80)} vs ${brief(JSON.stringify(b) ?? 'undefined', 80)}`;
}

export class UsageError extends Error {}

export async function runHarness(
  options: HarnessOptions,
): Promise<HarnessResult> {
  const { reporter } = options;
  const renderer = await createScriptRenderer({
    extraBlueprintDirectories: options.blueprintDirectories,
  });
  const installed = renderer.choices.stacks;
  const unknown = options.stacks.filter(s => !installed.includes(s));
  if (unknown.length) {
    throw new UsageError(
      `unknown stack ${unknown.join(', ')} (installed: ${installed.join(', ')})`,
    );
  }
  const stacks = options.stacks.length ? options.stacks : [...installed];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
  shared.temporaryDirectories.add(root);
  const checks: CheckResult[] = [];
  const wallStart = Date.now();
  const timings: string[] = [];
  try {
    for (const stack of stacks) {
      const blueprint = renderer.catalog.stacks.get(stack)!;
      const facts = blueprint.manifest.facts;
      const all = variantsFor(stack, renderer.choices);
      const unknownVariants = options.variants.filter(
        v => !all.some(a => a.name === v),
      );
      if (unknownVariants.length) {
        throw new UsageError(
          `unknown variant ${unknownVariants.join(', ')} (variants: ${all.map(v => v.name).join(', ')})`,
        );
      }
      const variants = options.variants.length
        ? all.filter(v => options.variants.includes(v.name))
        : all;
      reporter.line(
        `\n# stack ${stack} (${blueprint.directory}): variants ${variants.map(v => v.name).join(', ')}`,
      );
      for (const variant of variants) {
        const directory = path.join(root, `${stack}-${variant.name}`);
        const run = new VariantRun(
          stack,
          variant,
          facts,
          directory,
          options,
          renderer,
        );
        const started = Date.now();
        try {
          await run.run();
        } finally {
          await run.stopApp();
          checks.push(...run.checks);
        }
        const steps = run.checks
          .filter(c => c.status === 'pass' || c.status === 'fail')
          .map(c => `${c.step} ${seconds(c.durationMs)}`)
          .join(' · ');
        timings.push(
          `  ${stack}/${variant.name} ${seconds(Date.now() - started)}: ${steps}`,
        );
      }
    }
  } finally {
    if (options.keep) {
      reporter.line(`\nKept the rendered services and logs under ${root}`);
    }
    releaseAll({ keepDirectories: options.keep });
  }
  const passed = checks.filter(c => c.status === 'pass').length;
  const failed = checks.filter(
    c => c.status === 'fail' || c.status === 'skipped',
  ).length;
  const notApplicable = checks.filter(
    c => c.status === 'not-applicable',
  ).length;
  reporter.line(`\nWall times (total ${seconds(Date.now() - wallStart)}):`);
  for (const line of timings) reporter.line(line);
  const failures = checks.filter(c => c.status === 'fail');
  if (failures.length) {
    reporter.line('\nFailed:');
    for (const c of failures)
      reporter.line(`  ${c.stack}/${c.variant} ${c.step}`);
  }
  const skipped = checks.filter(c => c.status === 'skipped').length;
  const notes = [
    skipped
      ? `${skipped} checks skipped after a failure (counted as failed).`
      : '',
    notApplicable
      ? `${notApplicable} checks did not apply to their variant (not counted).`
      : '',
  ].filter(Boolean);
  reporter.line(notes.length ? `\n${notes.join(' ')}` : '');
  reporter.line(`${passed} passed, ${failed} failed`);
  return { passed, failed, checks, directories: [root] };
}
