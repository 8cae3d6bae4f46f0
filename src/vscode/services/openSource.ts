// Opening a source beside the briefing at a paragraph (bundled seeds read-only), for commands, links and the panel.
import * as vscode from 'vscode';
import type { Source } from '../../core/corpus';
import { paragraphLocation } from '../convert';

/** Opens a source at a paragraph (its first when `paragraph` is not one it has), selected and revealed. */
export async function openSource(source: Source, paragraph?: number): Promise<vscode.TextEditor> {
  const p = source.paragraphs.find((x) => x.n === paragraph) ?? source.paragraphs[0];
  const { uri, range } = await paragraphLocation(source, p);
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { selection: range, preview: true, viewColumn: vscode.ViewColumn.Beside });
}
