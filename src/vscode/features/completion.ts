// Completion in briefings: the core offers keys after `[@` and paragraphs after `, ¶`; this converts them. Texts
// come from the desk (the host's copy of the sources holds none): a paragraph list fetches its source's paragraph
// texts first; a key's opening paragraph is fetched when the item is resolved (shown beside the list).
import * as vscode from 'vscode';
import { completionContext, completionsAt } from '../../core/features/completion';
import type { CompletionData } from '../../core/features/types';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

/** A completion item that names the passage its documentation is fetched from. */
class CitationCompletionItem extends vscode.CompletionItem {
  passage: CompletionData['passage'];
}

function toItem(c: CompletionData, range: vscode.Range): CitationCompletionItem {
  const label = {
    label: c.label,
    detail: c.labelDetail ? `  ${c.labelDetail}` : undefined,
    description: c.description,
  };
  const item = new CitationCompletionItem(label, vscode.CompletionItemKind.Reference);
  item.detail = c.detail;
  if (c.documentation !== undefined) item.documentation = new vscode.MarkdownString().appendText(c.documentation);
  item.passage = c.passage;
  item.filterText = c.filterText;
  item.sortText = c.sortText;
  item.range = range;
  return item;
}

/** Offers citation keys and paragraph numbers in briefings. */
export class CitationCompletionProvider implements vscode.CompletionItemProvider<CitationCompletionItem> {
  constructor(
    private readonly sources: SourcesService,
    private readonly briefings: BriefingDocuments,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position) {
    if (!this.briefings.isBriefing(document)) return;
    const text = document.getText();
    const offset = document.offsetAt(position);
    const context = completionContext(text, offset);
    if (!context) return;
    // Paragraph items show their texts: the source's come from the desk.
    const corpus = context.kind === 'paragraph' ? await this.sources.withTexts([context.key]) : this.sources.corpus;
    const found = completionsAt(text, offset, corpus);
    if (!found) return;
    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    return found.items.map((c) => toItem(c, range));
  }

  /** A key item's opening paragraph, fetched from the desk when the item is focused in the list. */
  async resolveCompletionItem(item: CitationCompletionItem, token: vscode.CancellationToken) {
    if (!item.passage || item.documentation !== undefined) return item;
    const text = await this.sources.paragraphText(item.passage.key, item.passage.paragraph);
    if (text !== undefined && !token.isCancellationRequested) {
      item.documentation = new vscode.MarkdownString().appendText(text);
    }
    return item;
  }
}

/** Registers the completion provider; returns its disposables. */
export function registerCompletion(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const provider = new CitationCompletionProvider(sources, briefings);
  return [vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, provider, '@', '¶')];
}
