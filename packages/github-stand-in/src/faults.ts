import type { NextFunction, Request, Response } from 'express';
import { sendGithubError } from './githubErrors';

/**
 * A fault a test asks for: after the first `after` requests matching `method` and `path` (none
 * by default), the next `times` fail.
 */
export interface Fault {
  method: string;
  /** A regular expression over the request path, e.g. `^/api/v3/orgs/[^/]+/repos$`. */
  path: string;
  times: number;
  /** Matching requests let through untouched before the fault begins. */
  after?: number;
  /** Answer with this status (GitHub's error body), … */
  status?: number;
  /** … or wait this long first, … */
  delayMs?: number;
  /** … or close the connection without an answer. */
  drop?: boolean;
}

export class FaultInjector {
  private faults: Fault[] = [];

  add(fault: Fault) {
    this.faults.push({ ...fault });
  }

  clear() {
    this.faults = [];
  }

  /** How many injected failures have not happened yet: 0 once every fault has been served. */
  remaining(): number {
    return this.faults.reduce((sum, fault) => sum + fault.times, 0);
  }

  middleware() {
    return (request: Request, response: Response, next: NextFunction) => {
      const fault = this.faults.find(
        f =>
          f.times > 0 &&
          f.method.toUpperCase() === request.method &&
          new RegExp(f.path).test(request.path),
      );
      if (!fault) {
        next();
        return;
      }
      if (fault.after) {
        fault.after -= 1;
        next();
        return;
      }
      fault.times -= 1;
      const act = () => {
        // A client that went away while held (a backend killed mid-request) gets nothing.
        if (request.socket.destroyed || request.destroyed) return;
        if (fault.drop) request.socket.destroy();
        else if (fault.status) {
          sendGithubError(response, fault.status, 'Injected fault');
        } else next();
      };
      if (fault.delayMs) setTimeout(act, fault.delayMs);
      else act();
    };
  }
}
