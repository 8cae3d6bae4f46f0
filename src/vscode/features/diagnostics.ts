// Live grounding checks: the core's findings as diagnostics on Markdown briefings, as you type.
import * as vscode from 'vscode';
import { onSettingChange, setting } from '../config';
import { toDiagnostic } from '../convert';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

/** What the checks are told rather than look up. */
export interface DiagnosticsOptions {
  /** Whether checks are on. */
  enabled: () => boolean;
  /** Milliseconds to wait after typing stops. */
  delay: () => number;
}

/** Publishes diagnostics for open briefings; returns its disposables. */
export function watchDiagnostics(
  sources: SourcesService,
  briefings: BriefingDocuments,
  options: DiagnosticsOptions,
): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('briefing-desk');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const update = async (document: vscode.TextDocument) => {
    if (!options.enabled() || !briefings.isBriefing(document)) {
      collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const found = await briefings.diagnostics(document);
    // A later edit (or closing the document) overtook this check: its own check publishes.
    if (document.isClosed || document.version !== version || !options.enabled()) return;
    collection.set(
      document.uri,
      found.map((d) => toDiagnostic(document, d)),
    );
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void update(document);
      }, options.delay()),
    );
  };
  const all = () => vscode.workspace.textDocuments.forEach((d) => void update(d));

  // Again once the entity index is ready, which the claim check waits for.
  const allWithEntities = () => {
    all();
    void sources.entities().then(all, () => undefined);
  };
  void sources.ready.then(allWithEntities);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => void update(d)),
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

/** Registers the live checks with their settings; returns the disposables. */
export function registerDiagnostics(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  return watchDiagnostics(sources, briefings, {
    enabled: () => setting<boolean>('diagnostics.enabled') !== false,
    delay: () => setting<number>('diagnostics.delay') ?? 300,
  });
}
