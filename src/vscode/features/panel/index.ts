// The side panel feature: its webview view, and the commands that drive it (search the sources, show an entity).
import * as vscode from 'vscode';
import { COMMANDS, FOCUS_PANEL, PANEL_VIEW_ID } from '../../commandIds';
import type { SourcesService } from '../../services/sources';
import { PanelViewProvider } from './panelView';

/** Registers the panel and its commands; returns the provider (tests drive it) and the disposables. */
export function registerPanel(
  extensionUri: vscode.Uri,
  sources: SourcesService,
): { panel: PanelViewProvider; disposables: vscode.Disposable[] } {
  const panel = new PanelViewProvider(extensionUri, sources);
  const focus = () => vscode.commands.executeCommand(FOCUS_PANEL);
  const disposables = [
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
    sources.onDidChange(() => void panel.refresh()),
    sources.onDidProgress(() => panel.showProgress()),
    vscode.commands.registerCommand(COMMANDS.searchSources, async (query?: string) => {
      // Without a query (the palette, a keybinding), the editor's selection is the query, if there is one.
      const editor = vscode.window.activeTextEditor;
      const selected =
        editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim().slice(0, 200) : '';
      await focus();
      panel.focusSearch(typeof query === 'string' ? query : selected || undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.showEntity, async (name?: string) => {
      await focus();
      if (typeof name === 'string') await panel.showEntity(name);
    }),
  ];
  return { panel, disposables };
}
