// From a parsed citation to what it cites: the source and its paragraphs; and which citation is under the cursor.
import type { Corpus } from '../corpus/corpus';
import type { Paragraph, Source } from '../corpus/types';
import { citedPages, onPages } from './pages';
import type { Citation, CiteItem, Locator } from './types';

/** True when paragraph `n` falls in one of the locator's ranges. */
export function locatorIncludes(locator: Locator, n: number): boolean {
  return locator.ranges.some(([a, b]) => n >= Math.min(a, b) && n <= Math.max(a, b));
}

/**
 * The source an item cites and the paragraphs it names (all of them when it has no paragraph locator; those on the
 * cited pages for a page locator on a source with pages). Paragraphs the source does not have are left out, so an
 * out-of-range locator gives an empty list. Undefined for an unknown key.
 */
export function resolveItem(item: CiteItem, corpus: Corpus): { source: Source; paragraphs: Paragraph[] } | undefined {
  const source = corpus.get(item.key);
  if (!source) return undefined;
  return { source, paragraphs: itemParagraphs(item, source) };
}

/** The paragraphs of `source` an item names (see `resolveItem`). */
export function itemParagraphs(item: CiteItem, source: Source): Paragraph[] {
  const { locator } = item;
  if (locator) return source.paragraphs.filter((p) => locatorIncludes(locator, p.n));
  const pages = citedPages(item, source);
  if (pages) return source.paragraphs.filter((p) => onPages(p, pages));
  return source.paragraphs;
}

/**
 * The citation at `offset` (its ends included, so a cursor just after `]` counts) and the item there; between items
 * (on `;` or a bracket) the nearest item that follows, else the last.
 */
export function citationAt(citations: Citation[], offset: number): { citation: Citation; item: CiteItem } | undefined {
  const citation = citations.find((c) => c.start <= offset && offset <= c.end);
  if (!citation) return undefined;
  const item =
    citation.items.find((i) => i.start <= offset && offset <= i.end) ??
    citation.items.find((i) => i.start >= offset) ??
    citation.items[citation.items.length - 1];
  return { citation, item };
}
