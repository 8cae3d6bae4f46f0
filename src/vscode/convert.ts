// Converters at the seam between core offsets and VS Code positions and URIs.
import * as vscode from 'vscode';
import type { Paragraph, Source } from '../core/corpus';

/** A VS Code range for document offsets `[start, end)`. */
export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** The range of offsets `[start, end)` in a text that is not open as a document. */
export function rangeInText(text: string, start: number, end: number): vscode.Range {
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
    const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return new vscode.Position(line, offset - lastBreak - 1);
  };
  return new vscode.Range(pos(start), pos(end));
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
  return source.bundled ? uri.with({ scheme: SEED_SCHEME }) : uri;
}

/** A location of a paragraph in its source. */
export function paragraphLocation(source: Source, paragraph: Paragraph): vscode.Location {
  return new vscode.Location(sourceUri(source), rangeInText(source.text, paragraph.start, paragraph.end));
}

/** Source text for a label that renders `$(name)` as an icon (quick picks): shown as written instead. */
export function noIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
