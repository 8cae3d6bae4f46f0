// The extension-host entry of the integration suite (the `run()` module test-electron and the
// code-server runner both load): runs every *.test.js beside this file under mocha.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** What a finished run counted. */
export interface SuiteStats {
  /** Tests that passed. */
  passes: number;
  /** Tests (and hooks) that failed. */
  failures: number;
}

/** Test files below `dir`, sorted so the order is the same on every machine. */
function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(p));
    else if (entry.name.endsWith('.test.js')) found.push(p);
  }
  return found.sort();
}

/** Runs the suite and reports its counts; `BRIEFING_TEST_GREP` selects tests by title. */
export function runSuite(): Promise<SuiteStats> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 20_000,
    grep: process.env.BRIEFING_TEST_GREP || undefined,
  });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() =>
        resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }),
      );
    } catch (err) {
      reject(err);
    }
  });
}

/** test-electron's contract: resolve when every test passed, reject otherwise. */
export async function run(): Promise<void> {
  const { passes, failures } = await runSuite();
  if (failures > 0) throw new Error(`${failures} of ${passes + failures} integration tests failed`);
  if (passes === 0) throw new Error('no integration tests ran');
}
