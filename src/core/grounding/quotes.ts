// Finding quotations in a briefing's prose: “…”, "…", and ‘…’ or '…' when they clearly quote words rather than mark an apostrophe.
import { spanAt, type Block, type MarkdownLayout, type Span } from '../citations/layout';

/** A quotation in the briefing. */
export interface Quotation extends Span {
  /** Offset of the first character inside the quotation marks. */
  contentStart: number;
  /** Offset just past the last character inside the marks. */
  contentEnd: number;
  /** The text between the marks, as written. */
  text: string;
  /** The paragraph the quotation is in. */
  block: Block;
}

const LETTER = /[\p{L}\p{N}]/u;
/** What may come just before an opening straight quote: the start of a word, not the end of one. */
const OPENS_AFTER = /[\s([{\-\u2013\u2014/"“‘'*_>]/u;

function opensAt(md: string, i: number, blockStart: number): boolean {
  return (i === blockStart || OPENS_AFTER.test(md[i - 1])) && !/\s/.test(md[i + 1] ?? ' ');
}

function closesAt(md: string, i: number): boolean {
  return !/\s/.test(md[i - 1]) && !LETTER.test(md[i + 1] ?? '');
}

type Closer = (i: number) => boolean;

/** Offset of the first closing mark after `from` in the block, passing over skipped spans; -1 when there is none. */
function findClose(from: number, end: number, skipped: Span[], isClose: Closer): number {
  for (let i = from; i < end; i++) {
    const s = spanAt(skipped, i);
    if (s) i = s.end - 1;
    else if (isClose(i)) return i;
  }
  return -1;
}

/** The closing-mark test for a mark at `i` that can open a quotation, or undefined. */
function closerFor(md: string, i: number, blockStart: number): { isClose: Closer; words: boolean } | undefined {
  const c = md[i];
  if (c === '“') return { isClose: (j) => md[j] === '”', words: false };
  if (c === '"' && opensAt(md, i, blockStart)) return { isClose: (j) => md[j] === '"' && closesAt(md, j), words: false };
  // A single quote opens only before a letter and must enclose at least two words, so `'90s` and `rock 'n' roll` stay prose.
  if ((c === '‘' || c === "'") && opensAt(md, i, blockStart) && /\p{L}/u.test(md[i + 1] ?? '')) {
    return { isClose: (j) => (md[j] === '’' || md[j] === "'") && closesAt(md, j), words: true };
  }
  return undefined;
}

function scanBlock(md: string, block: Block, skipped: Span[], out: Quotation[]): void {
  for (let i = block.start; i < block.end; i++) {
    const s = spanAt(skipped, i);
    if (s) {
      i = s.end - 1;
      continue;
    }
    const closer = closerFor(md, i, block.start);
    if (!closer) continue;
    const close = findClose(i + 1, block.end, skipped, closer.isClose);
    if (close < 0) continue;
    const text = md.slice(i + 1, close);
    if (!LETTER.test(text) || (closer.words && !/\S\s+\S/.test(text))) continue;
    out.push({ start: i, end: close + 1, contentStart: i + 1, contentEnd: close, text, block });
    i = close;
  }
}

/** The quotations in the briefing's paragraphs (headings, code and comments are passed over), in document order. */
export function findQuotations(md: string, layout: MarkdownLayout): Quotation[] {
  const out: Quotation[] = [];
  for (const block of layout.blocks) if (block.kind === 'paragraph') scanBlock(md, block, layout.skipped, out);
  return out;
}
