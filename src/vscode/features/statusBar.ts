// Status bar item on Markdown briefings: sources in use, citations in this briefing, grounding problems.
import * as vscode from 'vscode';
import type { BriefingDocuments } from '../services/briefings';
import { progressText, type SourcesService } from '../services/sources';
import { FOCUS_PANEL, STATUS_ITEM_ID } from '../commandIds';
import { DIAGNOSTIC_SOURCE } from '../convert';

/** Shows indexing progress while sources are indexed, then the totals while a briefing is the active editor; click opens the panel. */
export function registerStatusBar(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Briefing Desk';
  item.command = FOCUS_PANEL;

  const refresh = () => {
    const progress = sources.progress;
    if (progress) {
      item.text = `$(sync~spin) ${progressText(progress)}`;
      item.tooltip = `Briefing Desk: ${progressText(progress)}; searches answer from what is indexed so far.`;
      item.accessibilityInformation = { label: item.tooltip };
      item.show();
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || !briefings.isBriefing(editor.document)) {
      item.hide();
      return;
    }
    const n = sources.corpus.size;
    const cites = briefings.briefing(editor.document).citations.reduce((sum, c) => sum + c.items.length, 0);
    const problems = vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
    item.text = `$(book) ${n} · $(quote) ${cites}${problems ? ` · $(warning) ${problems}` : ' · $(check)'}`;
    item.tooltip =
      `Briefing Desk: ${n} source${n === 1 ? '' : 's'} indexed, ${cites} citation${cites === 1 ? '' : 's'} in this briefing, ` +
      `${problems} grounding problem${problems === 1 ? '' : 's'}. Click to search the sources.`;
    item.accessibilityInformation = { label: item.tooltip };
    item.show();
  };

  refresh();
  return [
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.languages.onDidChangeDiagnostics(refresh),
    sources.onDidChange(refresh),
    sources.onDidProgress(refresh),
  ];
}
