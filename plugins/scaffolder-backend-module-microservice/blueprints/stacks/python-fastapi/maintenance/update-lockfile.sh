#!/usr/bin/env bash
# Regenerates files/uv.lock.njk, the lockfile every generated service commits.
#
# A lockfile cannot be resolved at render time (Backstage renders offline, in seconds), so it is
# rendered from this template: pyproject.toml.njk declares the same dependencies whatever the
# options (each option's are an extra, installed only when it is on), so one lockfile fits every
# request; only the service's name and version differ, and become template values.
#
#   maintenance/update-lockfile.sh           keep the locked versions, resolve what changed in
#                                            pyproject.toml.njk (after bumping a pin)
#   maintenance/update-lockfile.sh --fresh   resolve every transitive dependency anew
#
# Needs the workspace installed (npm ci at the repository root), uv on PATH at the version of the
# stack's dependencies.manager, and a Python of its language.version (UV_PYTHON may name it). Then
# run the harness: `uv sync --locked` must pass on every variant.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stack="$(dirname "$here")"
root="$(cd "$stack/../../../../.." && pwd)"
template="$stack/files/uv.lock.njk"
fresh=false
[[ "${1:-}" == "--fresh" ]] && fresh=true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "rendering a service into $work/service" >&2
(cd "$root" && npm run -s render -- --out "$work/service" --set stack=python-fastapi \
  --set name=lockfile-template --set owner=team-a --set 'repoUrl=github.com?owner=acme&repo=lockfile-template' >&2)

cd "$work/service"
# --fresh, or no lockfile yet (an empty template renders an empty file): resolve from scratch.
if [[ "$fresh" == true || ! -s uv.lock ]]; then rm -f uv.lock; fi
echo "resolving with $(uv --version)" >&2
# Wheels for every platform a developer or CI may run on, not only this machine's.
uv lock --no-progress >&2

# The service's own entry: its name and version become template values. uv sorts packages by
# name and reads them in any order, so the entry may stay where this name put it.
sed -e 's/^name = "lockfile-template"$/name = "{{ spec.name.kebab }}"/' \
  -e '/^name = "{{ spec.name.kebab }}"$/{n;s/^version = ".*"$/version = "{{ spec.version }}"/}' \
  uv.lock > "$template"
grep -q '^name = "{{ spec.name.kebab }}"$' "$template" || { echo "the service's entry was not found in uv.lock" >&2; exit 1; }
echo "wrote $template ($(grep -c '^\[\[package\]\]' "$template") packages)" >&2
