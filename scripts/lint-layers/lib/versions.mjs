// Version lookups for the summary lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, NODE_TOOLS } from './env.mjs';
import { run } from './pool.mjs';

/** The first version-looking string a command prints. */
export async function versionFrom(cmd, argv, re = /(\d+\.\d+\.\d+)/) {
  const r = await run(cmd, argv);
  return (re.exec(r.out + r.err) ?? [undefined, '?'])[1];
}

/** The installed version of an npm linter (tools/package.json). */
export function npmVersion(pkg) {
  return JSON.parse(
    readFileSync(join(NODE_TOOLS, 'node_modules', pkg, 'package.json'), 'utf8'),
  ).version;
}

/** A pin from install-tools.sh, e.g. pinned('HELM_VERSION'). */
export function pinned(name) {
  const installer = readFileSync(join(HERE, 'install-tools.sh'), 'utf8');
  return new RegExp(`^${name}=(\\S+)`, 'm').exec(installer)?.[1] ?? '?';
}
