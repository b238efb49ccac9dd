// Where things are: the tools folder, the blueprints, the renderer entry point, and the
// environment every linter process runs in.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(HERE, '../..');
export const TOOLS = process.env.LINT_LAYERS_TOOLS ?? join(ROOT, '.tools');
/** Go-built linters: helm, kustomize, actionlint, psa-check. */
export const BIN = join(TOOLS, 'bin');
/** npm-installed linters (tools/package.json). */
export const NODE_TOOLS = join(TOOLS, 'node');
export const BLUEPRINTS = join(
  ROOT,
  'plugins/scaffolder-backend-module-microservice/blueprints',
);
// The renderer entry point; overridable only to test this script against another checkout.
export const RENDER_MATRIX =
  process.env.LINT_LAYERS_RENDER_MATRIX ?? join(HERE, 'render-matrix.ts');

/** require() for the npm linters in NODE_TOOLS. */
export const toolRequire = createRequire(join(NODE_TOOLS, 'package.json'));

export const ENV = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH}`,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};
