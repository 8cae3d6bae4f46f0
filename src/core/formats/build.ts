// From extracted blocks to the paragraph model every source uses: a readable text with numbered paragraphs and
// their offsets in it. That text is what the read-only view of a web page, PDF or Word file shows.
import { parseDate } from '../corpus/dates';
import type { ParsedSource } from '../corpus/ingest';
import type { Paragraph } from '../corpus/types';
import { squeezeSpace } from '../text/normalize';
import { FORMAT_NAMES } from './registry';
import type { Extracted, SourceFormat } from './types';

/** `p. 4` or `pp. 4-5`. */
export function pageLabel(page: number, pageEnd?: number): string {
  return pageEnd !== undefined && pageEnd !== page ? `pp. ${page}-${pageEnd}` : `p. ${page}`;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.replace(/[?#].*$/, '').lastIndexOf('/') + 1).replace(/[?#].*$/, ''));
}

/**
 * Lays the blocks out as text (title, a metadata line, `## Heading`, `¶n · p. 4  text`) and numbers the paragraphs.
 * Paragraph offsets point at the paragraph's own words, so a view of this text can reveal and select them.
 */
export function fromExtracted(uri: string, format: SourceFormat, ex: Extracted): ParsedSource {
  const title = squeezeSpace(ex.title ?? '') || ex.blocks.find((b) => b.kind === 'heading')?.text || fileName(uri);
  // An ISO timestamp (`2025-11-05T08:30:00+05:00`) is read by its day.
  const date = ex.date ? parseDate(ex.date.replace(/^(\d{4}-\d\d-\d\d)T.*$/, '$1')) : null;
  const authors = (ex.authors ?? []).map(squeezeSpace).filter(Boolean);
  const lines: string[] = [title];
  const meta = [ex.outlet, authors.join(', '), date, ex.url].filter(Boolean).join(' · ');
  if (meta) lines.push(meta);
  const pages = ex.pages ? `, ${ex.pages} page${ex.pages === 1 ? '' : 's'}` : '';
  lines.push(`Text extracted from ${fileName(uri)} (${FORMAT_NAMES[format]}${pages}); read-only.`);
  let text = lines.join('\n') + '\n';
  let line = lines.length;
  const paragraphs: Paragraph[] = [];
  let section: string | undefined;
  let first = true;
  for (const b of ex.blocks) {
    const body = squeezeSpace(b.text);
    if (!body) continue;
    if (first && b.kind === 'heading' && body === title) continue;
    first = false;
    text += '\n';
    line++;
    if (b.kind === 'heading') {
      section = body;
      text += `## ${body}\n`;
      line++;
      continue;
    }
    const n = paragraphs.length + 1;
    const head = `¶${n}${b.page ? ` · ${pageLabel(b.page, b.pageEnd)}` : ''}  `;
    const start = text.length + head.length;
    text += head + body + '\n';
    const p: Paragraph = { n, text: body, start, end: start + body.length, line, ...(section ? { section } : {}) };
    if (b.page) p.page = b.page;
    if (b.pageEnd !== undefined && b.pageEnd !== b.page) p.pageEnd = b.pageEnd;
    paragraphs.push(p);
    line++;
  }
  return {
    uri,
    title,
    date,
    place: null,
    outlet: ex.outlet ? squeezeSpace(ex.outlet) : null,
    url: ex.url ?? null,
    authors,
    paragraphs,
    text,
    requestedKey: null,
    warnings: [],
    format,
    ...(ex.pages ? { pages: ex.pages } : {}),
    ...(ex.language ? { language: ex.language } : {}),
  };
}
