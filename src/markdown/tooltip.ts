// The tooltip data a citation marker carries: title, date, place and the cited paragraph text.
import { citedPages, itemParagraphs, type CiteItem } from '../core/citations';
import type { Paragraph, Source } from '../core/corpus';

/** What a marker shows on hover; plain text (the renderer escapes it into attributes). */
export interface TooltipData {
  title: string;
  meta: string;
  locator: string;
  passage: string;
}

/** The paragraphs an item points at: its locator's, or the opening paragraph without one. */
export function citedParagraphs(source: Source, item: CiteItem): Paragraph[] {
  if (!item.locator && citedPages(item, source)) return itemParagraphs(item, source);
  if (!item.locator) return source.paragraphs.slice(0, 1);
  const wanted = (n: number) => item.locator!.ranges.some(([a, b]) => n >= Math.min(a, b) && n <= Math.max(a, b));
  return source.paragraphs.filter((p) => wanted(p.n));
}

/** Tooltip data for one cited item. */
export function tooltipFor(source: Source, item: CiteItem): TooltipData {
  const paragraphs = citedParagraphs(source, item);
  return {
    title: source.title,
    meta: [source.date, source.place, source.outlet].filter(Boolean).join(' · '),
    locator: item.locator ? item.locator.raw : item.otherLocator
      ? `${item.otherLocator.raw}${citedPages(item, source) ? '' : ' (opening paragraph shown)'}` : 'opening paragraph',
    passage: paragraphs.length
      ? paragraphs.map((p) => (paragraphs.length > 1 ? `¶${p.n} ${p.text}` : p.text)).join('\n\n')
      : source.pages && citedPages(item, source)
        ? `Not in this source, which has ${source.pages} pages.`
        : `Not in this source, which has ${source.paragraphs.length} paragraphs.`,
  };
}

/** A one-line plain `title` attribute, the fallback where scripts do not run. */
export function plainTitle(t: TooltipData): string {
  const passage = t.passage.length > 400 ? `${t.passage.slice(0, 399)}…` : t.passage;
  return `${t.title}${t.meta ? ` (${t.meta})` : ''}\n${t.locator}: ${passage}`;
}
