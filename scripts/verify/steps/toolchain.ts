/**
 * The generated project's own toolchain commands, by role (`stack.command.<role>`): setup
 * (optional), install, lint, typecheck, and test (which must report tests that passed, none
 * skipped); then `test isolation`: the test command, told both database URLs, must have left the
 * development database (DATABASE_URL) as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CheckFailure, INSTALL_TIMEOUT_MS } from '../common';
import {
  requiredCommand,
  runFactCommand,
  runStepCommand,
  runTestCommand,
  type CommandName,
} from '../commands';
import type { VariantContext } from '../context';
import { prepareIsolationCheck, snapshotDifferences } from '../isolation';
import { brief } from '../network';
import { qualifiedName } from '../postgres';
import { lastLines, runCommand } from '../processes';
import { cluster } from './database';
import type { HarnessStep } from './step';

/** Undefined until the service is rendered: before that, a step is skipped, not "not applicable". */
export function unlessRendered(
  ctx: VariantContext,
  reason: () => string | undefined,
): string | undefined {
  return ctx.service ? reason() : undefined;
}

export const setupStep: HarnessStep = {
  name: 'setup',
  notApplicable: ctx =>
    unlessRendered(ctx, () =>
      ctx.manifest.command.setup
        ? undefined
        : 'the stack declares no setup command: commands run in the current toolchain',
    ),
  async run(ctx) {
    provisionJdk(ctx);
    const python = await provisionPython(ctx);
    const manager = await provisionPackageManager(ctx);
    const setup = requiredCommand(ctx, 'setup');
    const result = await runStepCommand(ctx, 'setup', setup, {
      activate: false,
    });
    const last = lastLines(result.output, 1)[0];
    const provisioned = [python, manager].filter(Boolean).join('; ');
    return `\`${setup}\`${last ? `: ${brief(last, 100)}` : ''}${provisioned ? `; ${provisioned}` : ''}`;
  },
};

/** A step that runs the stack's command of role `command` and passes when it exits 0. */
function commandStep(
  name: string,
  command: CommandName,
  timeoutMs?: number,
): HarnessStep {
  return {
    name,
    run: ctx => runFactCommand(ctx, name, command, timeoutMs),
  };
}

/** Where JDKs are looked for when JAVA_HOME is unset or too old: VERIFY_JDKS (`:`-separated) first. */
function jdkRoots(): string[] {
  const listed = (process.env.VERIFY_JDKS ?? '').split(':').filter(Boolean);
  const installed: string[] = [];
  for (const parent of ['/usr/lib/jvm', '/opt/java', '/usr/local/lib/jvm']) {
    try {
      for (const entry of fs.readdirSync(parent).sort()) {
        installed.push(path.join(parent, entry));
      }
    } catch {
      // not on this machine
    }
  }
  return [...listed, ...installed];
}

/** The feature release of the JDK at `home` (its `release` file), or undefined if it is none. */
export function jdkRelease(home: string): number | undefined {
  try {
    if (!fs.existsSync(path.join(home, 'bin', 'javac'))) return undefined;
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
    if (!version) return undefined;
    const parts = version.split('.').map(Number);
    return parts[0] === 1 ? parts[1] : parts[0];
  } catch {
    return undefined;
  }
}

/**
 * A Java stack states its JDK in `language.version`; its commands (the Maven or Gradle wrapper)
 * run on JAVA_HOME. When the caller's JAVA_HOME is unset or older, an installed JDK of that release
 * (or else the nearest newer one) becomes JAVA_HOME, its bin/ leading PATH, for every later command
 * of the run; none fails install, saying what is needed. Other languages: nothing to do.
 */
