// Front-matter problems of sources (unterminated ---, invalid YAML, a bad key, a key two files ask for): listed in the
// output channel and shown as warnings in the Problems panel on the source file itself.
import * as vscode from 'vscode';
import type { SourceFileWarning } from '../../core/corpus';
import type { Logger } from '../log';
import type { SourcesService } from '../services/sources';

/** The Problems panel entry for one warning. */
function toDiagnostic(w: SourceFileWarning): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(w.line, 0, w.line, Number.MAX_SAFE_INTEGER),
    w.message,
    vscode.DiagnosticSeverity.Warning,
  );
  d.source = 'Briefing Desk';
  d.code = 'source-front-matter';
  return d;
}

/** Keeps the source warnings in step with the corpus; returns the disposables. */
export function registerSourceWarnings(sources: SourcesService, log: Logger): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('briefingDesk.sources');
  let logged = new Set<string>();
  const update = () => {
    const byUri = new Map<string, SourceFileWarning[]>();
    for (const w of sources.corpus.warnings) byUri.set(w.uri, [...(byUri.get(w.uri) ?? []), w]);
    collection.clear();
    const now = new Set<string>();
    for (const [uri, list] of byUri) {
      const parsed = vscode.Uri.parse(uri);
      collection.set(parsed, list.map(toDiagnostic));
      for (const w of list) {
        const line = `${parsed.fsPath || uri}:${w.line + 1}: ${w.message}`;
        if (!logged.has(line)) log.warn(line);
        now.add(line);
      }
    }
    logged = now;
  };
  void sources.ready.then(update);
  return [collection, sources.onDidChange(update)];
}
