// zizmor: security findings in GitHub Actions workflows (template injection, unpinned actions,
// credential persistence, excessive permissions, cache poisoning, …), offline, at its default
// persona and confidence: the findings the generated CI's own zizmor step would fail on.
import { join } from 'node:path';
import { BIN } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { versionFrom } from '../lib/versions.mjs';

/** The file and 1-based line of a finding's primary location. */
function primaryLocation(finding) {
  const primary =
    finding.locations.find(l => l.symbolic?.kind === 'Primary') ??
    finding.locations[0];
  const key = primary?.symbolic?.key?.Local ?? {};
  const row = primary?.concrete?.location?.start_point?.row;
  return {
    file: key.given_path ?? key.verbatim_path,
    line: row === undefined ? undefined : String(row + 1),
  };
}

export default {
  name: 'zizmor',
  unit: 'files',
  version: () => versionFrom(join(BIN, 'zizmor'), ['--version']),
  appliesTo: svc =>
    svc.files
      .filter(f => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f))
      .map(f => svc.item(f)),
  async check(results, svc, items) {
    const files = items.map(i => i.file);
    const r = await run(
      join(BIN, 'zizmor'),
      ['--offline', '--no-progress', '--format', 'json', ...files],
      { cwd: svc.dir },
    );
    let findings;
    try {
      findings = JSON.parse(r.out || 'null');
    } catch {
      findings = null;
    }
    // Exit 0: no findings; 10 + the highest severity: findings; anything else: it did not run.
    const ran = Array.isArray(findings) && (r.code === 0 || r.code >= 10);
    for (const i of items) {
      const problems = ran
        ? findings
            .map(f => ({ f, where: primaryLocation(f) }))
            .filter(({ where }) => where.file === i.file)
            .map(({ f, where }) => ({
              line: where.line,
              rule: f.ident,
              message: `${f.desc} (${f.determinations?.severity ?? '?'})`,
            }))
        : [{ rule: 'run', message: r.err || r.out || `exit ${r.code}` }];
      if (ran && r.code !== 0 && !problems.length && i === items[0])
        problems.push({
          rule: 'run',
          message: `exit ${r.code} with no finding`,
        });
      results.record(this.name, svc, i, problems, this.unit);
    }
  },
  // An action pinned to a tag, which can be moved to other code: only zizmor checks pins.
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'layers/github-actions',
    source: 'files/.github/workflows/ci.yml.njk',
    file: '.github/workflows/ci.yml',
    rule: 'unpinned-uses',
    break: text =>
      text.replace(
        'docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1',
        'docker/setup-buildx-action@v3',
      ),
  },
};
