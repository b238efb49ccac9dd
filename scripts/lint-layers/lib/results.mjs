// Pass/fail bookkeeping. A check is one thing one tool examined (a file, an object, a pod
// template, …: each linter names its unit); a failed check prints one FAIL line per problem:
//   FAIL <layer> <case>/<file>[:line] <tool>/<rule>: <message>
// Failures that are no check (a crash, a minimum not met, a self-test expectation) print the
// same kind of line and count as failed too.
export class Results {
  constructor(prefix = '') {
    this.prefix = prefix;
    this.tools = new Map(); // tool -> {unit, checked, failedChecks, otherFailures}
    this.failures = []; // {layer, file, tool, rule, line}
  }

  /** The counts of a tool; `unit` names what one check is (default: files). */
  tool(name, unit) {
    if (!this.tools.has(name))
      this.tools.set(name, {
        unit: 'files',
        checked: 0,
        failedChecks: 0,
        otherFailures: 0,
      });
    const t = this.tools.get(name);
    if (unit) t.unit = unit;
    return t;
  }

  /**
   * One unit checked by one tool. `item`: a file of the service (its layer from the renderer) or
   * {file, layer}; problems: [{rule, message, line?}].
   */
  record(tool, svc, item, problems, unit) {
    const t = this.tool(tool, unit);
    t.checked++;
    if (!problems.length) return;
    t.failedChecks++;
    this.#print(tool, svc, item, problems);
  }

  /** A failure that is not a checked unit: a crash, an unmet minimum, a missed breakage. */
  fail(tool, svc, item, problems) {
    this.tool(tool).otherFailures++;
    this.#print(tool, svc, item, problems);
  }

  #print(tool, svc, item, problems) {
    const file = typeof item === 'string' ? item : item.file;
    const layer =
      (typeof item === 'string' ? undefined : item.layer) ?? svc.layerOf(file);
    for (const p of problems) {
      const where = `${svc.name}/${file}${p.line ? `:${p.line}` : ''}`;
      const message = String(p.message)
        .trim()
        .replace(/\s*\n\s*/g, ' | ')
        .slice(0, 600);
      const rule = p.rule ?? tool;
      const line = `${this.prefix}FAIL ${layer} ${where} ${tool}/${rule}: ${message}`;
      this.failures.push({ layer, file, tool, rule, line });
      console.log(line);
    }
  }

  /** Tools that failed (checks or otherwise). */
  failingTools() {
    return new Set(this.failures.map(f => f.tool));
  }

  /**
   * Prints `<tool> <version>: N <unit> checked, N failed` per tool (in `order`), then the
   * closing `N passed, N failed`; returns the number failed.
   */
  printSummary(order, versions, seconds) {
    console.log('\ntool version: units checked, failed');
    let passed = 0;
    let failed = 0;
    const rank = name =>
      order.includes(name) ? order.indexOf(name) : order.length;
    for (const [name, t] of [...this.tools].sort(
      (a, b) => rank(a[0]) - rank(b[0]),
    )) {
      const other = t.otherFailures
        ? ` (+${t.otherFailures} other failure${t.otherFailures > 1 ? 's' : ''})`
        : '';
      console.log(
        `  ${name} ${versions[name] ?? ''}: ${t.checked} ${t.unit} checked, ${t.failedChecks} failed${other}`,
      );
      passed += t.checked - t.failedChecks;
      failed += t.failedChecks + t.otherFailures;
    }
    console.log(`(${seconds.toFixed(0)}s)`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed;
  }
}
