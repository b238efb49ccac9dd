#!/usr/bin/env bash
# The layer-lint command (`npm run lint:layers`): installs the pinned linters into .tools/ if missing,
# renders every stack (and the fixture stacks) × CI × deployment with the real renderer, checks the
# layer rules, lints every file the layers write,
# and runs the self-test (each tool must catch its own deliberately broken layer file). Options go to main.mjs:
#   --self-test      only the self-test        --no-self-test   only the matrix
#   --keep DIR       keep the rendered services in DIR        --case NAME   one matrix case (repeatable)
#   --lint-only DIR...   lint services already rendered by render-matrix.ts     --jobs N   processes at a time
#   --blueprints DIR     extra blueprint folders (stacks/*, layers/*), loaded last (repeatable)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/install-tools.sh"
cd "$here/../.."
# The renderer runs from the workspace: a clean clone needs `npm ci` at the root first.
[[ -d node_modules/@backstage/cli-node ]] || { echo "lint:layers: run 'npm ci' at the repository root first" >&2; exit 1; }
exec node "$here/main.mjs" "$@"
