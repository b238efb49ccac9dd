/**
 * fuzz: schemathesis against the booted service, from the committed OpenAPI document (never the
 * served one), `--checks all`, a bounded number of examples per operation, a time budget, and a
 * bearer token minted by the harness when auth is on. Fails on any failure or error; reports the
 * operations tested, the test cases generated, the failures by check and the seed that replays it.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CheckFailure } from '../common';
import { Suite } from '../conformance/suite';
import {
  describeFuzzReport,
  failureSections,
  FUZZ_TIME_LIMIT_S,
  fuzzArguments,
  fuzzerExecutable,
  fuzzProblems,
  readFuzzReport,
  shellQuote,
  type FuzzReport,
} from '../fuzz/fuzzer';
import { lastLines, runCommand } from '../processes';
import { conformanceTarget } from './conformance';
import type { HarnessStep } from './step';

export const fuzzStep: HarnessStep = {
  name: 'fuzz',
  blocking: false,
  async run(ctx) {
    const st = await fuzzerExecutable(ctx.serviceDir);
    const seed = randomInt(1, 2 ** 31);
    const document = path.join(ctx.serviceDir, ctx.spec.api.documentFile);
    const reportFile = path.join(ctx.logDir, 'fuzz-report.json');
    fs.rmSync(reportFile, { force: true });
    const token =
      ctx.spec.auth === 'jwt'
        ? new Suite(conformanceTarget(ctx)).token()
        : undefined;
    const args = fuzzArguments({
      document,
      baseUrl: ctx.baseUrl,
      seed,
      reportFile,
      token,
    });
    const command = [st, ...args].map(shellQuote).join(' ');
    // The token stays out of the logs: the replay line names where it comes from instead.
    const shown = token ? command.split(token).join('$TOKEN') : command;
    const tokenNote = token
      ? `   # TOKEN: HS256 with .env's JWT_SECRET, scope ${ctx.spec.api.writeScope}`
      : '';
    const replay = `replay (seed ${seed}): ${shown}${tokenNote}`;
    const logFile = path.join(ctx.logDir, 'fuzz.log');
    fs.writeFileSync(logFile, `$ ${shown}\n`);
    const result = await runCommand(command, {
      cwd: ctx.logDir,
      env: process.env,
      timeoutMs: FUZZ_TIME_LIMIT_S * 1000,
      logFile,
    });
    let report: FuzzReport;
    try {
      report = readFuzzReport(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
    } catch (error) {
      throw new CheckFailure(
        result.timedOut
          ? `schemathesis exceeded its time limit of ${FUZZ_TIME_LIMIT_S}s (killed, seed ${seed})`
          : `schemathesis wrote no report (exit ${result.code}, seed ${seed}): ${(error as Error).message}`,
        [
          replay,
          `log: ${logFile}${ctx.keepHint}`,
          ...lastLines(result.output, 40).map(l => `| ${l}`),
        ],
      );
    }
    const figures = describeFuzzReport(report);
    const problems = fuzzProblems(report);
    if (problems.length || result.code !== 0) {
      const died = await ctx.serviceDied('while being fuzzed');
      throw new CheckFailure(
        `${report.testCases.uniqueFailures} unique failure(s) in ${figures}, seed ${seed}`,
        [
          ...(died ? [died.message] : []),
          ...problems,
          ...(problems.length ? [] : [`exit ${result.code}`]),
          replay,
          `log: ${logFile}${ctx.keepHint}`,
          ...failureSections(result.output).map(l => `| ${l}`),
        ],
      );
    }
    return `${figures}, no failure; seed ${seed}`;
  },
};
