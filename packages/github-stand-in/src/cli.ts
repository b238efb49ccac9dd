/**
 * Starts the GitHub stand-in for local trial: `npm start` runs it beside the backend when no
 * GITHUB_TOKEN is set. Settings come from the environment so app-config.yaml can share them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGithubStandIn } from './githubStandIn';

async function main() {
  const dataDirectory =
    process.env.GITHUB_STAND_IN_DATA ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'github-stand-in-'));
  const standIn = await startGithubStandIn({
    dataDirectory,
    token: process.env.GITHUB_STAND_IN_TOKEN ?? 'stand-in-token',
    login: process.env.GITHUB_STAND_IN_LOGIN ?? 'backstage-dev',
    organizations: (process.env.GITHUB_STAND_IN_ORGS ?? 'acme').split(','),
    port: Number(process.env.GITHUB_STAND_IN_PORT ?? 7080),
  });
  process.stdout.write(
    `GitHub stand-in at ${standIn.url} (REST ${standIn.apiBaseUrl}); repositories in ${dataDirectory}\n`,
  );
  const stop = () => standIn.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
