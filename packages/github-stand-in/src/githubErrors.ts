import type { Response } from 'express';

const DOCUMENTATION_URL = 'https://docs.github.com/rest';

/** An error body in GitHub's shape, which Octokit turns into its RequestError message. */
export function sendGithubError(
  response: Response,
  status: number,
  message: string,
  errors?: object[],
) {
  response.status(status).json({
    message,
    ...(errors && { errors }),
    documentation_url: DOCUMENTATION_URL,
    status: String(status),
  });
}
