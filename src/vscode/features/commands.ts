// General commands: open a source, search the sources, show an entity, rebuild the index, show the log.
import * as vscode from 'vscode';
import { noIcons } from '../convert';
import type { Logger } from '../log';
import type { SourcesService } from '../services/sources';
import { openSource } from './navigation';
import type { PanelViewProvider } from './panel/panelView';

/** Registers the commands; returns their disposables. */
export function registerCommands(sources: SourcesService, panel: PanelViewProvider, log: Logger): vscode.Disposable[] {
  const focusPanel = () => vscode.commands.executeCommand('briefingDesk.panel.focus');
  return [
    vscode.commands.registerCommand('briefingDesk.openSource', async (key?: string, paragraph?: number) => {
      await sources.ready;
      let source = key ? sources.library.corpus.get(key) : undefined;
      if (!source) {
        const pick = await vscode.window.showQuickPick(
          sources.library.sources.map((s) => ({ label: noIcons(s.title), description: `@${s.key}`, detail: s.date ?? undefined, s })),
          { title: 'Open Source', placeHolder: 'Choose a source' },
        );
        source = pick?.s;
      }
      if (source) return openSource(source, paragraph);
      return undefined;
    }),
    vscode.commands.registerCommand('briefingDesk.searchSources', async (query?: string) => {
      // Without a query (the palette, a keybinding), the editor's selection is the query, if there is one.
      const editor = vscode.window.activeTextEditor;
      const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim().slice(0, 200) : '';
      await focusPanel();
      panel.focusSearch(typeof query === 'string' ? query : selected || undefined);
    }),
    vscode.commands.registerCommand('briefingDesk.showEntity', async (name?: string) => {
      await focusPanel();
      if (typeof name === 'string') await panel.showEntity(name);
    }),
    vscode.commands.registerCommand('briefingDesk.reindex', async () => {
      await sources.reload();
      vscode.window.setStatusBarMessage(`Briefing Desk: ${sources.library.sources.length} sources indexed`, 3000);
    }),
    vscode.commands.registerCommand('briefingDesk.showLog', () => log.show()),
  ];
}
