// npm-groovy-lint (CodeNarc, `recommended-jenkinsfile`, fails on warnings): the Jenkinsfile. Runs
// on the Node that runs this script (the project's Node 22 or 24; npm-groovy-lint needs >= 22.15).
import { join } from 'node:path';
import { NODE_TOOLS } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { npmVersion } from '../lib/versions.mjs';

export default {
  name: 'npm-groovy-lint',
  unit: 'files',
  version: async () => npmVersion('npm-groovy-lint'),
  appliesTo: svc => (svc.has('Jenkinsfile') ? [svc.item('Jenkinsfile')] : []),
  async check(results, svc, items) {
    const r = await run(
      process.execPath,
      [
        join(NODE_TOOLS, 'node_modules/npm-groovy-lint/lib/index.js'),
        '--noserver',
        '--output',
        'json',
        '--config',
        'recommended-jenkinsfile',
        '--failon',
        'warning',
        'Jenkinsfile',
      ],
      { cwd: svc.dir },
    );
    const problems = [];
    try {
      const json = JSON.parse(r.out.slice(r.out.indexOf('{')));
      const reported = Object.keys(json.files ?? {});
      // No report for the file means CodeNarc did not analyse it.
      if (!reported.some(f => f.endsWith('Jenkinsfile')))
        problems.push({
          rule: 'report',
          message: `the report names no Jenkinsfile (exit ${r.code}): ${r.err || r.out}`,
        });
      for (const file of Object.values(json.files ?? {}))
        for (const e of file.errors ?? [])
          if (['error', 'warning'].includes(e.severity))
            problems.push({ line: e.line, rule: e.rule, message: e.msg });
    } catch {
      problems.push({ rule: 'run', message: r.err || r.out });
    }
    if (r.code !== 0 && !problems.length)
      problems.push({
        rule: 'run',
        message: r.err || r.out || `exit ${r.code}`,
      });
    results.record(this.name, svc, items[0], problems, this.unit);
  },
  // A variable that is never used (CodeNarc UnusedVariable).
  breakage: {
    case: { ci: 'jenkins', deployment: 'kubernetes' },
    blueprint: 'layers/jenkins',
    source: 'files/Jenkinsfile.njk',
    file: 'Jenkinsfile',
    rule: 'UnusedVariable',
    break: text =>
      text.replace(
        /^void toolchain\(String step\) \{\n/m,
        match => `${match}    String unusedBySelfTest = step\n`,
      ),
  },
};