export function provisionJdk(ctx: VariantContext): string | undefined {
  const language = ctx.manifest.language;
  if (language.name !== 'java') return undefined;
  const wanted = Number.parseInt(String(language.version), 10);
  if (!Number.isFinite(wanted)) return undefined;
  const current = process.env.JAVA_HOME;
  if (current && (jdkRelease(current) ?? 0) >= wanted) {
    return `JAVA_HOME ${current} (JDK ${jdkRelease(current)})`;
  }
  const found = jdkRoots()
    .map(home => ({ home, release: jdkRelease(home) }))
    .filter(
      (jdk): jdk is { home: string; release: number } =>
        jdk.release !== undefined && jdk.release >= wanted,
    )
    // The stated release itself first, then the nearest newer one.
    .sort((a, b) => a.release - b.release)[0];
  if (!found) {
    throw new CheckFailure(
      `the stack needs a JDK ${wanted} or newer: JAVA_HOME is ${current ? `${current} (JDK ${jdkRelease(current) ?? '?'})` : 'unset'}, and none was found under VERIFY_JDKS, /usr/lib/jvm, /opt/java or /usr/local/lib/jvm`,
    );
  }
  process.env.JAVA_HOME = found.home;
  process.env.PATH = `${path.join(found.home, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
  return `JAVA_HOME set to ${found.home} (JDK ${found.release})`;
}

/** Python interpreters of `version` (e.g. 3.12): VERIFY_PYTHONS (`:`-separated) first, then pyenv's, then the system's. */
function pythonCandidates(version: string): string[] {
  const listed = (process.env.VERIFY_PYTHONS ?? '').split(':').filter(Boolean);
  const pyenv = path.join(
    process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv'),
    'versions',
  );
  const installed: string[] = [];
  try {
    for (const entry of fs.readdirSync(pyenv).sort().reverse()) {
      if (entry === version || entry.startsWith(`${version}.`)) {
        installed.push(path.join(pyenv, entry, 'bin', 'python3'));
      }
    }
  } catch {
    // no pyenv here
  }
  for (const bin of ['/usr/local/bin', '/usr/bin']) {
    installed.push(path.join(bin, `python${version}`));
  }
  return [...listed, ...installed].filter(file => fs.existsSync(file));
}

/**
 * A Python stack runs on its `language.version` (the one its images and CI run, the oldest it
 * claims). Unless python3 on PATH is that version, an installed one is found and named in
 * UV_PYTHON (and leads PATH) for every later command of the run; none fails, saying what is needed.
 */
export async function provisionPython(
  ctx: VariantContext,
): Promise<string | undefined> {
  const language = ctx.manifest.language;
  if (language.name !== 'python') return undefined;
  const version = String(language.version);
  const here = { cwd: ctx.serviceDir, env: process.env };
  const current = await runCommand(
    `python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])'`,
    { ...here, timeoutMs: 30_000 },
  );
  const onPath = current.code === 0 ? current.output.trim() : undefined;
  if (onPath === version) return `Python ${version} on PATH`;
  const found = pythonCandidates(version)[0];
  if (!found) {
    throw new CheckFailure(
      `the stack needs Python ${version}: python3 on PATH is ${onPath ?? 'missing'}, and none was found under VERIFY_PYTHONS, ~/.pyenv/versions, /usr/local/bin or /usr/bin (\`uv python install ${version}\` installs one)`,
    );
  }
  process.env.UV_PYTHON = found;
  process.env.PATH = `${path.dirname(found)}${path.delimiter}${process.env.PATH ?? ''}`;
  return `Python ${version} from ${found}`;
}

/** Where the harness keeps the package managers it installs, one folder per name and version. */
function toolCache(): string {
  return (
    process.env.VERIFY_TOOL_CACHE ??
    path.join(os.homedir(), '.cache', 'microservice-scaffolder', 'tools')
  );
}

/**
 * A stack whose language's toolchain does not bring its package manager names it
 * (`dependencies.manager`, e.g. uv 0.13.9). Unless that exact version is on PATH, it is installed
 * once into the tool cache and put first on PATH for every later command of the run. Python's
 * package managers come from PyPI; any other language's must already be on PATH.
 */
