// Rendering the matrix through the real renderer (render-matrix.ts, in the workspace's Node).
import { join } from 'node:path';
import { RENDER_MATRIX, ROOT } from './env.mjs';
import { run } from './pool.mjs';

const renderMatrix = argv =>
  run(
    process.execPath,
    [
      '-r',
      '@backstage/cli-node/config/nodeTransform.cjs',
      RENDER_MATRIX,
      ...argv,
    ],
    { cwd: ROOT },
  );

/** Renders the matrix (or the named cases) into `out`; returns the service directories. */
export async function render(out, extraBlueprints = [], cases = []) {
  const r = await renderMatrix([
    '--out',
    out,
    ...extraBlueprints.flatMap(b => ['--blueprints', b]),
    ...cases.flatMap(c => ['--case', c]),
  ]);
  if (r.code) throw new Error(`render-matrix failed:\n${r.err}${r.out}`);
  return r.out
    .split('\n')
    .filter(Boolean)
    .map(l => join(out, l.split('\t')[0]));
}

/** The stacks the renderer finds (the default first). */
export async function listStacks(extraBlueprints = []) {
  const r = await renderMatrix([
    '--list-stacks',
    ...extraBlueprints.flatMap(b => ['--blueprints', b]),
  ]);
  if (r.code) throw new Error(`render-matrix --list-stacks failed:\n${r.err}`);
  return r.out.split('\n').filter(Boolean);
}
