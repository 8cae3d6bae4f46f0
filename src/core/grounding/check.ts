// Checking a briefing against the corpus: its citations, then its quotations.
import { mergeSpans, scanMarkdown } from '../citations/layout';
import { parseCitationsIn } from '../citations/parse';
import type { Corpus } from '../corpus/corpus';
import type { EntityIndex } from '../entities';
import { checkClaims } from './claims/checkClaims';
import { checkCitations } from './checkCitations';
import { checkQuotes } from './checkQuotes';
import { DiagnosticSink } from './diagnostic';
import { addFixes } from './fixes';
import type { Passage } from './passages';
import { findQuotations } from './quotes';
import type { GroundingDiagnostic } from './types';

/** What else a check may use and do. */
export interface CheckOptions {
  /** Check the numbers, dates and names of cited clauses (`claim-not-in-source`); default true. */
  claims?: boolean;
  /** The corpus's entity index: aliases and mentions for names in claims (without it, names are matched as words). */
  entities?: EntityIndex;
  /**
   * Where else a quotation missing from its cited paragraphs could be: the passages that hold all its words (the
   * desk asks its word index). Only narrows the search; undefined (or a function returning undefined) scans every
   * passage.
   */
  candidates?: QuoteCandidates;
}

/**
 * Where a quotation missing from its cited passages may be found elsewhere: every passage that could contain all of
 * its words (a word index answers this), or undefined to look through every passage of the corpus.
 */
export type QuoteCandidates = (pieces: string[]) => Passage[] | undefined;

/**
 * Checks a Markdown briefing: unknown keys and paragraph locators (errors), non-paragraph locators (warnings), and
 * every quotation against the citation that closes its sentence (errors); quotations with no citation to check them
 * against get an information note; the facts of every cited clause not in the cited passage are warnings. Results are in
 * document order, each with its quick fixes in `data.fixes`.
 */
export function checkBriefing(markdown: string, corpus: Corpus, options: CheckOptions = {}): GroundingDiagnostic[] {
  const layout = scanMarkdown(markdown);
  const citations = parseCitationsIn(markdown, layout);
  const sink = new DiagnosticSink(markdown);
  checkCitations(citations, corpus, sink);
  // Quotation marks inside a citation (`[@a, ¶3, "emphasis added"]`) are not quotations of the source.
  const prose = { ...layout, skipped: mergeSpans([...layout.skipped, ...citations]) };
  const quotes = findQuotations(markdown, prose);
  checkQuotes(markdown, quotes, citations, corpus, sink, options.candidates);
  if (options.claims !== false) checkClaims(markdown, layout, citations, quotes, corpus, options.entities, sink);
  return addFixes(markdown, sink.diagnostics, citations);
}
