import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Owner {
  login: string;
  type: 'User' | 'Organization';
}

export interface RepositoryRecord {
  owner: string;
  name: string;
  private: boolean;
  description: string | null;
  topics: string[];
  protectedBranches: Record<string, object>;
}

/** Bare git repositories on disk, one folder per owner, plus what GitHub keeps beside them. */
export class RepositoryStore {
  private readonly repositories = new Map<string, RepositoryRecord>();

  constructor(
    readonly root: string,
    readonly owners: Map<string, Owner>,
  ) {}

  static key(owner: string, name: string) {
    return `${owner.toLowerCase()}/${name.toLowerCase()}`;
  }

  gitDirectory(owner: string, name: string) {
    return path.join(
      this.root,
      owner.toLowerCase(),
      `${name.toLowerCase()}.git`,
    );
  }

  get(owner: string, name: string) {
    return this.repositories.get(RepositoryStore.key(owner, name));
  }

  list() {
    return [...this.repositories.values()];
  }

  async create(record: RepositoryRecord): Promise<void> {
    const directory = this.gitDirectory(record.owner, record.name);
    await fs.mkdir(directory, { recursive: true });
    await run('git', [
      'init',
      '--quiet',
      '--bare',
      '--initial-branch=main',
      directory,
    ]);
    // Pushes over HTTP are accepted for authenticated users only (REMOTE_USER is set for them).
    await run('git', ['-C', directory, 'config', 'http.receivepack', 'true']);
    this.repositories.set(
      RepositoryStore.key(record.owner, record.name),
      record,
    );
  }

  /** Deletes a repository and its git data, as its owner can on GitHub. */
  async delete(owner: string, name: string): Promise<void> {
    this.repositories.delete(RepositoryStore.key(owner, name));
    await fs.rm(this.gitDirectory(owner, name), {
      recursive: true,
      force: true,
    });
  }

  /** A file's bytes at a ref, or undefined when the ref or file does not exist. */
  async readFile(
    owner: string,
    name: string,
    ref: string,
    filePath: string,
  ): Promise<{ content: Buffer; sha: string } | undefined> {
    const directory = this.gitDirectory(owner, name);
    try {
      const { stdout: sha } = await run('git', [
        '-C',
        directory,
        'rev-parse',
        `${ref}:${filePath}`,
      ]);
      const { stdout } = await run(
        'git',
        ['-C', directory, 'cat-file', 'blob', sha.trim()],
        { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      );
      return { content: stdout as unknown as Buffer, sha: sha.trim() };
    } catch {
      return undefined;
    }
  }

  /** The commit a ref points at, or undefined. */
  async resolveRef(owner: string, name: string, ref: string) {
    try {
      const { stdout } = await run('git', [
        '-C',
        this.gitDirectory(owner, name),
        'rev-parse',
        '--verify',
        `${ref}^{commit}`,
      ]);
      return stdout.trim();
    } catch {
      return undefined;
    }
  }

  /** The commit a ref points at with its message, or undefined. */
  async commit(owner: string, name: string, ref: string) {
    const sha = await this.resolveRef(owner, name, ref);
    if (!sha) return undefined;
    const { stdout } = await run('git', [
      '-C',
      this.gitDirectory(owner, name),
      'log',
      '-1',
      '--format=%B',
      sha,
    ]);
    return { sha, message: stdout.trimEnd() };
  }

  /** Points a new ref at a commit; false when the ref exists already (GitHub: 422). */
  async createRef(owner: string, name: string, ref: string, sha: string) {
    if (await this.resolveRef(owner, name, ref)) return false;
    // The empty old value makes git refuse a ref that appeared meanwhile.
    await run('git', [
      '-C',
      this.gitDirectory(owner, name),
      'update-ref',
      ref,
      sha,
      '',
    ]);
    return true;
  }

  /** The paths that differ between the merge base of two refs and `head` (GitHub's PR files). */
  async changedFiles(owner: string, name: string, base: string, head: string) {
    const { stdout } = await run('git', [
      '-C',
      this.gitDirectory(owner, name),
      'diff',
      '--name-only',
      `${base}...${head}`,
    ]);
    return stdout.split('\n').filter(Boolean);
  }

  /** Every path at a ref with its mode (`100644`, `100755`, …), for tests and the browser page. */
  async listFiles(owner: string, name: string, ref: string) {
    try {
      const { stdout } = await run(
        'git',
        [
          '-C',
          this.gitDirectory(owner, name),
          'ls-tree',
          '-r',
          '--full-tree',
          ref,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      return stdout
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const [meta, filePath] = line.split('\t');
          const [mode, , sha] = meta.split(' ');
          return { mode, path: filePath, sha };
        });
    } catch {
      return [];
    }
  }
}
