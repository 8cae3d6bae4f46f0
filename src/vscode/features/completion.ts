// Completion in briefings: the core offers keys after `[@` and paragraphs after `, ¶`; this converts them.
import * as vscode from 'vscode';
import { completionsAt } from '../../core/features/completion';
import type { CompletionData } from '../../core/features/types';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

function toItem(c: CompletionData, range: vscode.Range): vscode.CompletionItem {
  const label = {
    label: c.label,
    detail: c.labelDetail ? `  ${c.labelDetail}` : undefined,
    description: c.description,
  };
  const item = new vscode.CompletionItem(label, vscode.CompletionItemKind.Reference);
  item.detail = c.detail;
  item.documentation = new vscode.MarkdownString().appendText(c.documentation);
  item.filterText = c.filterText;
  item.sortText = c.sortText;
  item.range = range;
  return item;
}

/** Offers citation keys and paragraph numbers in briefings. */
export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly sources: SourcesService,
    private readonly briefings: BriefingDocuments,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position) {
    if (!this.briefings.isBriefing(document)) return;
    const found = completionsAt(document.getText(), document.offsetAt(position), this.sources.corpus);
    if (!found) return;
    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    return found.items.map((c) => toItem(c, range));
  }
}

/** Registers the completion provider; returns its disposables. */
export function registerCompletion(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const provider = new CitationCompletionProvider(sources, briefings);
  return [vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, provider, '@', '¶')];
}
