// CSL-JSON for the corpus, so pandoc --citeproc can render the same citations.
import type { Source } from './types';

/** One CSL-JSON item (the fields Briefing Desk knows). */
export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'article' | 'report';
  title: string;
  'container-title'?: string;
  'publisher-place'?: string;
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  language?: string;
  'number-of-pages'?: number;
  URL?: string;
  author?: Array<{ literal: string }>;
  note?: string;
}

/** A source as a CSL-JSON item; the citation key is the item's id. */
export function toCsl(source: Source): CslItem {
  const type =
    source.format === 'pdf' && !source.outlet
      ? 'report'
      : source.outlet || source.place
        ? 'article-newspaper'
        : 'article';
  const item: CslItem = { id: source.key, type, title: source.title };
  if (source.outlet) item['container-title'] = source.outlet;
  if (source.place) item['publisher-place'] = source.place;
  if (source.date) item.issued = { 'date-parts': [source.date.split('-').map(Number)] };
  // Only web addresses: a `javascript:` or `data:` URL from a hostile source must not become a link in pandoc's output.
  if (source.url && /^https?:\/\//i.test(source.url)) item.URL = source.url;
  if (source.authors.length) item.author = source.authors.map((literal) => ({ literal }));
  if (source.accessed && /^\d{4}-\d\d-\d\d$/.test(source.accessed)) {
    item.accessed = { 'date-parts': [source.accessed.split('-').map(Number)] };
  }
  if (source.language) item.language = source.language;
  if (source.pages) item['number-of-pages'] = source.pages;
  return item;
}
