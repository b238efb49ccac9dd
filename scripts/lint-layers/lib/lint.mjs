// Runs the linters over rendered services: first every linter of layer files and the producers
// of derived manifests (kustomize build, helm template), then the manifest linters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Service } from './service.mjs';

async function lintService(results, linters, dir, work) {
  const svc = new Service(dir, work);
  // A linter that crashes is a failure too, and must not stop the others.
  const runLinter = linter =>
    Promise.resolve()
      .then(async () => {
        results.tool(linter.name, linter.unit);
        const items = linter.appliesTo(svc);
        if (items.length) await linter.check(results, svc, items);
      })
      .catch(error =>
        results.fail(
          linter.name,
          svc,
          { file: '(service)', layer: 'lint-layers' },
          [{ rule: 'crash', message: error.stack ?? String(error) }],
        ),
      );
  await Promise.all(
    linters.filter(l => l.stage !== 'manifests').map(runLinter),
  );
  await Promise.all(
    linters.filter(l => l.stage === 'manifests').map(runLinter),
  );
}

/** Lints every service directory (rendered by render-matrix.ts) into `results`. */
export async function lintAll(results, linters, dirs) {
  const work = mkdtempSync(join(tmpdir(), 'lint-layers-work-'));
  try {
    await Promise.all(
      dirs.map(d => lintService(results, linters, resolve(d), work)),
    );
  } finally {
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
  return results;
}

/** A tool that checked fewer units than its minimum over a whole matrix is a failure. */
export function enforceMinimums(results, linters) {
  for (const linter of linters) {
    const minimum = linter.minimum ?? 1;
    const checked = results.tool(linter.name, linter.unit).checked;
    if (checked < minimum)
      results.fail(
        linter.name,
        { name: 'matrix' },
        { file: '(all services)', layer: 'lint-layers' },
        [
          {
            rule: 'minimum',
            message: `${checked} ${linter.unit} checked, at least ${minimum} expected: the tool examined nothing it should have`,
          },
        ],
      );
  }
}
