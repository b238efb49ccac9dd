#!/usr/bin/env bash
# Installs the API fuzzer (schemathesis, pinned with every dependency in requirements.txt) into a
# git-ignored virtualenv: $VERIFY_TOOLS/schemathesis (default .tools/ at the repository root).
# Idempotent: skipped while its stamp (hash of requirements.txt and the Python version) is present.
# Prints the path of the `st` executable. Needs Python >= 3.10 with venv (VERIFY_PYTHON, default python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
TOOLS="${VERIFY_TOOLS:-$root/.tools}"
PYTHON="${VERIFY_PYTHON:-python3}"
venv="$TOOLS/schemathesis"
mkdir -p "$TOOLS/stamps"

log() { echo "[fuzz/install] $*" >&2; }

version="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
  || { log "$PYTHON is Python $version; schemathesis needs 3.10 or newer (set VERIFY_PYTHON)"; exit 1; }
stamp="$TOOLS/stamps/schemathesis-$(sha256sum "$here/requirements.txt" | cut -c1-16)-py$version"

# Two harness runs side by side (npm test runs two) install it once: the second waits here.
exec 9>"$TOOLS/stamps/schemathesis.lock"
flock 9
if [[ ! -f "$stamp" || ! -x "$venv/bin/st" ]]; then
  start=$SECONDS
  log "installing schemathesis ($(grep -m1 '^schemathesis==' "$here/requirements.txt")) into $venv"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --require-virtualenv -r "$here/requirements.txt" >"$TOOLS/schemathesis-pip.log" 2>&1 \
    || { cat "$TOOLS/schemathesis-pip.log" >&2; log "FAILED"; exit 1; }
  rm -f "$TOOLS"/stamps/schemathesis-*
  touch "$stamp"
  log "ready in $((SECONDS - start))s"
fi
echo "$venv/bin/st"
