// dclint: docker-compose files against the Compose schema and dclint's default rules. Its exit
// code counts, and its report must name each file: a crash, an unparsable or an empty report fails.
import { join, resolve } from 'node:path';
import { NODE_TOOLS } from '../lib/env.mjs';
import { run } from '../lib/pool.mjs';
import { npmVersion } from '../lib/versions.mjs';

export default {
  name: 'dclint',
  unit: 'files',
  version: async () => npmVersion('dclint'),
  appliesTo: svc =>
    svc.files
      .filter(f => /(^|\/)(docker-)?compose[^/]*\.ya?ml$/.test(f))
      .map(f => svc.item(f)),
  async check(results, svc, items) {
    const r = await run(
      process.execPath,
      [
        join(NODE_TOOLS, 'node_modules/dclint/bin/dclint.cjs'),
        '-f',
        'json',
        '--color',
        'false',
        ...items.map(i => i.file),
      ],
      { cwd: svc.dir },
    );
    let reports;
    try {
      reports = JSON.parse(r.out);
      if (!Array.isArray(reports)) throw new Error('not a list of reports');
    } catch (error) {
      reports = undefined;
      const message = `unparsable report (exit ${r.code}, ${error.message}): ${r.err || r.out}`;
      for (const i of items)
        results.record(
          this.name,
          svc,
          i,
          [{ rule: 'run', message }],
          this.unit,
        );
      return;
    }
    for (const i of items) {
      const report = reports.find(
        x => x.filePath && resolve(svc.dir, x.filePath) === i.path,
      );
      const problems = report
        ? (report.messages ?? []).map(m => ({
            line: m.line,
            rule: m.rule,
            message: m.message,
          }))
        : [
            {
              rule: 'report',
              message: `dclint's report does not name ${i.file} (exit ${r.code}): ${r.err}`,
            },
          ];
      results.record(this.name, svc, i, problems, this.unit);
    }
    // Exit 0 with problems or non-zero without any: the report cannot be trusted.
    const reported = reports.some(x => x.messages?.length);
    if (r.code !== 0 && !reported)
      results.fail(this.name, svc, items[0], [
        {
          rule: 'run',
          message: `exit ${r.code} with no problem reported: ${r.err || r.out}`,
        },
      ]);
  },
  // A top-level key the Compose schema does not know.
  breakage: {
    case: { ci: 'jenkins', deployment: 'kubernetes' },
    blueprint: 'layers/local-development',
    source: 'files/docker-compose.yml.njk',
    file: 'docker-compose.yml',
    break: text => `${text.trimEnd()}\nself-test-unknown-key: true\n`,
  },
};
