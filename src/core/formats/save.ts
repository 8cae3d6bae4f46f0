// Adding a source: what kind of content arrived, and how it is saved (a web page as plain Markdown with front
// matter, a PDF or Word file as itself) under a key and a file name that nothing in the corpus uses yet.
import { stringify } from 'yaml';
import { baseKey, suffix } from '../corpus/keys';
import type { ParsedSource } from '../corpus/ingest';
import { formatOf } from './registry';
import type { SourceFormat } from './types';

/** What arrived, by its content type (or, without a useful one, its name): a format, or why it cannot be a source. */
export function contentFormat(
  contentType: string | null | undefined,
  name: string,
): SourceFormat | { refused: string } {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (type === 'text/plain' || type === 'text/markdown') return 'text';
  const byName = formatOf(name.replace(/[?#].*$/, ''));
  if ((!type || type === 'application/octet-stream' || type === 'binary/octet-stream') && byName) return byName;
  return {
    refused: `${type || 'content of an unknown type'} is not a supported source format (web pages, PDF, Word .docx, text)`,
  };
}

/** A key no source in `taken` has: the title's base key, then `b`, `c`, … */
export function freshKey(title: string, date: string | null, taken: (key: string) => boolean): string {
  const base = baseKey(title, date);
  for (let i = 0; ; i++) if (!taken(base + suffix(i))) return base + suffix(i);
}

/**
 * A page's text stays text wherever the saved Markdown is rendered: `<` that would open an HTML tag and the `](` of
 * an inline link are backslash-escaped (a `[x](javascript:…)` in a page's words must not become a link).
 */
export function inert(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '\\<').replace(/\]\(/g, ']\\(');
}

/** Facts recorded about where a saved source came from. */
export interface Provenance {
  /** The address it was fetched from (after redirects), when it came from the web. */
  url?: string;
  /** When it was read, `YYYY-MM-DD`. */
  accessed: string;
}

/**
 * A web page saved as a Markdown source: YAML front matter (key, title, url, outlet, authors, date, accessed) and the
 * paragraphs as text, subheadings as `##` lines; plain, diffable and citable offline.
 */
export function savedMarkdown(parsed: ParsedSource, key: string, from: Provenance): string {
  const url = parsed.url && /^https?:\/\//i.test(parsed.url) ? parsed.url : from.url;
  const meta: Record<string, unknown> = { key, title: parsed.title };
  if (url) meta.url = url;
  if (parsed.outlet) meta.outlet = parsed.outlet;
  if (parsed.authors.length) meta.authors = parsed.authors;
  if (parsed.date) meta.date = parsed.date;
  meta.accessed = from.accessed;
  if (parsed.language) meta.language = parsed.language;
  const body: string[] = [];
  let section: string | undefined;
  for (const p of parsed.paragraphs) {
    if (p.section && p.section !== section) body.push(`## ${inert((section = p.section))}`);
    body.push(inert(p.text));
  }
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n\n${body.join('\n\n')}\n`;
}
