// Checking a briefing against the corpus: its citations, then its quotations.
import { mergeSpans, scanMarkdown } from '../citations/layout';
import { parseCitationsIn } from '../citations/parse';
import type { Corpus } from '../corpus/corpus';
import { checkCitations } from './checkCitations';
import { checkQuotes } from './checkQuotes';
import { DiagnosticSink } from './diagnostic';
import { addFixes } from './fixes';
import { findQuotations } from './quotes';
import type { GroundingDiagnostic } from './types';

/**
 * Checks a Markdown briefing: unknown keys and paragraph locators (errors), non-paragraph locators (warnings), and
 * every quotation against the citation that closes its sentence (errors); quotations with no citation to check them
 * against get an information note. Results are in document order, each with its quick fixes in `data.fixes`.
 */
export function checkBriefing(markdown: string, corpus: Corpus): GroundingDiagnostic[] {
  const layout = scanMarkdown(markdown);
  const citations = parseCitationsIn(markdown, layout);
  const sink = new DiagnosticSink(markdown);
  checkCitations(citations, corpus, sink);
  // Quotation marks inside a citation (`[@a, ¶3, "emphasis added"]`) are not quotations of the source.
  const prose = { ...layout, skipped: mergeSpans([...layout.skipped, ...citations]) };
  checkQuotes(markdown, findQuotations(markdown, prose), citations, corpus, sink);
  return addFixes(markdown, sink.diagnostics, citations);
}
