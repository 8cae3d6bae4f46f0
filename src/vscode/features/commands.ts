// General commands: open a source, rebuild the index, show the log.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { noIcons } from '../convert';
import type { Logger } from '../log';
import { openSource } from '../services/openSource';
import type { SourcesService } from '../services/sources';

/** Registers the commands; returns their disposables. */
export function registerCommands(sources: SourcesService, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.openSource, async (key?: string, paragraph?: number) => {
      await sources.ready;
      let source = key ? sources.corpus.get(key) : undefined;
      if (!source) {
        const pick = await vscode.window.showQuickPick(
          sources.corpus.sources.map((s) => ({
            label: noIcons(s.title),
            description: `@${s.key}`,
            detail: s.date ?? undefined,
            s,
          })),
          { title: 'Open Source', placeHolder: 'Choose a source' },
        );
        source = pick?.s;
      }
      if (source) return openSource(source, paragraph);
      return undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.reindex, async () => {
      await sources.reload();
      vscode.window.setStatusBarMessage(`Briefing Desk: ${sources.corpus.size} sources indexed`, 3000);
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  ];
}
