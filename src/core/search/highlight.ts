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
 * [start, end) ranges, in `text`'s own offsets, of the words `matches` accepts (given in folded form),
 * sorted and merged.
 */
export function matchRanges(text: string, matches: (word: string) => boolean): Array<[number, number]> {
  const folded = searchFoldWithMap(text);
  const raw: Array<[number, number]> = [];
  forEachWord(folded.text, (word, start, end) => {
    if (!matches(word)) return;
    const a = folded.map[start];
    const last = folded.map[end - 1];
    const code = text.charCodeAt(last);
    const b = code >= 0xd800 && code <= 0xdbff ? last + 2 : last + 1;
    raw.push([a, b]);
  });
  return mergeRanges(raw, text);
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
