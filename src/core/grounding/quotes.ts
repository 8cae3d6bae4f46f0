// Finding quotations in a briefing's prose: “…”, "…", „…“, «…», »…«, ＂…＂, and ‘…’, ‚…‘ or '…' when they clearly quote
// words rather than mark an apostrophe.
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

/** How a quotation that opens with some mark closes; `kind` names the closing test (the same kind, the same test). */
interface CloseRule {
  kind: string;
  isClose: Closer;
  /** True when the quotation must hold at least two words (single marks, which may be apostrophes). */
  words: boolean;
}

/** Offset of the first closing mark after `from` in the block, passing over skipped spans; -1 when there is none. */
function findClose(from: number, end: number, skipped: Span[], isClose: Closer): number {
  for (let i = from; i < end; i++) {
    const s = spanAt(skipped, i);
    if (s) i = s.end - 1;
    else if (isClose(i)) return i;
  }
  return -1;
}

/** Closing marks for opening marks that are never apostrophes: curly, low-9, guillemets (both ways), fullwidth. */
const PAIRED: Record<string, string> = {
  '“': '”',
  '„': '“”',
  '«': '»',
  '»': '«',
  '＂': '＂',
};

/** The closing rule for a mark at `i` that can open a quotation, or undefined. */
function closerFor(md: string, i: number, blockStart: number): CloseRule | undefined {
  const c = md[i];
  const closes = PAIRED[c];
  if (closes) return { kind: c, isClose: (j) => closes.includes(md[j]), words: false };
  if (c === '"' && opensAt(md, i, blockStart)) {
    return { kind: c, isClose: (j) => md[j] === '"' && closesAt(md, j), words: false };
  }
  // A single quote opens only before a letter and must enclose at least two words, so `'90s` and `rock 'n' roll` stay prose.
  if ((c === '‘' || c === "'" || c === '‚') && opensAt(md, i, blockStart) && /\p{L}/u.test(md[i + 1] ?? '')) {
    const isMark = (ch: string) => ch === '’' || ch === "'" || (c === '‚' && ch === '‘');
    return { kind: "'", isClose: (j) => isMark(md[j]) && closesAt(md, j), words: true };
  }
  return undefined;
}

function scanBlock(md: string, block: Block, skipped: Span[], out: Quotation[]): void {
  // The last close found for each kind of rule: a later search from no further than it finds it again, and a search
  // that found none stays fruitless, so each kind of mark is looked for once over the block (linear, not quadratic).
  const lastClose = new Map<string, number>();
  for (let i = block.start; i < block.end; i++) {
    const s = spanAt(skipped, i);
    if (s) {
      i = s.end - 1;
      continue;
    }
    const closer = closerFor(md, i, block.start);
    if (!closer) continue;
    const kind = closer.kind === "'" && md[i] === '‚' ? '‚' : closer.kind;
    const known = lastClose.get(kind);
    const reuse = known !== undefined && (known < 0 || known > i);
    const close = reuse ? known : findClose(i + 1, block.end, skipped, closer.isClose);
    lastClose.set(kind, close);
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
