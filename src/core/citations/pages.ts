// Page locators (`p. 4`, `pp. 4-5`, pandoc's bare `4`) for sources that have pages (PDFs).
import type { Paragraph, Source } from '../corpus/types';
import type { CiteItem, OtherLocator } from './types';

const PAGE_LABEL = /^(?:p|pp|pg|pages?)\.?$/i;

/** The page ranges a locator names, as written (`pp. 4-5, 7` gives `[[4, 5], [7, 7]]`); null when it is not pages. */
export function pageRanges(other: OtherLocator | null): Array<[number, number]> | null {
  if (!other || (other.label && !PAGE_LABEL.test(other.label))) return null;
  const numbers = other.raw.slice(other.label.length).trim();
  if (!/^\d+(?:\s*[-\u2013\u2014]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-\u2013\u2014]\s*\d+)?)*$/.test(numbers)) return null;
  return numbers.split(',').map((part) => {
    const [a, b] = part.split(/[-\u2013\u2014]/).map((s) => Number(s.trim()));
    return [a, b ?? a];
  });
}

/** True when the paragraph is on one of the pages (a paragraph running over a page break is on both). */
export function onPages(p: Paragraph, ranges: Array<[number, number]>): boolean {
  if (p.page === undefined) return false;
  const last = p.pageEnd ?? p.page;
  return ranges.some(([a, b]) => p.page! <= Math.max(a, b) && last >= Math.min(a, b));
}

/** The item's page ranges when its source has pages, else null (the locator is then not checked as pages). */
export function citedPages(item: CiteItem, source: Source | undefined): Array<[number, number]> | null {
  return source?.pages ? pageRanges(item.otherLocator) : null;
}

/** `p. 4`, `pp. 4-5`, `pp. 4, 7`. */
export function describePages(ranges: Array<[number, number]>): string {
  const parts = ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  return `${parts.length === 1 && ranges[0][0] === ranges[0][1] ? 'p.' : 'pp.'} ${parts.join(', ')}`;
}