export async function provisionPackageManager(
  ctx: VariantContext,
): Promise<string | undefined> {
  const manager = ctx.manifest.dependencies.manager;
  if (!manager) return undefined;
  const { name, version } = manager;
  const here = { cwd: ctx.serviceDir, env: process.env };
  const reports = await runCommand(`${name} --version`, {
    ...here,
    timeoutMs: 30_000,
  });
  if (reports.code === 0 && reports.output.split(/\s+/).includes(version)) {
    return `${name} ${version} on PATH`;
  }
  const home = path.join(toolCache(), `${name}-${version}`);
  const bin = path.join(home, 'bin');
  if (!fs.existsSync(path.join(bin, name))) {
    if (ctx.manifest.language.name !== 'python') {
      throw new CheckFailure(
        `the stack needs ${name} ${version} on PATH (found: ${brief(reports.output.trim() || 'none', 80)})`,
      );
    }
    const partial = `${home}.partial-${process.pid}`;
    const install = await runCommand(
      `python3 -m pip install --disable-pip-version-check --quiet --target ${JSON.stringify(partial)} ${name}==${version}`,
      { ...here, timeoutMs: INSTALL_TIMEOUT_MS },
    );
    if (install.code !== 0) {
      throw new CheckFailure(
        `installing ${name} ${version} from PyPI failed`,
        lastLines(install.output, 20),
      );
    }
    // Whole or not at all: another run may be installing the same version.
    fs.rmSync(home, { recursive: true, force: true });
    fs.renameSync(partial, home);
  }
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  return `${name} ${version} from ${home}`;
}

export const installStep: HarnessStep = {
  name: 'install',
  async run(ctx) {
    const jdk = provisionJdk(ctx);
    await provisionPython(ctx);
    await provisionPackageManager(ctx);
    const summary = await runFactCommand(
      ctx,
      'install',
      'install',
      INSTALL_TIMEOUT_MS,
    );
    return jdk ? `${summary}; ${jdk}` : summary;
  },
};
export const lintStep = commandStep('lint', 'lint');
export const typecheckStep = commandStep('typecheck', 'typecheck');

/**
 * The test command, with DATABASE_URL and TEST_DATABASE_URL: exit 0 and a summary with N > 0
 * passed, 0 skipped. Just before it, a sentinel row goes into the development database and its
 * snapshot is kept for `test isolation`.
 */
export const testStep: HarnessStep = {
  name: 'test',
  async run(ctx) {
    const command = requiredCommand(ctx, 'test');
    try {
      ctx.beforeTest = await prepareIsolationCheck(
        await cluster(ctx),
        ctx.databaseName!,
        ctx.spec,
      );
    } catch (error) {
      ctx.beforeTest = { error: (error as Error).message };
    }
    return runTestCommand(ctx, 'test', command);
  },
};

export const testIsolationStep: HarnessStep = {
  name: 'test isolation',
  blocking: false,
  async run(ctx) {
    const before = ctx.beforeTest;
    if (!before) throw new CheckFailure('no snapshot was taken before test');
    if ('error' in before) {
      throw new CheckFailure(
        `could not put a sentinel row into the development database before test: ${before.error}`,
      );
    }
    const pg = await cluster(ctx);
    const differences = snapshotDifferences(
      before,
      await pg.snapshot(ctx.databaseName!),
    );
    if (differences.length) {
      throw new CheckFailure(
        `the test command changed the development database (DATABASE_URL ${ctx.databaseName}); it must use TEST_DATABASE_URL (${ctx.testDatabaseName})`,
        differences,
      );
    }
    // The service starts from the empty table migrations left.
    await pg.psql(ctx.databaseName!, [
      `delete from ${qualifiedName(before.table)}`,
    ]);
    const tables = Object.keys(before.tables);
    return `the development database is as before test: ${tables.length} tables (${tables.join(', ')}) with the same rows, the sentinel row in ${before.table} among them (removed now)`;
  },
};
