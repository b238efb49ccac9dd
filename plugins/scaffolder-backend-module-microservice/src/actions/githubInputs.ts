// The zod the scaffolder hands to action schemas.
import type { z as zodV3 } from 'zod/v3';

type Zod = typeof zodV3;

/** The inputs naming a GitHub repository, shared by the microservice:github:* actions. */
export const githubRepositoryInputs = {
  repoUrl: (z: Zod) =>
    z
      .string()
      .describe(
        'Repository location, e.g. github.com?owner=acme&repo=orders-service',
      ),
  token: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'A token to use instead of the integration’s (as for publish:github)',
      ),
};

/** The HTTP status of an Octokit error, or undefined for anything else (network, …). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
