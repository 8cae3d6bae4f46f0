// Quick fixes for grounding problems: the core puts them in each diagnostic's `data.fixes`; this converts them.
import * as vscode from 'vscode';
import type { DiagnosticFix } from '../../core/grounding';
import { GroundingVsDiagnostic, toRange } from '../convert';

function toAction(document: vscode.TextDocument, diag: vscode.Diagnostic, fix: DiagnosticFix): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, toRange(document, fix.start, fix.end), fix.newText);
  action.diagnostics = [diag];
  action.isPreferred = fix.preferred === true;
  return action;
}

/** Offers each of our diagnostics' fixes, as they are. */
export class GroundingFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext) {
    return context.diagnostics
      .filter((d): d is GroundingVsDiagnostic => d instanceof GroundingVsDiagnostic)
      .flatMap((d) => (d.grounding.data?.fixes ?? []).map((fix) => toAction(document, d, fix)));
  }
}

/** Registers the code action provider; returns its disposables. */
export function registerCodeActions(): vscode.Disposable[] {
  const kinds = { providedCodeActionKinds: GroundingFixProvider.kinds };
  return [vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new GroundingFixProvider(), kinds)];
}
