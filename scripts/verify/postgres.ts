/**
 * A private PostgreSQL cluster for one harness run: initdb in a temp dir, trust auth, loopback
 * only, a free port, fsync off. `initdb` refuses to run as root, so as root the server runs as
 * the `postgres` user (through runuser). Installs Debian's `postgresql` package when no
 * `initdb` is found.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './network';
import { runCommand } from './processes';

const ROLE = 'app';
const PASSWORD = 'app';

export type Say = (line: string) => void;

/** Every table of a database outside PostgreSQL's own schemas: its row count and a digest of its rows. */
export interface DatabaseSnapshot {
  tables: Record<string, { rows: number; digest: string }>;
}

export interface ColumnInfo {
  name: string;
  /** information_schema's data_type, e.g. `uuid`, `character varying`, `timestamp with time zone`. */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

/** A SQL identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `schema.table` as a quoted SQL name. */
export function qualifiedName(table: string): string {
  const [schema, name] = table.split('.');
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder holding initdb/pg_ctl/psql: PATH first, then Debian's /usr/lib/postgresql/<v>/bin. */
function findBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const initdb = path.join(dir, 'initdb');
    if (dir && isExecutable(initdb))
      return path.dirname(fs.realpathSync(initdb));
  }
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter(v => isExecutable(path.join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0
    ? path.join(debian, versions[0], 'bin')
    : undefined;
}

async function installDebianPostgres(say: Say): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'PostgreSQL (initdb) is not installed and this is not root: run `apt-get install -y postgresql` first',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const command of [
    'apt-get update',
    'apt-get -o DPkg::Lock::Timeout=300 install -y postgresql',
  ]) {
    say(`PostgreSQL: initdb not found; running \`${command}\``);
    const result = await runCommand(command, {
      cwd: os.tmpdir(),
      env,
      timeoutMs: 15 * 60_000,
    });
    if (result.code !== 0) {
      throw new Error(
        `\`${command}\` failed (exit ${result.code}):\n${result.output.slice(-3000)}`,
      );
    }
  }
}

export class PostgresCluster {
  private stopped = false;

  private constructor(
    readonly binDir: string,
    readonly directory: string,
    readonly port: number,
    private readonly asUser: string | undefined,
  ) {}

  /** Runs a PostgreSQL server binary, as the postgres user when we are root. */
  private static serverCommand(
    binDir: string,
    asUser: string | undefined,
    program: string,
    args: string[],
  ): [string, string[]] {
    const binary = path.join(binDir, program);
    return asUser
      ? ['runuser', ['-u', asUser, '--', binary, ...args]]
      : [binary, args];
  }

  static async start(say: Say): Promise<PostgresCluster> {
    let binDir = findBinDir();
    if (!binDir) {
      await installDebianPostgres(say);
      binDir = findBinDir();
      if (!binDir)
        throw new Error('installed postgresql, but still no initdb found');
    }
    const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-pg-'));
    if (asUser) {
      const uid = Number(execFileSync('id', ['-u', asUser]).toString());
      const gid = Number(execFileSync('id', ['-g', asUser]).toString());
      fs.chownSync(directory, uid, gid);
    }
    const port = await freePort();
    const cluster = new PostgresCluster(binDir, directory, port, asUser);
    const data = path.join(directory, 'data');
    const run = (program: string, args: string[]) => {
      const [file, argv] = PostgresCluster.serverCommand(
        binDir,
        asUser,
        program,
        args,
      );
      execFileSync(file, argv, { stdio: 'pipe', timeout: 120_000 });
    };
    try {
      run('initdb', [
        '-D',
        data,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]);
      run('pg_ctl', [
        '-D',
        data,
        '-l',
        path.join(directory, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
        'start',
      ]);
    } catch (error) {
      cluster.stop();
      const log = path.join(directory, 'server.log');
      const detail = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(
        `could not start PostgreSQL from ${binDir}: ${(error as Error).message}\n${detail}${
          fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''
        }`,
      );
    }
    await cluster.psql('postgres', [
      `create role ${ROLE} login password '${PASSWORD}'`,
    ]);
    say(
      `PostgreSQL: ${path.basename(path.dirname(binDir))} from ${binDir} on 127.0.0.1:${port} (data in ${data}${asUser ? `, running as ${asUser}` : ''})`,
    );
    return cluster;
  }

  private psqlBinary(): string {
    const own = path.join(this.binDir, 'psql');
    return isExecutable(own) ? own : 'psql';
  }

  /** Runs SQL statements as the superuser; returns psql's unaligned, tuples-only output. */
  async psql(database: string, statements: string[]): Promise<string> {
    const args = [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-d',
      database,
      '-v',
      'ON_ERROR_STOP=1',
      '-X',
      '-A',
      '-t',
      '-q',
      ...statements.flatMap(sql => ['-c', sql]),
    ];
    try {
      return execFileSync(this.psqlBinary(), args, {
        stdio: 'pipe',
        timeout: 60_000,
      }).toString();
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`psql failed: ${statements.join('; ')}: ${stderr}`);
    }
  }

