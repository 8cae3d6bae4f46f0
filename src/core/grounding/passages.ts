// The paragraphs a quotation is looked for in, and their loosely folded text (kept per paragraph, folded once).
import type { Corpus } from '../corpus/corpus';
import type { Paragraph, Source } from '../corpus/types';
import { FoldBuilder, foldWithMap, type FoldedText } from '../text/normalize';
import type { Where } from './types';

/** A paragraph together with the source it belongs to. */
export interface Passage {
  /** The source. */
  source: Source;
  /** One of its paragraphs. */
  paragraph: Paragraph;
}

/** A letter or digit: what a word is made of, for quotation boundaries. */
export const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A quotation mark (any `"`, or `'` not between two letters as an apostrophe is), which a quotation may cut across. */
function isQuoteMark(t: string, i: number): boolean {
  return t[i] === '"' || (t[i] === "'" && !(WORD_CHAR.test(t[i - 1] ?? '') && WORD_CHAR.test(t[i + 1] ?? '')));
}

/**
 * Folded text made looser still: quotation marks dropped (a briefing may quote across the source's own marks), and
 * no space next to a dash, after `(` or before closing punctuation, so that `people , and` matches `people, and` and
 * `agreement — comparable` matches `agreement—comparable`.
 */
export function loosen(f: FoldedText): FoldedText {
  const t = f.text;
  const out = new FoldBuilder(t.length);
  for (let i = 0; i < t.length; i++) {
    if (isQuoteMark(t, i)) continue;
    if (t[i] === ' ') {
      let j = i + 1;
      while (isQuoteMark(t, j)) j++;
      const prev = out.last;
      if (prev === -1 || prev === SPACE || prev === DASH || prev === PAREN) continue;
      if (CLOSING.test(t[j] ?? '') || j >= t.length) continue;
    }
    out.push(t.charCodeAt(i), f.map[i]);
  }
  return out.done(f.map[t.length]);
}

const [SPACE, DASH, PAREN] = [32, 45, 40];
const CLOSING = /[-,.;:!?)]/;

const folded = new WeakMap<Paragraph, FoldedText>();

/** The paragraph's text folded and loosened for matching, with offsets back into `paragraph.text`. */
export function foldedParagraph(paragraph: Paragraph): FoldedText {
  let f = folded.get(paragraph);
  if (!f) folded.set(paragraph, (f = loosen(foldWithMap(paragraph.text))));
  return f;
}

/** The passages `where` names: one source's paragraphs `from`..`to`, its whole text, or the whole corpus. */
export function passagesOf(corpus: Corpus, where?: Where): Passage[] {
  const sources = where ? [corpus.get(where.key)].filter((s): s is Source => !!s) : corpus.sources;
  const from = where?.from ?? 1;
  const to = where?.to ?? (where?.from !== undefined ? where.from : Infinity);
  return sources.flatMap((source) =>
    source.paragraphs.filter((p) => p.n >= from && p.n <= to).map((paragraph) => ({ source, paragraph })),
  );
}
