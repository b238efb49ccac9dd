/**
 * Renders a service outside Backstage, straight through the blueprint engine: for blueprint
 * authors and the verification harness.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs scripts/render.ts \
 *     --out /tmp/orders --set name=orders-service --set auth=jwt --set tracing=true \
 *     --fields '[{"name":"title","type":"string","required":true}]'
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { renderServiceToDirectory } from './lib/renderService';

const HELP = `Usage: render.ts --out DIR [--set key=value ...] [--fields JSON|@FILE] [--blueprints DIR ...]

Values are the microservice:render inputs (name, owner, stack, resource, auth, metrics,
tracing, ci, deployment, repoUrl, ...); "true"/"false" and whole numbers become booleans and
numbers. --fields is the resource's field list as JSON, or @file holding it.
Defaults: name=orders-service owner=group:default/team-a
repoUrl=github.com?owner=acme&repo=<name>.`;

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      fields: { type: 'string' },
      blueprints: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.out) {
    process.stdout.write(`${HELP}\n`);
    process.exit(values.help ? 0 : 2);
  }
  // `--set key=value`; booleans and whole numbers are typed, as the form sends them.
  const booleans: Record<string, boolean> = { true: true, false: false };
  const input: Record<string, unknown> = {};
  for (const assignment of values.set) {
    const [key, ...rest] = assignment.split('=');
    const value = rest.join('=');
    input[key] =
      booleans[value] ?? (/^\d+$/.test(value) ? Number(value) : value);
  }
  if (values.fields) {
    input.fields = JSON.parse(
      values.fields.startsWith('@')
        ? fs.readFileSync(values.fields.slice(1), 'utf8')
        : values.fields,
    );
  }
  const service = await renderServiceToDirectory({
    input,
    outputDirectory: values.out,
    extraBlueprintDirectories: values.blueprints,
  });
  process.stdout.write(
    `Rendered ${service.files.length} files (stack ${service.stack}; layers ${service.layers.join(', ')}) into ${values.out}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
