#!/usr/bin/env bash
# Regenerates files/go.mod.njk's requirements, files/go.sum and the tools module's lockfiles
# from a render of the all-on variant (every option, a field of every type). Run from the
# repository root; needs the workspace installed (npm) and the Go module proxy.
set -euo pipefail
stack="plugins/scaffolder-backend-module-microservice/blueprints/stacks/go-gin"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fields='[{"name":"code","type":"string","required":true,"unique":true,"maxLength":40},
 {"name":"notes","type":"text","maxLength":2000},{"name":"quantity","type":"integer","minimum":1,"maximum":1000},
 {"name":"unit_price","type":"decimal","required":true,"precision":10,"scale":2,"minimum":0},
 {"name":"gift_wrapped","type":"boolean","required":true,"default":false},{"name":"ship_date","type":"date"},
 {"name":"delivered_at","type":"datetime"},{"name":"warehouse_id","type":"uuid"},
 {"name":"status","type":"enum","values":["draft","placed","shipped"],"default":"draft"}]'
npm run -s render -- --out "$out/service" --set stack=go-gin --set auth=jwt --set tracing=true \
  --set metrics=true --set jwtIssuer=https://auth.example.com/ --fields "$fields"
cd "$out/service"
module="$(go list -m)"
go mod tidy
(cd tools && go mod tidy)
go build ./... && go vet -tags integration,e2e ./...
cd - >/dev/null
header='// One go.mod and go.sum for every option of the generator: modules an option that is off does
// not import stay required (`go mod tidy` would drop them; nothing else needs it).'
python3 - "$out/service/go.mod" "$stack/files/go.mod.njk" "$module" "$header" <<'PY'
import re, sys
source, target, module, header = sys.argv[1:]
text = open(source).read()
text = text.replace(f"module {module}\n", "module {{ stack.language.packageName }}\n", 1)
text = text.replace(header + "\n\n", "")  # tidy keeps the comment; it is put back once
text = re.sub(r"\ngo [0-9.]+\n", "\ngo {{ stack.language.version }}.0\n\n" + header + "\n", text, count=1)
open(target, "w").write(text)
PY
cp "$out/service/go.sum" "$stack/files/go.sum"
python3 - "$out/service/tools/go.mod" "$stack/files/tools/go.mod.njk" <<'PY'
import re, sys
source, target = sys.argv[1:]
old = open(target).read()
head = old[: old.index("\ntool (")]
text = open(source).read()
open(target, "w").write(head + text[text.index("\ntool ("):])
PY
cp "$out/service/tools/go.sum" "$stack/files/tools/go.sum"
echo "lockfiles regenerated; now: npm run verify -- --stack go-gin"
