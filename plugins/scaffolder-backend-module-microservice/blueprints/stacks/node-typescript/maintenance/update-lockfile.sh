#!/usr/bin/env bash
# Regenerates files/package-lock.json.njk, the lockfile every generated service commits.
#
# A lockfile cannot be resolved at render time (Backstage renders offline, in seconds), so it is
# rendered from this template: package.json.njk lists the same dependencies whatever the options
# (an option's dependencies are always installed and loaded only when it is on), so one lockfile
# fits every request; only the service's name and version differ, and become template values.
#
#   maintenance/update-lockfile.sh           keep the locked versions, resolve what changed in
#                                            package.json.njk (after bumping a pin)
#   maintenance/update-lockfile.sh --fresh   resolve every transitive dependency anew
#
# Needs the workspace installed (npm ci at the repository root) and Node.js with npm 11 on PATH
# (the stack's language.version; .tools/node-v24.* here). Then run the harness: npm ci must pass
# on every variant.
#
# Pins held back on purpose: typescript stays on 6.0.x while typescript-eslint's peer range
# (typescript <6.1.0 in 8.74) does not include 7; move both together.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stack="$(dirname "$here")"
root="$(cd "$stack/../../../../.." && pwd)"
template="$stack/files/package-lock.json.njk"
fresh=false
[[ "${1:-}" == "--fresh" ]] && fresh=true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "rendering a service with every option on into $work/service" >&2
(cd "$root" && npm run -s render -- --out "$work/service" --set stack=node-typescript \
  --set name=lockfile-template --set owner=team-a --set 'repoUrl=github.com?owner=acme&repo=lockfile-template' \
  --set auth=jwt --set tracing=true --set metrics=true >&2)

cd "$work/service"
if [[ "$fresh" == true ]]; then rm -f package-lock.json; fi
echo "resolving with npm $(npm --version) (node $(node --version))" >&2
npm install --package-lock-only --ignore-scripts --no-audit --no-fund >&2

node --input-type=module - "$template" <<'NODE'
import { readFileSync, writeFileSync } from 'node:fs';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const root = lock.packages[''];
lock.name = root.name = '{{ spec.name.kebab }}';
lock.version = root.version = '{{ spec.version }}';
root.engines = { node: '>={{ stack.language.version }}' };
writeFileSync(process.argv[2], `${JSON.stringify(lock, null, 2)}\n`);
NODE
echo "wrote $template ($(grep -c '"node_modules/' "$template") packages)" >&2
