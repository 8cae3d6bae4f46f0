// Checks that every quotation occurs in what its citation cites, naming the closest passage when it does not.
import { citedPages, describePages } from '../citations/pages';
import { resolveItem } from '../citations/resolve';
import type { Citation, CiteItem, Locator } from '../citations/types';
import type { Corpus } from '../corpus/corpus';
import { Attributor } from './attribute';
import { closestIn } from './closest';
import { shortQuote, type DiagnosticSink } from './diagnostic';
import { findQuoteIn, quotePieces } from './match';
import { passagesOf, type Passage } from './passages';
import type { Quotation } from './quotes';
import type { ClosestPassage, DiagnosticData } from './types';

/** What one cited item lets a quotation be checked against. */
interface Target {
  item: CiteItem;
  key: string;
  /** The item's locator, when it names paragraphs the source has. */
  locator: Locator | null;
  /** The cited paragraphs (all of them without a locator). */
  passages: Passage[];
  /** The cited pages as written for messages (`p. 4`), when the item cites pages of a source that has them. */
  pages?: string;
}

function targetOf(item: CiteItem, corpus: Corpus): Target | undefined {
  // A malformed locator is reported as such; checking the quotation against the whole source would pass it wrongly.
  if (item.invalidLocator) return undefined;
  const resolved = resolveItem(item, corpus);
  if (!resolved || !resolved.paragraphs.length) return undefined;
  const { source, paragraphs } = resolved;
  const pages = item.locator ? null : citedPages(item, source);
  return {
    item,
    key: item.key,
    locator: item.locator,
    passages: paragraphs.map((paragraph) => ({ source, paragraph })),
    ...(pages ? { pages: describePages(pages) } : {}),
  };
}

/** `¶6`, `¶¶3-4`, `¶¶3, 5`. */
function describe(locator: Locator): string {
  const parts = locator.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  return `${parts.length === 1 && locator.from === locator.to ? '¶' : '¶¶'}${parts.join(', ')}`;
}

function where(targets: Target[]): string {
  if (targets.length === 1 && !targets[0].locator && !targets[0].pages) return `anywhere in ${targets[0].key}`;
  const cited = (t: Target) =>
    t.locator ? `${t.key} ${describe(t.locator)}` : t.pages ? `${t.key} ${t.pages}` : t.key;
  return `in ${targets.map(cited).join(' or ')}`;
}

function message(
  targets: Target[],
  foundIn: Array<{ key: string; paragraph: number }>,
  closest?: ClosestPassage,
): string {
  const head = `Quote not found ${where(targets)}`;
  if (foundIn.length) {
    const places = foundIn
      .slice(0, 3)
      .map((f) => `${f.key} ¶${f.paragraph}`)
      .join(', ');
    const more = foundIn.length > 3 ? ` and ${foundIn.length - 3} more` : '';
    return `${head}; it appears in ${places}${more}.`;
  }
  if (!closest) return `${head}.`;
  const sameSource = targets.every((t) => t.key === closest.key);
  return `${head}. Closest passage: ${sameSource ? '' : `${closest.key} `}¶${closest.paragraph} ${shortQuote(closest.text)}`;
}

function checkQuote(
  quote: Quotation,
  citation: Citation,
  corpus: Corpus,
  everywhere: (pieces: string[]) => Passage[],
  sink: DiagnosticSink,
): void {
  const targets = citation.items.map((item) => targetOf(item, corpus)).filter((t): t is Target => !!t);
  const pieces = quotePieces(quote.text);
  if (!targets.length || !pieces.length) return;
  const cited = targets.flatMap((t) => t.passages);
  if (findQuoteIn(quote.text, cited).length) return;
  const isCited = new Set(cited.map((p) => `${p.source.key}\u0000${p.paragraph.n}`));
  const foundIn = findQuoteIn(quote.text, everywhere(pieces))
    .filter((f) => !isCited.has(`${f.key}\u0000${f.paragraph}`))
    .map(({ key, paragraph }) => ({ key, paragraph }));
  const wholeSources = targets.some((t) => t.locator || t.pages)
    ? [...new Set(targets.map((t) => t.key))].flatMap((key) => passagesOf(corpus, { key }))
    : [];
  const closest =
    closestIn(quote.text, cited) ?? (wholeSources.length ? closestIn(quote.text, wholeSources) : undefined);
  const data: DiagnosticData = {
    quoteStart: quote.contentStart,
    quoteEnd: quote.contentEnd,
    itemKey: targets[0].key,
    itemStart: targets[0].item.start,
    itemEnd: targets[0].item.end,
    ...(closest ? { closest } : {}),
    ...(foundIn.length ? { foundIn } : {}),
  };
  sink.add('quote-not-found', 'error', quote.start, quote.end, message(targets, foundIn, closest), data);
}

/** Checks each quotation against the citation `attribute` chooses; quotations with none get an `uncited-quote` note. */
export function checkQuotes(
  md: string,
  quotes: Quotation[],
  citations: Citation[],
  corpus: Corpus,
  sink: DiagnosticSink,
  candidates?: (pieces: string[]) => Passage[] | undefined,
): void {
  let all: Passage[] | undefined;
  const everywhere = (pieces: string[]) => candidates?.(pieces) ?? (all ??= passagesOf(corpus));
  const attributor = new Attributor(md, citations, quotes);
  for (const quote of quotes) {
    const chosen = attributor.attribute(quote);
    if (chosen) {
      checkQuote(quote, chosen.citation, corpus, everywhere, sink);
      continue;
    }
    const why = attributor.hasCitation(quote.block)
      ? 'no citation follows it in its paragraph'
      : 'its paragraph has no citation';
    sink.add('uncited-quote', 'information', quote.start, quote.end, `Quotation not checked: ${why}.`, {
      quoteStart: quote.contentStart,
      quoteEnd: quote.contentEnd,
    });
  }
}
