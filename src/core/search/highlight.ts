// Match ranges in a passage's own text, and the text cut into plain and highlighted segments for display.
import { searchFoldWithMap } from './fold';
import { forEachWord } from './tokenize';

/** A piece of text to render, highlighted or not; renderers escape `text` themselves. */
export interface Segment {
  /** The characters of this piece, verbatim. */
  text: string;
  /** True when the piece matched the query. */
  match: boolean;
}

/** Gaps this short made only of spaces or dashes join two matched words into one range ("Barak-8"). */
const JOINABLE_GAP = /^[\s\-\u2010-\u2015]$/;

/**
 * How a word of a passage relates to the query: `strong` stands for a key query word and is always shown;
 * `weak` stands for a common one (the, of) and is shown only beside a key word; `none` is not a query word.
 */
export type WordMatch = 'strong' | 'weak' | 'none';

/**
 * [start, end) ranges, in `text`'s own offsets, of the query words found in it, sorted and merged. `classify`
 * receives words in folded form. Weak words are kept only in a run of neighbouring query words that holds a
 * strong one, so "the state of the union" lights up as a phrase but a lone "the" does not; a passage with no
 * strong word at all shows its weak ones.
 */
export function matchRanges(text: string, classify: (word: string) => WordMatch): Array<[number, number]> {
  const folded = searchFoldWithMap(text);
  const raw: Array<[number, number]> = [];
  const weak: Array<[number, number]> = [];
  let run: Array<[number, number]> = [];
  let strong = false;
  const flush = () => {
    if (strong) raw.push(...run);
    run = [];
    strong = false;
  };
  forEachWord(folded.text, (word, start, end) => {
    const kind = classify(word);
    if (kind === 'none') return flush();
    const a = folded.map[start];
    const last = folded.map[end - 1];
    const code = text.charCodeAt(last);
    const range: [number, number] = [a, code >= 0xd800 && code <= 0xdbff ? last + 2 : last + 1];
    run.push(range);
    weak.push(range);
    if (kind === 'strong') strong = true;
  });
  flush();
  return mergeRanges(raw.length ? raw : weak, text);
}

/** Sorts ranges and merges those that overlap, touch, or are split only by one space or dash. */
export function mergeRanges(ranges: Array<[number, number]>, text: string): Array<[number, number]> {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && (a <= last[1] || JOINABLE_GAP.test(text.slice(last[1], a)))) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Cuts `text` into segments at the match ranges (out-of-range or overlapping ranges are clipped). */
export function highlight(text: string, matches: Array<[number, number]>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [a0, b0] of [...matches].sort((x, y) => x[0] - y[0])) {
    const a = Math.max(at, Math.min(a0, text.length));
    const b = Math.max(a, Math.min(b0, text.length));
    if (b === a) continue;
    if (a > at) out.push({ text: text.slice(at, a), match: false });
    out.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}
