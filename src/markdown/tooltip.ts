// The tooltip data a citation marker carries: title, date, place and the cited paragraph text.
import { citedPages, shownParagraphs, type CiteItem, type ResolvedItem } from '../core/citations';

/** What a marker shows on hover; plain text (the renderer escapes it into attributes). */
export interface TooltipData {
  title: string;
  meta: string;
  locator: string;
  passage: string;
}

/** Tooltip data for one cited item, resolved by the core (`resolveItem`; a page locator names the paragraphs on it). */
export function tooltipFor(resolved: ResolvedItem, item: CiteItem): TooltipData {
  const { source } = resolved;
  const paragraphs = shownParagraphs(resolved);
  return {
    title: source.title,
    meta: [source.date, source.place, source.outlet].filter(Boolean).join(' · '),
    locator: item.locator
      ? item.locator.raw
      : item.otherLocator
        ? `${item.otherLocator.raw}${citedPages(item, source) ? '' : ' (opening paragraph shown)'}`
        : 'opening paragraph',
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
