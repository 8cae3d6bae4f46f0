// Web pages: the article as reader modes see it (Readability over linkedom, a DOM without `window`), metadata from
// the page's own tags. Nothing in the page is run: linkedom does not execute scripts and only text is kept.
import { Readability } from '@mozilla/readability';
import { blocksOf, parseHTML, type Doc } from './dom';
import { FormatError, type Extracted } from './types';

function decode(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const charset = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w-]{1,40})/i.exec(head)?.[1];
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function meta(doc: Doc, ...names: string[]): string | undefined {
  for (const n of names) {
    const el =
      doc.querySelector(`meta[property="${n}"]`) ??
      doc.querySelector(`meta[name="${n}"]`) ??
      doc.querySelector(`meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

interface LinkedData {
  headline?: string;
  datePublished?: string;
  authors: string[];
  publisher?: string;
  url?: string;
}

function names(v: unknown): string[] {
  if (!v) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string')
    return [(v as { name: string }).name];
  return [];
}

/** The first JSON-LD object that describes an article (also inside `@graph`). */
function linkedData(doc: Doc): LinkedData {
  const out: LinkedData = { authors: [] };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue;
    }
    const items: unknown[] = Array.isArray(data) ? data : [data];
    for (const it of [...items, ...items.flatMap((i) => (i as { '@graph'?: unknown[] })?.['@graph'] ?? [])]) {
      if (!it || typeof it !== 'object') continue;
      const o = it as Record<string, unknown>;
      const type = ([] as unknown[]).concat(o['@type']).join(' ');
      if (!/Article|Posting|Report|WebPage/i.test(type)) continue;
      out.headline ??= typeof o.headline === 'string' ? o.headline : undefined;
      out.datePublished ??= typeof o.datePublished === 'string' ? o.datePublished : undefined;
      if (!out.authors.length) out.authors = names(o.author);
      out.publisher ??= names(o.publisher)[0];
      out.url ??= typeof o.url === 'string' ? o.url : undefined;
    }
  }
  return out;
}

function httpUrl(v: string | undefined): string | undefined {
  return v && /^https?:\/\//i.test(v.trim()) ? v.trim() : undefined;
}

function byline(v: string | null | undefined): string[] {
  if (!v) return [];
  const t = v
    .replace(/\s+/g, ' ')
    .replace(/^\s*by\s+/i, '')
    .trim();
  if (!t || t.length > 120 || /^https?:/i.test(t)) return [];
  return t
    .split(/,|\band\b|&/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** Extracts a web page's article and metadata. */
export function extractHtml(bytes: Uint8Array): Extracted {
  const html = decode(bytes);
  const { document } = parseHTML(html);
  const ld = linkedData(document);
  const timeEl = document.querySelector('article time[datetime], time[datetime]');
  const title = meta(document, 'og:title', 'twitter:title') ?? ld.headline;
  const found: Omit<Extracted, 'blocks'> = {
    title,
    outlet: meta(document, 'og:site_name', 'application-name') ?? ld.publisher,
    authors: ld.authors.length
      ? ld.authors
      : byline(meta(document, 'author', 'article:author', 'byl', 'parsely-author')),
    date:
      meta(document, 'article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date') ??
      ld.datePublished ??
      timeEl?.getAttribute('datetime') ??
      undefined,
    url:
      httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined) ??
      httpUrl(meta(document, 'og:url')) ??
      httpUrl(ld.url),
    language: document.documentElement?.getAttribute('lang')?.trim() || undefined,
  };
  // Readability changes the document it reads, so it gets its own copy.
  const article = new Readability(parseHTML(html).document as never, { charThreshold: 200 }).parse();
  if (!article?.content) throw new FormatError('no article text found in the page');
  const { document: body } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const blocks = blocksOf(body.body);
  if (!found.title && article.title) found.title = article.title;
  if (!found.authors?.length) found.authors = byline(article.byline);
  found.outlet ??= article.siteName ?? undefined;
  found.date ??= article.publishedTime ?? undefined;
  found.language ??= article.lang ?? undefined;
  if (!blocks.some((b) => b.kind === 'paragraph')) throw new FormatError('no article text found in the page');
  return { ...found, blocks };
}
