// The web worker extension host's test entry (`extensionTestsPath`): one bundle (scripts/build.mjs) exporting run().
// Mocha runs from its browser build; a small reporter prints one line per test (the built-in ones need a DOM or
// Node). The outcome is also written into the workspace through workspace.fs (.briefing-web-test.json), because the
// workbench reports an extension host that died as a success; scripts/test-web.mjs reads it.
import * as vscode from 'vscode';
import { notes } from './checks';

interface MochaRunner {
  on(event: string, fn: (...args: never[]) => void): void;
}
interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  run(done: (failures: number) => void): void;
}

export const RESULT_FILE = '.briefing-web-test.json';

export async function run(): Promise<void> {
  const lines: string[] = [];
  const say = (line: string) => (lines.push(line), console.log(line));
  let passes = 0;
  let failures = 0;
  function Reporter(runner: MochaRunner): void {
    runner.on('pass', (t: { fullTitle(): string; duration?: number }) => {
      passes++;
      say(`  ✓ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t: { fullTitle(): string }, err: Error) => {
      failures++;
      say(`  ✗ ${t.fullTitle()}\n      ${err?.stack ?? err?.message ?? err}`);
    });
    runner.on('end', () => {
      for (const n of notes) say(n);
      say(`${passes} passing, ${failures} failing`);
    });
  }
  // The browser build defines the global `mocha` (and, after setup, describe/it).
  require('mocha/mocha.js');
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  mocha.setup({ ui: 'bdd', reporter: Reporter, timeout: 60_000 });
  require('./features.test');
  const failed = await new Promise<number>((resolve) => mocha.run(resolve));
  const code = failed || passes === 0 ? 1 : 0;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    const body = JSON.stringify({ code, passes, failures, log: lines.join('\n') });
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, RESULT_FILE), new TextEncoder().encode(body));
  }
  if (code) throw new Error(passes === 0 ? 'no web tests ran' : `${failures} of ${passes + failures} web tests failed`);
}
