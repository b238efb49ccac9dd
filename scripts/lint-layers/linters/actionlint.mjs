// actionlint: GitHub Actions workflows, with shellcheck on every `run:` script. actionlint skips
// the scripts silently when shellcheck is missing, so a missing shellcheck is a failure here.
import { join } from 'node:path';
import { BIN } from '../lib/env.mjs';
import { run, which } from '../lib/pool.mjs';
import { versionFrom } from '../lib/versions.mjs';

export default {
  name: 'actionlint',
  unit: 'files',
  version: () => versionFrom(join(BIN, 'actionlint'), ['-version']),
  appliesTo: svc =>
    svc.files
      .filter(f => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f))
      .map(f => svc.item(f)),
  async check(results, svc, items) {
    const shellcheck = await which('shellcheck');
    if (!shellcheck)
      throw new Error(
        'shellcheck is not on PATH: actionlint would not check the run: scripts (install-tools.sh installs it)',
      );
    const files = items.map(i => i.file);
    const r = await run(
      join(BIN, 'actionlint'),
      ['-format', '{{json .}}', '-shellcheck', shellcheck, ...files],
      { cwd: svc.dir },
    );
    let errors;
    try {
      errors = JSON.parse(r.out || '[]');
    } catch {
      errors = [{ filepath: files[0], kind: 'run', message: r.out + r.err }];
    }
    // Exit 1: problems found; anything else (or 1 with no report) means it did not run properly.
    if ((r.code !== 0 && !errors.length) || r.code > 1)
      errors.push({
        filepath: files[0],
        kind: 'run',
        message: r.err || `exit ${r.code}`,
      });
    for (const i of items)
      results.record(
        this.name,
        svc,
        i,
        errors
          .filter(
            e =>
              e.filepath === i.file ||
              (i === items[0] && !files.includes(e.filepath)),
          )
          .map(e => ({
            line: e.line && `${e.line}:${e.column}`,
            rule: e.kind,
            message: e.message,
          })),
        this.unit,
      );
  },
  // An unquoted variable in a `run:` script: only shellcheck (through actionlint) sees it.
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'layers/github-actions',
    source: 'files/.github/workflows/ci.yml.njk',
    file: '.github/workflows/ci.yml',
    rule: 'shellcheck',
    break: text => text.replace('"sha-${GITHUB_SHA}"', 'sha-$GITHUB_SHA'),
  },
};
