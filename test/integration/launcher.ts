// The module the runners point `extensionTestsPath` at. It runs the suite and writes the outcome
// to the file named by BRIEFING_TEST_RESULT, because the web workbench reports a crashed
// extension host as success. BRIEFING_TEST_LOG receives a copy of mocha's report.
import * as fs from 'fs';
import * as util from 'util';
import { runSuite } from './index';

/** The result file's content. */
interface Outcome {
  code: 0 | 1;
  passes?: number;
  failures?: number;
  error?: string;
}

/** Copies mocha's reporter output (it prints through Base.consoleLog) to `file`. */
function teeMochaOutput(file: string): void {
  const Base = require('mocha/lib/reporters/base') as { consoleLog: (...args: unknown[]) => void };
  const original = Base.consoleLog;
  fs.writeFileSync(file, '');
  Base.consoleLog = (...args: unknown[]) => {
    fs.appendFileSync(file, util.format(...args) + '\n');
    original(...args);
  };
}

/** Writes via a temp file and rename, so a reader never sees half a result. */
function writeAtomically(file: string, outcome: Outcome): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(outcome) + '\n');
  fs.renameSync(tmp, file);
}

export async function run(): Promise<void> {
  const resultFile = process.env.BRIEFING_TEST_RESULT;
  const logFile = process.env.BRIEFING_TEST_LOG;
  if (logFile) teeMochaOutput(logFile);

  let outcome: Outcome;
  try {
    const { passes, failures } = await runSuite();
    if (failures > 0)
      outcome = { code: 1, error: `${failures} of ${passes + failures} tests failed`, failures, passes };
    else if (passes === 0) outcome = { code: 1, error: 'no integration tests ran', failures, passes };
    else outcome = { code: 0, failures, passes };
  } catch (err) {
    outcome = { code: 1, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  if (resultFile) writeAtomically(resultFile, outcome);
  if (outcome.code !== 0) throw new Error(outcome.error);
}
