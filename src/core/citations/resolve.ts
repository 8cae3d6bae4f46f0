// From a parsed citation to what it cites: the source and its paragraphs; and which citation is under the cursor.
// Every host asks here (hover, definition, preview tooltip, export, grounding): one answer to "which paragraphs".
import type { CorpusView } from '../corpus/view';
import type { Paragraph, Source } from '../corpus/types';
import type { Span } from './layout';
import { citedPages, onPages } from './pages';
import type { Citation, CiteItem, Locator } from './types';

/** What one citation item cites. */
export interface ResolvedItem {
  /** The source its key names. */
  source: Source;
  /** The paragraphs its locator names that the source has, in order; every paragraph when it has no locator. */
  paragraphs: Paragraph[];
  /** True when the item names paragraphs (`¶3`, `¶3, 5-6`); false when it cites the source as a whole. */
  located: boolean;
}

/** True when paragraph `n` falls in one of the locator's ranges (`¶3, 5-6` names 3, 5 and 6, never 4). */
export function locatorIncludes(locator: Locator, n: number): boolean {
  return locator.ranges.some(([a, b]) => n >= Math.min(a, b) && n <= Math.max(a, b));
}

/**
 * The source an item cites and the paragraphs it names (all of them when it has no paragraph locator; those on the
 * cited pages for a page locator on a source with pages). Paragraphs the source does not have are left out, so an
 * out-of-range locator gives an empty list. Undefined for an unknown key.
 */
export function resolveItem(item: CiteItem, corpus: CorpusView): ResolvedItem | undefined {
  const source = corpus.get(item.key);
  return source && resolveIn(source, item);
}

/**
 * What `item` cites in `source`, whose key it names (for hosts that look sources up themselves): a paragraph locator
 * names its paragraphs; a page locator on a source with pages names the paragraphs on those pages; else the whole.
 */
export function resolveIn(source: Source, item: CiteItem): ResolvedItem {
  const { locator } = item;
  if (locator)
    return { source, paragraphs: source.paragraphs.filter((p) => locatorIncludes(locator, p.n)), located: true };
  const pages = citedPages(item, source);
  if (pages) return { source, paragraphs: source.paragraphs.filter((p) => onPages(p, pages)), located: true };
  return { source, paragraphs: source.paragraphs, located: false };
}

/** The paragraphs of `source` an item names (see `resolveIn`). */
export function itemParagraphs(item: CiteItem, source: Source): Paragraph[] {
  return resolveIn(source, item).paragraphs;
}

/** The paragraphs to show a reader: the cited ones, or the opening paragraph when the whole source is cited. */
export function shownParagraphs(resolved: ResolvedItem): Paragraph[] {
  return resolved.located ? resolved.paragraphs : resolved.paragraphs.slice(0, 1);
}

/** An item as written from its `@` (or `-@`) through its locator, without prefix or suffix: `@{Doe 2020}, p. 3`. */
export function itemSpan(markdown: string, item: CiteItem): Span {
  const braced = markdown[item.keyStart - 1] === '{';
  const at = item.keyStart - (braced ? 2 : 1);
  const end = item.locator?.end ?? item.otherLocator?.end ?? item.invalidLocator?.end ?? item.keyEnd + (braced ? 1 : 0);
  return { start: item.suppressAuthor ? at - 1 : at, end };
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