  /** A fresh database owned by an ordinary (non-superuser) role; returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await this.psql('postgres', [
      `drop database if exists "${name}"`,
      `create database "${name}" owner ${ROLE}`,
    ]);
    return `postgresql://${ROLE}:${PASSWORD}@127.0.0.1:${this.port}/${name}`;
  }

  /** Tables outside PostgreSQL's own schemas, as `schema.table`, sorted. */
  async tables(database: string): Promise<string[]> {
    const output = await this.psql(database, [
      "select table_schema || '.' || table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') order by 1",
    ]);
    return output.split('\n').filter(line => line.trim() !== '');
  }

  /** Row counts and content digests of every table: equal snapshots mean the data is untouched. */
  async snapshot(database: string): Promise<DatabaseSnapshot> {
    const tables = await this.tables(database);
    if (tables.length === 0) return { tables: {} };
    const query = tables
      .map(
        table =>
          `select ${quoteLiteral(table)}, count(*), coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') from ${qualifiedName(table)} t`,
      )
      .join(' union all ');
    const output = await this.psql(database, [query]);
    const snapshot: DatabaseSnapshot = { tables: {} };
    for (const line of output.split('\n').filter(l => l.trim() !== '')) {
      const [table, rows, digest] = line.split('|');
      snapshot.tables[table] = { rows: Number(rows), digest };
    }
    return snapshot;
  }

  /** The columns of `schema.table`, in order. */
  async columns(database: string, table: string): Promise<ColumnInfo[]> {
    const [schema, name] = table.split('.');
    const output = await this.psql(database, [
      `select column_name, data_type, is_nullable, column_default is not null or is_identity = 'YES' or is_generated = 'ALWAYS' from information_schema.columns where table_schema = ${quoteLiteral(schema)} and table_name = ${quoteLiteral(name)} order by ordinal_position`,
    ]);
    return output
      .split('\n')
      .filter(line => line.trim() !== '')
      .map(line => {
        const [column, type, nullable, hasDefault] = line.split('|');
        return {
          name: column,
          type,
          nullable: nullable === 'YES',
          hasDefault: hasDefault === 't',
        };
      });
  }

  /**
   * Refuses (false) or allows again (true) new connections to a database, and ends the ones it
   * has: to its clients, the database is gone. Only that database is touched.
   */
  async setConnectionsAllowed(
    database: string,
    allowed: boolean,
  ): Promise<void> {
    await this.psql('postgres', [
      `alter database ${quoteIdentifier(database)} with allow_connections ${allowed}`,
      ...(allowed
        ? []
        : [
            `select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = ${quoteLiteral(database)} and pid <> pg_backend_pid()`,
          ]),
    ]);
  }

  /** Stops the server and removes its files. Synchronous, so it also works in the exit path. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const data = path.join(this.directory, 'data');
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      const [file, argv] = PostgresCluster.serverCommand(
        this.binDir,
        this.asUser,
        'pg_ctl',
        ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'],
      );
      try {
        execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
      } catch {
        // Already down, or pg_ctl failed: the directory goes anyway.
      }
    }
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}
