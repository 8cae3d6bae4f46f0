// Checks both extension hosts run with the same expected values: the Node host's integration suite
// (test/integration/sameChecks.test.ts) and the browser's web worker host (test/web/features.test.ts). Each returns
// what it saw, so a failure in one host names the difference.
import * as vscode from 'vscode';
import type { Source } from '../../src/core/corpus';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import * as assert from './assert';
import { EXPECTED } from './expected';

export { EXPECTED };

export const EXTENSION_ID = 'briefing-desk.briefing-desk';

/** Figures a test measured (activation time), printed after the run by the suite's entry. */
export const notes: string[] = [];

/** The extension's API once its first load of sources has finished. */
export async function deskApi(): Promise<BriefingDeskApi> {
  const ext = vscode.extensions.getExtension<BriefingDeskApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const desk = await ext.activate();
  await desk.sources.ready;
  return desk;
}

/**
 * The sources the extension knows (all, or those with `keys`, in that order), with their paragraph texts: asked of
 * the desk, as a hover does (the host's own copy of the sources holds no texts). Undefined where a source or its
 * texts could not be had.
 */
export async function sourcesWithTexts(a: BriefingDeskApi, keys?: string[]): Promise<Array<Source | undefined>> {
  const wanted = keys ?? a.sources.corpus.sources.map((s) => s.key);
  const view = await a.sources.withTexts(wanted);
  return wanted.map((k) => {
    const s = view.get(k);
    return s?.paragraphs.every((p) => p.text !== '') ? s : undefined;
  });
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run should open a workspace folder');
  return folder.uri;
}

/** Markdown as a reader sees it: VS Code's escapes (`&nbsp;`, `\-`) undone. */
export function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export function hoverText(hovers: vscode.Hover[]): string {
  return plain(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Briefing Desk');
}

async function openSample(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'briefings', 'sample.md'));
  return vscode.window.showTextDocument(doc);
}

/** The expected panel search, as the webview sends it, to a panel's own message handler. */
export function searchPanel(panel: BriefingDeskApi['features']['panel']) {
  return panel.handle({ type: 'search', id: 1, query: EXPECTED.search.query, keys: [], from: '', to: '', entity: '' });
}

/** Panel search through the panel's own message handler (what the webview sends). */
export async function checkPanelSearch(a: BriefingDeskApi): Promise<void> {
  await vscode.commands.executeCommand('briefingDesk.panel.focus');
  await waitFor('the panel to resolve', () => a.features.panel.resolved);
  const reply = await searchPanel(a.features.panel);
  assert.ok(reply && reply.type === 'didSearch', 'the panel answers a search');
  const first = reply.results[0];
  assert.ok(first, 'at least one result');
  assert.strictEqual(first.key, EXPECTED.search.key, 'first result');
  assert.strictEqual(first.paragraph, EXPECTED.search.paragraph, 'first result paragraph');
  assert.match(first.segments.map((s) => s.text).join(''), EXPECTED.search.text);
  assert.ok(
    first.segments.some((s) => s.match && /barak/i.test(s.text)),
    'the matched word is highlighted',
  );
}

/** A citation hover in briefings/sample.md. */
export async function checkCitationHover(): Promise<void> {
  const editor = await openSample();
  const i = editor.document.getText().indexOf('@israel-calls-india, ¶6');
  assert.ok(i >= 0, 'sample.md cites israel-calls-india ¶6');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    editor.document.uri,
    editor.document.positionAt(i + 3),
  );
  const text = hoverText(hovers);
  assert.ok(text.includes(EXPECTED.hover.title), text);
  assert.ok(text.includes(EXPECTED.hover.text), text);
  assert.match(text, /Open source/);
}

/** The misquote in briefings/sample.md is the one problem flagged. */
export async function checkMisquote(): Promise<void> {
  const editor = await openSample();
  const diags = await waitFor('diagnostics on sample.md', () => {
    const d = ourDiagnostics(editor.document.uri);
    return d.length ? d : undefined;
  });
  assert.deepStrictEqual(
    diags.map((d) => d.code),
    EXPECTED.misquote.codes,
  );
  assert.match(editor.document.getText(diags[0].range), EXPECTED.misquote.quote);
}

/** A misquote's quick fix replaces it with the closest passage text, and the diagnostic clears. */
export async function checkMisquoteFix(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: EXPECTED.fix.before });
  const editor = await vscode.window.showTextDocument(doc);
  const diag = await waitFor('a quote-not-found diagnostic', () =>
    ourDiagnostics(doc.uri).find((d) => d.code === 'quote-not-found'),
  );
  // The code actions' context carries the diagnostics the workbench holds, which can trail the extension's own
  // collection by a moment (in the browser host the diagnostics cross to the page): ask until the fix is offered.
  let offered: string[] = [];
  const fix = await waitFor(`the quick fix "${EXPECTED.fix.title}"`, async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
    );
    offered = actions.map((x) => x.title);
    return actions.find((x) => x.title === EXPECTED.fix.title && x.edit);
  }).catch((e: Error) => {
    throw new Error(`${e.message}; offered: ${offered.join(' | ')}`);
  });
  assert.ok(fix.edit);
  await vscode.workspace.applyEdit(fix.edit);
  assert.match(editor.document.getText(), EXPECTED.fix.after);
  await waitFor('the quote to check out', () => ourDiagnostics(doc.uri).length === 0);
}
