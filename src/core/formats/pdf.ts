// PDF reports: text items from pdf.js rebuilt into lines and paragraphs, with the page each paragraph is on.
// Running headers, footers and page numbers are dropped; words hyphenated at a line end are joined again.
import { FormatError, type Block, type Extracted } from './types';

/** The parts of pdf.js used here (its types need the DOM library, which this project does not compile with). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}
interface PdfPage {
  getTextContent(): Promise<{ items: Array<TextItem | { type: string }> }>;
  view: number[];
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument> };
}

let loaded: Promise<PdfJs> | undefined;

/** Loads pdf.js once, with its worker on this thread (no worker file to find in a bundle); its load-time notes muted. */
function pdfjs(): Promise<PdfJs> {
  return (loaded ??= (async () => {
    const { log, warn } = console;
    console.log = console.warn = () => {};
    try {
      const g = globalThis as { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
    } finally {
      Object.assign(console, { log, warn });
    }
  })());
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  right: number;
  page: number;
}

/** Groups a page's text items into lines, top to bottom. */
function linesOf(items: TextItem[], page: number): Line[] {
  const rows: Array<{ y: number; items: TextItem[] }> = [];
  for (const it of items) {
    if (!it.str) continue;
    const y = it.transform[5];
    const size = Math.hypot(it.transform[2], it.transform[3]) || it.height;
    const row = rows.find((r) => Math.abs(r.y - y) < Math.max(2, size * 0.4));
    if (row) row.items.push(it);
    else rows.push({ y, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows
    .map((r) => {
      r.items.sort((a, b) => a.transform[4] - b.transform[4]);
      let text = '';
      let end = -Infinity;
      for (const it of r.items) {
        const x = it.transform[4];
        const size = Math.hypot(it.transform[2], it.transform[3]) || it.height;
        if (text && x - end > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
        text += it.str;
        end = x + it.width;
      }
      const first = r.items[0];
      const size = Math.max(...r.items.map((it) => Math.hypot(it.transform[2], it.transform[3]) || it.height));
      return { text: text.replace(/\s+/g, ' ').trim(), x: first.transform[4], y: r.y, size, right: end, page };
    })
    .filter((l) => l.text);
}

/** The shape of a line with its numbers blurred, so `Page 3 of 9` on every page counts as one running line. */
function shape(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?(?:\d+|[ivxlc]+)(?:\s*(?:of|\/)\s*\d+)?(?:\s*[-–—])?$/i;

/** Drops lines that repeat at the top or bottom of many pages, and page numbers there. */
function dropRunning(pages: Line[][]): Line[][] {
  const edge = (ls: Line[]) => [...ls.slice(0, 2), ...ls.slice(-2)];
  const counts = new Map<string, number>();
  for (const ls of pages)
    for (const s of new Set(edge(ls).map((l) => shape(l.text)))) counts.set(s, (counts.get(s) ?? 0) + 1);
  const enough = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((ls) => {
    const edges = new Set(edge(ls));
    return ls.filter(
      (l) =>
        !(
          edges.has(l) &&
          ((pages.length > 1 && (counts.get(shape(l.text)) ?? 0) >= enough) || PAGE_NUMBER.test(l.text))
        ),
    );
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

const ENDS_SENTENCE = /[.!?:;"”’)\]]$/;

/** Joins a paragraph's next line: a word split by a hyphen at the line end is one word again. */
function join(text: string, next: string): string {
  if (/\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(next)) return text.slice(0, -1) + next;
  return `${text} ${next}`;
}

/** Rebuilds paragraphs (and headings, set in a larger size) from the lines of every page. */
function blocksOf(pages: Line[][]): { blocks: Block[]; title?: string } {
  const all = pages.flat();
  const body = median(all.map((l) => l.size));
  const gaps: number[] = [];
  for (const ls of pages)
    for (let i = 1; i < ls.length; i++) if (Math.abs(ls[i].size - body) < 0.5) gaps.push(ls[i - 1].y - ls[i].y);
  const step = median(gaps.filter((g) => g > 0)) || body * 1.2;
  const left = median(all.filter((l) => Math.abs(l.size - body) < 0.5).map((l) => l.x));
  const width = Math.max(...all.map((l) => l.right)) - left;
  const blocks: Block[] = [];
  let title: string | undefined;
  let cur: { block: Block; last: Line } | undefined;
  const close = () => cur && blocks.push(cur.block) && (cur = undefined);
  for (const ls of pages) {
    ls.forEach((l, i) => {
      if (l.size > body * 1.15) {
        close();
        const prev = blocks[blocks.length - 1];
        // A heading set over two lines is one heading.
        if (prev?.kind === 'heading' && i > 0 && ls[i - 1].size > body * 1.15 && ls[i - 1].y - l.y < l.size * 1.6) {
          prev.text += ` ${l.text}`;
          if (title && blocks.length === 1) title = prev.text;
        } else {
          blocks.push({ kind: 'heading', text: l.text, page: l.page });
          if (!title && l.page === 1 && blocks.length === 1) title = l.text;
        }
        return;
      }
      if (cur) {
        const { last } = cur;
        const samePage = last.page === l.page;
        const gap = samePage ? last.y - l.y : 0;
        const lastFull = last.right - left > width * 0.85;
        const indented = l.x - left > body * 0.8;
        const continues = samePage
          ? gap < step * 1.4 && !indented && (lastFull || !ENDS_SENTENCE.test(last.text))
          : lastFull || !ENDS_SENTENCE.test(last.text) || /^\p{Ll}/u.test(l.text);
        if (continues) {
          cur.block.text = join(cur.block.text, l.text);
          if (l.page !== cur.block.page) cur.block.pageEnd = l.page;
          cur.last = l;
          return;
        }
        close();
      }
      cur = { block: { kind: 'paragraph', text: l.text, page: l.page }, last: l };
    });
  }
  close();
  return { blocks, title };
}

function infoString(info: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = info?.[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** `D:20251105120000Z` → `2025-11-05`. */
function pdfDate(v: string | undefined): string | undefined {
  const m = v ? /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(v) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Extracts a PDF's text, page by page. */
export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const lib = await pdfjs();
  let doc: PdfDocument;
  try {
    // pdf.js takes ownership of the buffer it is given; hand it a copy.
    doc = await lib.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      disableAutoFetch: true,
      enableXfa: false,
    }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException')
      throw new FormatError('the PDF is encrypted (password protected); save an unprotected copy');
    throw new FormatError(`the PDF is damaged or not a PDF (${(e as Error).message})`);
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        linesOf(
          content.items.filter((it): it is TextItem => 'str' in it),
          n,
        ),
      );
    }
    if (!pages.some((ls) => ls.some((l) => /[\p{L}\p{N}]/u.test(l.text)))) {
      throw new FormatError('no text layer: scanned PDFs need OCR first');
    }
    const { blocks, title } = blocksOf(dropRunning(pages));
    const { info } = await doc.getMetadata().catch(() => ({ info: undefined }));
    const metaTitle = infoString(info, 'Title');
    const author = infoString(info, 'Author');
    return {
      title: metaTitle && !/^untitled/i.test(metaTitle) ? metaTitle : title,
      authors: author
        ? author
            .split(/;|,|\band\b/)
            .map((a) => a.trim())
            .filter(Boolean)
        : [],
      date: pdfDate(infoString(info, 'CreationDate')),
      pages: doc.numPages,
      blocks,
    };
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(`the PDF could not be read (${(e as Error).message})`);
  } finally {
    await doc.destroy().catch(() => {});
  }
}
