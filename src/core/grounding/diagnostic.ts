// Building diagnostics: document offsets plus the 0-based line and column an editor or the CLI shows.
import { LineIndex } from '../text/positions';
import type { DiagnosticData, GroundingDiagnostic, Severity } from './types';

/** Makes diagnostics for one document. */
export class DiagnosticSink {
  #lines: LineIndex;
  #out: GroundingDiagnostic[] = [];

  constructor(text: string) {
    this.#lines = new LineIndex(text);
  }

  /** Adds a finding about `start`..`end`. */
  add(code: string, severity: Severity, start: number, end: number, message: string, data?: DiagnosticData): void {
    const a = this.#lines.positionAt(start);
    const b = this.#lines.positionAt(end);
    this.#out.push({
      code,
      severity,
      message,
      start,
      end,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      ...(data ? { data } : {}),
    });
  }

  /** The findings in document order. */
  get diagnostics(): GroundingDiagnostic[] {
    return [...this.#out].sort((x, y) => x.start - y.start || x.end - y.end);
  }
}

/** `“text”`, cut at a word boundary with `…` when longer than about 80 characters; marks inside become single quotes. */
export function shortQuote(text: string, max = 80): string {
  const inner = text.replace(/“/g, '‘').replace(/”/g, '’').replace(/"/g, "'");
  if (inner.length <= max) return `“${inner}”`;
  const cut = inner.lastIndexOf(' ', max - 8);
  return `“${inner.slice(0, cut > 0 ? cut : max - 8).replace(/[\s,;:.-]+$/, '')}…”`;
}
