// The card shown when hovering a citation: the source, and the paragraphs the citation names, as quoted text.
import { citedPages } from '../citations/pages';
import { citationAt, resolveItem, shownParagraphs } from '../citations/resolve';
import type { CiteItem } from '../citations/types';
import type { CorpusView } from '../corpus/view';
import { pageLabel } from '../formats/build';
import { blockQuote, escapeMarkdown, markdownLink } from '../text/markdown';
import type { BriefingText, HoverContent, LinkTarget } from './types';

/** Paragraphs quoted in full before the rest are only counted. */
const MAX_QUOTED = 3;

function unknownSource(item: CiteItem, link: LinkTarget): string {
  return (
    `$(error) ${escapeMarkdown(`Unknown source @${item.key}`)}\n\n` +
    markdownLink('Search sources', link({ command: 'searchSources', query: item.key }))
  );
}

/** The hover for the citation item at `offset`, or undefined when there is none. */
export function citationHover(
  doc: BriefingText,
  offset: number,
  corpus: CorpusView,
  link: LinkTarget,
): HoverContent | undefined {
  const hit = citationAt(doc.citations, offset);
  if (!hit) return undefined;
  const { item } = hit;
  const span = { start: item.keyStart, end: item.locator?.end ?? item.otherLocator?.end ?? item.keyEnd };
  const resolved = resolveItem(item, corpus);
  if (!resolved) return { ...span, markdown: unknownSource(item, link) };
  const { source } = resolved;
  const shown = shownParagraphs(resolved);
  const meta = [source.date ?? 'undated', source.place, source.outlet, `@${source.key}`].filter(Boolean).join(' · ');
  let md = `$(book) **${escapeMarkdown(source.title)}**\n\n${escapeMarkdown(meta)}\n\n`;
  const pages = item.locator ? null : citedPages(item, source);
  if (!shown.length && item.locator) {
    const count = source.paragraphs.length;
    md += `$(error) ${escapeMarkdown(`${item.locator.raw} is out of range: the source has ${count} paragraphs.`)}\n\n`;
  } else if (!shown.length && pages && item.otherLocator) {
    const count = source.pages;
    md += `$(error) ${escapeMarkdown(`${item.otherLocator.raw} is out of range: the source has ${count} pages.`)}\n\n`;
  }
  if (!resolved.located) md += '*Opening paragraph*\n\n';
  for (const p of shown.slice(0, MAX_QUOTED)) {
    md += `**¶${p.n}**${p.page ? ` · ${pageLabel(p.page, p.pageEnd)}` : ''}\n\n${blockQuote(p.text)}`;
  }
  if (shown.length > MAX_QUOTED) md += `${escapeMarkdown(`… and ${shown.length - MAX_QUOTED} more paragraphs`)}\n\n`;
  md += markdownLink('Open source', link({ command: 'openSource', key: source.key, paragraph: shown[0]?.n ?? 1 }));
  md += ' · ' + markdownLink('Search sources', link({ command: 'searchSources', query: source.title }));
  return { ...span, markdown: md };
}
