// Small waits and openers shared by the integration tests; they run inside the extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BriefingDeskApi } from '../../src/vscode/activate';

/** The extension under test. */
export const EXTENSION_ID = 'briefing-desk.briefing-desk';

/**
 * The extension's API, once it is active and its first load of sources has finished (with the check of the files that
 * follows a load from the saved index).
 */
export async function api(): Promise<BriefingDeskApi> {
  const ext = vscode.extensions.getExtension<BriefingDeskApi>(EXTENSION_ID);
  assert.ok(ext);
  const desk = await ext.activate();
  await desk.sources.ready;
  await desk.sources.checked;
  return desk;
}

/** The folder the runner opened (a fresh copy of test/fixtures/workspace). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run should open a workspace folder');
  return folder.uri;
}

/** Opens a workspace file (path relative to the workspace) in an editor. */
export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/')));
  return vscode.window.showTextDocument(doc);
}

/** Polls `probe` until it returns a truthy value (shared with the web worker host's suite). */
export { sourcesWithTexts, waitFor } from '../web/checks';

/**
 * Prints a line into the suite's output. console.log inside the extension host reaches no terminal; mocha's reporter
 * output does (the launcher copies it to the log the runner prints), so figures go the same way.
 */
export function print(line: string): void {
  const base = require('mocha/lib/reporters/base') as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog(line);
}
