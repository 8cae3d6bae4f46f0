// Quick fixes for grounding problems: closest known key, cite the source that has the quote, use the passage's text.
import * as vscode from 'vscode';
import { formatCitation } from '../../core/citations';
import { toRange } from '../convert';
import { GroundingVsDiagnostic } from './diagnostics';
import type { BriefingDocuments } from '../services/briefings';

/** Registers the code action provider; returns its disposables. */
export function registerCodeActions(briefings: BriefingDocuments): vscode.Disposable[] {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const actions: vscode.CodeAction[] = [];
      for (const diag of context.diagnostics) {
        if (!(diag instanceof GroundingVsDiagnostic)) continue;
        const g = diag.grounding;
        const data = g.data ?? {};
        // Fixes computed in core as plain data (document offsets).
        for (const f of data.fixes ?? []) {
          const a = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(document.uri, toRange(document, f.start, f.end), f.newText);
          a.diagnostics = [diag];
          a.isPreferred = f.preferred ?? false;
          actions.push(a);
        }
        if (g.code === 'unknown-key' && data.suggestedKey) {
          const a = new vscode.CodeAction(`Replace with @${data.suggestedKey}`, vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(document.uri, keyRange(document, diag.range), data.suggestedKey);
          a.diagnostics = [diag];
          a.isPreferred = true;
          actions.push(a);
        }
        if (g.code === 'quote-not-found') {
          const item = citingItem(briefings, document, data.itemStart, data.itemEnd);
          for (const f of (data.foundIn ?? []).slice(0, 3)) {
            if (!item) break;
            const a = new vscode.CodeAction(`Cite the source that contains this quote: @${f.key}, ¶${f.paragraph}`, vscode.CodeActionKind.QuickFix);
            a.edit = new vscode.WorkspaceEdit();
            a.edit.replace(document.uri, toRange(document, item.start, item.end), formatCitation([{ key: f.key, from: f.paragraph, to: f.paragraph }]).slice(1, -1));
            a.diagnostics = [diag];
            a.isPreferred = actions.length === 0;
            actions.push(a);
          }
          if (data.closest && data.quoteStart !== undefined && data.quoteEnd !== undefined) {
            const a = new vscode.CodeAction('Replace with the closest passage text', vscode.CodeActionKind.QuickFix);
            a.edit = new vscode.WorkspaceEdit();
            a.edit.replace(document.uri, toRange(document, data.quoteStart, data.quoteEnd), data.closest.text);
            a.diagnostics = [diag];
            actions.push(a);
          }
        }
      }
      return actions;
    },
  };
  return [vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] })];
}

/** The key itself within a diagnostic's range (which may include `@` or the locator). */
function keyRange(document: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const text = document.getText(range);
  const m = /@?([^\s,;\]]+)/.exec(text);
  if (!m) return range;
  const start = document.offsetAt(range.start) + m.index + (m[0].startsWith('@') ? 1 : 0);
  return toRange(document, start, start + m[1].length);
}

/** The citation item (`@key, ¶n` without brackets) a quote diagnostic refers to. */
function citingItem(briefings: BriefingDocuments, document: vscode.TextDocument, start?: number, end?: number) {
  if (start === undefined || end === undefined) return undefined;
  for (const c of briefings.citations(document)) {
    for (const it of c.items) if (it.keyStart >= start && it.keyEnd <= end) return { start: it.keyStart - 1, end: it.locator?.end ?? it.keyEnd };
  }
  return undefined;
}
