import { spawn } from 'node:child_process';
import type { Request, Response } from 'express';

/**
 * Serves real git smart HTTP by running `git http-backend` as a CGI program: what a push to
 * github.com does, byte for byte, against the bare repositories of the store.
 */
export function serveGit(
  projectRoot: string,
  request: Request,
  response: Response,
  remoteUser: string | undefined,
) {
  const url = new URL(request.originalUrl, 'http://stand-in');
  const backend = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname).toLowerCase(),
      REQUEST_METHOD: request.method,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      REMOTE_USER: remoteUser ?? '',
      REMOTE_ADDR: request.socket.remoteAddress ?? '',
    },
  });
  request.pipe(backend.stdin);
  // Killed below, git closes its input: what the request still sends is dropped, not thrown.
  backend.stdin.on('error', () => {});
  // A client gone before its answer (a backend killed mid-push) leaves git waiting for the rest
  // of its input: stop it, as GitHub drops the request.
  response.on('close', () => {
    if (!response.writableFinished) backend.kill('SIGKILL');
  });

  // CGI output: headers, a blank line, then the body.
  let head = Buffer.alloc(0);
  let headersDone = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    headersDone = true;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const separator = line.indexOf(':');
      const name = line.slice(0, separator).trim();
      const value = line.slice(separator + 1).trim();
      if (name.toLowerCase() === 'status') {
        response.status(Number.parseInt(value, 10));
      } else {
        response.setHeader(name, value);
      }
    }
    response.write(head.subarray(end + 4));
  });
  backend.stdout.on('end', () => response.end());
  backend.on('error', () => response.status(500).end());
}
