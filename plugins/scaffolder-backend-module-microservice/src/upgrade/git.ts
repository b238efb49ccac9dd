import { execFile } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Git = (
  args: string[],
  options?: { allowFailure?: boolean },
) => Promise<GitResult>;

/**
 * Runs the git CLI in `cwd`, authenticated to the remote with `token` as GitHub's
 * `x-access-token` user. The header goes through git's environment configuration, never the
 * command line (which other users of the machine can read), and is cut from every error.
 */
export function gitIn(options: {
  cwd: string;
  token: string;
  author: { name: string; email: string };
}): Git {
  const { cwd, token, author } = options;
  const header = `Authorization: Basic ${Buffer.from(
    `x-access-token:${token}`,
  ).toString('base64')}`;
  const env = {
    ...process.env,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: header,
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  const redact = (text: string) =>
    text.split(token).join('***').split(header).join('***');

  return (args, { allowFailure = false } = {}) =>
    new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        { cwd, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error
            ? Number((error as { code?: unknown }).code ?? 1)
            : 0;
          if (error && !allowFailure) {
            reject(
              new Error(
                `git ${args[0]} failed (${code}): ${redact(String(stderr || error.message)).trim()}`,
              ),
            );
            return;
          }
          resolve({
            code,
            stdout: String(stdout),
            stderr: redact(String(stderr)),
          });
        },
      );
    });
}
