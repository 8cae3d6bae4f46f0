// Converters at the seam between core plain data (offsets, diagnostics, fixes) and VS Code positions, URIs and types.
import * as vscode from 'vscode';
import type { Paragraph, Source } from '../core/corpus';
import type { GroundingDiagnostic } from '../core/grounding';
import { LineIndex } from '../core/text/positions';

/** A VS Code range for document offsets `[start, end)`. */
export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** Ranges of offsets in a text that is not open as a document (one line index, many ranges). */
export function rangesInText(text: string): (start: number, end: number) => vscode.Range {
  const lines = new LineIndex(text);
  const pos = (offset: number) => {
    const p = lines.positionAt(offset);
    return new vscode.Position(p.line, p.column);
  };
  return (start, end) => new vscode.Range(pos(start), pos(end));
}

/** Scheme of the read-only documents that show bundled seeds. */
export const SEED_SCHEME = 'briefing-seed';

/** Scheme of the read-only documents that show the text extracted from web pages, PDFs and Word files. */
export const EXTRACT_SCHEME = 'briefing-extract';

/** The read-only view of a non-text source: its own path (for the tab title), the original URI in the query. */
export function extractUri(source: Source): vscode.Uri {
  const original = vscode.Uri.parse(source.uri);
  return vscode.Uri.from({ scheme: EXTRACT_SCHEME, path: original.path, query: source.uri });
}

/**
 * The URI a source opens at: bundled seeds read-only under our scheme, web pages, PDFs and Word files as their
 * extracted text (read-only), other workspace sources as themselves.
 */
export function sourceUri(source: Source): vscode.Uri {
  if (source.format && source.format !== 'text') return extractUri(source);
  const uri = vscode.Uri.parse(source.uri);
  // The seed's own URI rides in the query: in the browser the extension's files are not `file:` (code-server:
  // `vscode-remote:`, vscode.dev: `https:`), so the scheme cannot simply be swapped back.
  return source.bundled ? uri.with({ scheme: SEED_SCHEME, query: source.uri }) : uri;
}

/**
 * A location of a paragraph in its source (the start of the source when there is no paragraph). The source's
 * document turns the paragraph's offsets into positions (the host's copy of a source has no file text).
 */
export async function paragraphLocation(source: Source, paragraph: Paragraph | undefined): Promise<vscode.Location> {
  const uri = sourceUri(source);
  if (!paragraph) return new vscode.Location(uri, new vscode.Range(0, 0, 0, 0));
  const doc = await vscode.workspace.openTextDocument(uri);
  return new vscode.Location(uri, new vscode.Range(doc.positionAt(paragraph.start), doc.positionAt(paragraph.end)));
}

/** Source text for a label that renders `$(name)` as an icon (quick picks): shown as written instead. */
export function noIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** The diagnostics' `source`, shown after each message. */
export const DIAGNOSTIC_SOURCE = 'Briefing Desk';

const SEVERITY: Record<GroundingDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** A VS Code diagnostic that keeps the core result it came from (its quick fixes are in `grounding.data.fixes`). */
export class GroundingVsDiagnostic extends vscode.Diagnostic {
  constructor(
    range: vscode.Range,
    readonly grounding: GroundingDiagnostic,
  ) {
    super(range, grounding.message, SEVERITY[grounding.severity]);
    this.code = grounding.code;
    this.source = DIAGNOSTIC_SOURCE;
  }
}

/** A core finding as a VS Code diagnostic on `document`. */
export function toDiagnostic(document: vscode.TextDocument, d: GroundingDiagnostic): GroundingVsDiagnostic {
  return new GroundingVsDiagnostic(toRange(document, d.start, d.end), d);
}
