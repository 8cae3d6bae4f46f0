// Finding a quotation in source paragraphs, ignoring case, whitespace, quote and dash forms; `…` stands for omitted words.
import type { Corpus } from '../corpus/corpus';
import { fold } from '../text/normalize';
import { foldedParagraph, loosen, passagesOf, WORD_CHAR, type Passage } from './passages';
import type { QuoteLocation, Where } from './types';

/** Punctuation and white space trimmed from both ends of a quotation piece. */
const EDGE_CHARS = new Set([...' "\'.,;:!?-']);

/** `s` without white space and `"'.,;:!?-` at either end; a loop (a regex anchored at the end is quadratic). */
function trimEdges(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (EDGE_CHARS.has(s[a]) || /\s/.test(s[a]))) a++;
  while (b > a && (EDGE_CHARS.has(s[b - 1]) || /\s/.test(s[b - 1]))) b--;
  return s.slice(a, b);
}

/**
 * Splits folded text at omissions: an ellipsis (`...`, `. . .`; `…` folds to `...`) or an editor's bracket (`[…]`,
 * `[India]`). One pass: a bracket with no `]` after it is text, and so is every later one.
 */
function splitAtOmissions(t: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  let nextClose = -2;
  for (let i = 0; i < t.length; i++) {
    let end = -1;
    if (t[i] === '[') {
      if (nextClose !== -1 && nextClose < i) nextClose = t.indexOf(']', i);
      if (nextClose >= 0) end = nextClose + 1;
    } else if (t[i] === '.') {
      let j = i + 1;
      let dots = 1;
      for (;;) {
        if (t[j] === '.') j++;
        else if (t[j] === ' ' && t[j + 1] === '.') j += 2;
        else break;
        dots++;
      }
      if (dots >= 3) end = j;
    }
    if (end < 0) continue;
    pieces.push(t.slice(from, i));
    from = end;
    i = end - 1;
  }
  pieces.push(t.slice(from));
  return pieces;
}

/** Strips Markdown from a quotation as written in a briefing: escapes, emphasis, block-quote markers, line breaks. */
export function cleanQuote(quote: string): string {
  return quote
    .replace(/\r?\n[ \t]*(?:>[ \t]?)*/g, ' ')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\*+/g, '')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1');
}

/** The folded pieces of a quotation between omissions; empty when nothing in it can be checked. */
export function quotePieces(quote: string): string[] {
  return splitAtOmissions(fold(cleanQuote(quote)))
    .map((piece) => trimEdges(loosen({ text: piece, map: [] }).text))
    .filter((piece) => WORD_CHAR.test(piece));
}

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Next occurrence of `needle` at or after `from` that neither starts nor ends inside a word. */
function indexOfWhole(hay: string, needle: string, from: number): number {
  for (let i = hay.indexOf(needle, from); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const cutsStart = isWord(needle[0]) && isWord(hay[i - 1]);
    const cutsEnd = isWord(needle[needle.length - 1]) && isWord(hay[i + needle.length]);
    if (!cutsStart && !cutsEnd) return i;
  }
  return -1;
}

/** Where the pieces occur in order in `hay` (folded offsets), if they do. */
export function matchPieces(hay: string, pieces: string[]): { start: number; end: number } | undefined {
  let pos = 0;
  let start = -1;
  for (const piece of pieces) {
    const i = indexOfWhole(hay, piece, pos);
    if (i < 0) return undefined;
    if (start < 0) start = i;
    pos = i + piece.length;
  }
  return start < 0 ? undefined : { start, end: pos };
}

/** Every passage that contains the quotation (first match in each). */
export function findQuoteIn(quote: string, passages: Passage[]): QuoteLocation[] {
  const pieces = quotePieces(quote);
  if (!pieces.length) return [];
  const found: QuoteLocation[] = [];
  for (const { source, paragraph } of passages) {
    const f = foldedParagraph(paragraph);
    const m = matchPieces(f.text, pieces);
    if (m) found.push({ key: source.key, paragraph: paragraph.n, start: f.map[m.start], end: f.map[m.end - 1] + 1 });
  }
  return found;
}

/**
 * Finds a quotation in the corpus, or only where `where` says. Case, whitespace, curly or straight quotes and
 * apostrophes, and dash forms are ignored; `...` or `…` in the quotation stands for omitted words.
 */
export function findQuote(quote: string, corpus: Corpus, where?: Where): QuoteLocation[] {
  return findQuoteIn(quote, passagesOf(corpus, where));
}
