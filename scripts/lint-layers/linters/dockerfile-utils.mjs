// dockerfile-utils (the Dockerfile language server's validator): errors and warnings.
import { readFileSync } from 'node:fs';
import { toolRequire } from '../lib/env.mjs';
import { npmVersion } from '../lib/versions.mjs';

export default {
  name: 'dockerfile-utils',
  unit: 'files',
  version: async () => npmVersion('dockerfile-utils'),
  appliesTo: svc =>
    svc.files
      .filter(
        f =>
          /(^|\/)(Dockerfile|Containerfile)[^/]*$/.test(f) &&
          !f.endsWith('.dockerignore'),
      )
      .map(f => svc.item(f)),
  async check(results, svc, items) {
    const { validate, ValidationCode } = toolRequire('dockerfile-utils');
    for (const i of items) {
      const diagnostics = validate(readFileSync(i.path, 'utf8'));
      results.record(
        this.name,
        svc,
        i,
        diagnostics.map(d => ({
          line: d.range.start.line + 1,
          rule: ValidationCode[d.code] ?? String(d.code),
          message: `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`,
        })),
        this.unit,
      );
    }
  },
  // A port that is no number. The stack under test writes the Dockerfile.
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'stack',
    file: 'Dockerfile',
    break: text => text.replace(/^EXPOSE .*$/m, 'EXPOSE http'),
  },
};
