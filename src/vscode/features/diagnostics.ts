// Live grounding checks: core/grounding results as diagnostics on Markdown briefings, as you type.
import * as vscode from 'vscode';
import type { GroundingDiagnostic } from '../../core/grounding';
import { onSettingChange, setting } from '../config';
import { toRange } from '../convert';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

/** The diagnostics' `source`, shown after each message. */
export const DIAGNOSTIC_SOURCE = 'Briefing Desk';

const SEVERITY: Record<GroundingDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** A VS Code diagnostic that remembers the core result it came from (for quick fixes). */
export class GroundingVsDiagnostic extends vscode.Diagnostic {
  constructor(range: vscode.Range, readonly grounding: GroundingDiagnostic) {
    super(range, grounding.message, SEVERITY[grounding.severity]);
    this.code = grounding.code;
    this.source = DIAGNOSTIC_SOURCE;
  }
}

/** Publishes diagnostics for open briefings; returns its disposables. */
export function registerDiagnostics(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('briefing-desk');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const enabled = () => setting<boolean>('diagnostics.enabled') !== false;

  const update = (document: vscode.TextDocument) => {
    if (!enabled() || !briefings.isBriefing(document)) {
      collection.delete(document.uri);
      return;
    }
    const found = briefings.diagnostics(document).map((d) => new GroundingVsDiagnostic(toRange(document, d.start, d.end), d));
    collection.set(document.uri, found);
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      update(document);
    }, setting<number>('diagnostics.delay') ?? 300));
  };
  const all = () => vscode.workspace.textDocuments.forEach(update);

  // Again once the entity index is ready, which the claim check waits for.
  const allWithEntities = () => {
    all();
    void sources.entities().then(all, () => undefined);
  };
  void sources.ready.then(allWithEntities);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      collection.delete(d.uri);
      briefings.forget(d);
    }),
    sources.onDidChange(allWithEntities),
    onSettingChange(['diagnostics.enabled', 'diagnostics.claims.enabled'], all),
    { dispose: () => timers.forEach(clearTimeout) },
  ];
}
