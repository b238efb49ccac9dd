/**
 * Renders a service outside Backstage, straight through the blueprint engine: for blueprint
 * authors and the verification harness.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs scripts/render.ts \
 *     --out /tmp/orders --set name=orders-service --set auth=jwt --set tracing=true
 */
import { parseArgs } from 'node:util';
import { renderServiceToDirectory } from './lib/renderService';

const HELP = `Usage: render.ts --out DIR [--set key=value ...] [--blueprints DIR ...]

Values are the microservice:render inputs (name, owner, stack, resource, auth, metrics,
tracing, ci, deployment, repoUrl, ...); "true"/"false" become booleans.
Defaults: name=orders-service owner=group:default/team-a
repoUrl=github.com?owner=acme&repo=<name>.`;

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      blueprints: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.out) {
    process.stdout.write(`${HELP}\n`);
    process.exit(values.help ? 0 : 2);
  }
  // `--set key=value`; true and false are booleans, as the form sends them.
  const booleans: Record<string, boolean> = { true: true, false: false };
  const input: Record<string, string | boolean> = {};
  for (const assignment of values.set) {
    const [key, ...rest] = assignment.split('=');
    const value = rest.join('=');
    input[key] = booleans[value] ?? value;
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
