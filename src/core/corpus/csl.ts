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
  URL?: string;
  author?: Array<{ literal: string }>;
  note?: string;
}

/** A source as a CSL-JSON item; the citation key is the item's id. */
export function toCsl(source: Source): CslItem {
  const item: CslItem = { id: source.key, type: source.outlet || source.place ? 'article-newspaper' : 'article', title: source.title };
  if (source.outlet) item['container-title'] = source.outlet;
  if (source.place) item['publisher-place'] = source.place;
  if (source.date) item.issued = { 'date-parts': [source.date.split('-').map(Number)] };
  // Only web addresses: a `javascript:` or `data:` URL from a hostile source must not become a link in pandoc's output.
  if (source.url && /^https?:\/\//i.test(source.url)) item.URL = source.url;
  if (source.authors.length) item.author = source.authors.map((literal) => ({ literal }));
  return item;
}
