/**
 * The probes: liveness answers while the process runs; readiness asks the database and answers
 * 503 (never an exit) while it does not answer, so an orchestrator stops routing to this replica
 * until it can serve again.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { methodNotAllowed } from './problems.ts';
import { z } from './zod.ts';

/** How long readiness waits for the database before it says no. */
const READINESS_TIMEOUT_MS = 2000;

export const HealthSchema = z
  .object({ status: z.enum(['ok', 'unavailable']) })
  .openapi('Health', { description: 'Whether the process (liveness) or the service (readiness) can serve' });

async function databaseAnswers(pool: Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([pool.query('select 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(pool: Pool, paths: { liveness: string; readiness: string }): Router {
  const router = Router({ caseSensitive: true });
  router
    .route(paths.liveness)
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed('GET'));
  router
    .route(paths.readiness)
    .get(async (_req, res) => {
      const ready = await databaseAnswers(pool);
      res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable' });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
