// Completion in briefings: source keys after `[@` or `; @`, paragraph numbers after `, ¶`.
import * as vscode from 'vscode';
import type { SourcesService } from '../services/sources';
import type { BriefingDocuments } from '../services/briefings';

const KEY_CONTEXT = /(?:\[(?:[^\]@\n]*?\s)?-?|;\s*-?)@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;
/** How much of the line before the cursor the completion contexts read. */
const CONTEXT_REACH = 300;
const PARAGRAPH_CONTEXT = /@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*?),\s*¶¶?\s*(\d*)$/u;

/** Registers the completion provider; returns its disposables. */
export function registerCompletion(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      if (!briefings.isBriefing(document)) return;
      // Only the end of the line can hold the context, and the patterns are bounded by reading no more of it.
      const line = document.lineAt(position.line).text;
      const before = line.slice(Math.max(0, position.character - CONTEXT_REACH), position.character);
      const para = PARAGRAPH_CONTEXT.exec(before);
      if (para) {
        const source = sources.library.corpus.get(para[1]);
        if (!source) return;
        const range = new vscode.Range(position.translate(0, -para[2].length), position);
        return source.paragraphs.map((p) => {
          const item = new vscode.CompletionItem({ label: String(p.n), description: p.section }, vscode.CompletionItemKind.Reference);
          item.detail = `¶${p.n} of ${source.title}`;
          item.documentation = new vscode.MarkdownString().appendText(p.text);
          item.filterText = `${p.n} ${p.text}`;
          item.sortText = String(p.n).padStart(5, '0');
          item.range = range;
          return item;
        });
      }
      const key = KEY_CONTEXT.exec(before);
      if (!key) return;
      const range = new vscode.Range(position.translate(0, -key[1].length), position);
      return sources.library.sources.map((s) => {
        const item = new vscode.CompletionItem({ label: s.key, description: s.date ?? undefined }, vscode.CompletionItemKind.Reference);
        item.detail = [s.title, s.date].filter(Boolean).join(' — ');
        item.documentation = new vscode.MarkdownString().appendText(s.paragraphs[0]?.text ?? '');
        item.filterText = `${s.key} ${s.title}`;
        item.range = range;
        return item;
      });
    },
  };
  return [vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, provider, '@', '¶')];
}
