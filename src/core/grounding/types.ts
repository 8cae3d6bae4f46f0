// Plain data for the results of checking a briefing against its sources.

/** How serious a finding is; only errors make `briefing check` fail. */
export type Severity = 'error' | 'warning' | 'information';

/** Where a quotation occurs: a paragraph of a source and the span of it that matches (offsets into `Paragraph.text`). */
export interface QuoteLocation {
  /** Key of the source. */
  key: string;
  /** Paragraph number (¶n). */
  paragraph: number;
  /** Offset of the match's first character in the paragraph text. */
  start: number;
  /** Offset just past the match in the paragraph text. */
  end: number;
}

/** The passage most like a quotation that was not found. */
export interface ClosestPassage {
  /** Key of the source. */
  key: string;
  /** Paragraph number (¶n). */
  paragraph: number;
  /** The best-matching stretch of the paragraph, about as long as the quotation. */
  text: string;
  /** Similarity from 0 (nothing shared) to 1 (the same words in the same order). */
  score: number;
}

/** Limits a search to one source, and optionally to paragraphs `from`..`to` of it. */
export interface Where {
  /** Key of the source. */
  key: string;
  /** First paragraph searched (default 1). */
  from?: number;
  /** Last paragraph searched (default `from`, or the last paragraph when `from` is not given either). */
  to?: number;
}

/** A quick fix as plain data: replace document offsets `start`..`end` with `newText`. */
export interface QuickFix {
  /** What the editor shows (`Replace with “Tel Aviv”`). */
  title: string;
  /** Document offset of the first character replaced. */
  start: number;
  /** Document offset just past the last character replaced. */
  end: number;
  /** The replacement ('' deletes). */
  newText: string;
  /** The fix to offer first. */
  preferred?: boolean;
}

/** The same shape under the name the locator checks use. */
export type TextFix = QuickFix;

/** Extra facts a diagnostic carries for quick fixes and hovers. */
export interface DiagnosticData {
  /** Quick fixes computed in core; hosts apply them as they are. */
  fixes?: QuickFix[];
  /** claim-not-in-source: the fact that is missing and its kind (`number`, `month`, `place`, `person`, `name`…). */
  fact?: { kind: string; text: string };
  /** unknown-key: the closest known key, when one is close enough to be a typo. */
  suggestedKey?: string;
  /** quote-not-found: the closest passage in what was cited. */
  closest?: ClosestPassage;
  /** quote-not-found: paragraphs elsewhere in the corpus that do contain the quotation. */
  foundIn?: Array<{ key: string; paragraph: number }>;
  /** Offset of the quotation's first character inside its marks. */
  quoteStart?: number;
  /** Offset just past the quotation's last character inside its marks. */
  quoteEnd?: number;
  /** The key the finding is about (for a quotation, the first usable item of its citation). */
  itemKey?: string;
  /** Document offset of that citation item (`@key, ¶n` without brackets), for quick fixes that rewrite it. */
  itemStart?: number;
  /** Document offset just past that citation item. */
  itemEnd?: number;
}

/** One finding about a briefing, with document offsets and 0-based positions. */
export interface GroundingDiagnostic {
  /** Stable code: `unknown-key`, `locator-out-of-range`, `invalid-locator`, `unsupported-locator`, `quote-not-found`, `uncited-quote`,
   * `claim-not-in-source`. */
  code: 'unknown-key' | 'locator-out-of-range' | 'quote-not-found' | string;
  /** How serious it is. */
  severity: Severity;
  /** A sentence an analyst can act on. */
  message: string;
  /** Document offset where the problem starts. */
  start: number;
  /** Document offset just past the problem. */
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /** 0-based column of `start` (UTF-16 code units). */
  column: number;
  /** 0-based line of `end`. */
  endLine: number;
  /** 0-based column of `end`. */
  endColumn: number;
  /** Extra facts for quick fixes and hovers. */
  data?: DiagnosticData;
}
