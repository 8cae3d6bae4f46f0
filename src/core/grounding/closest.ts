// The passage most like a quotation that was not found: a sliding window of words scored by shared words and word pairs.
import type { Corpus } from '../corpus/corpus';
import { foldWithMap } from '../text/normalize';
import { cleanQuote } from './match';
import { foldedParagraph, passagesOf, type Passage } from './passages';
import type { ClosestPassage, Where } from './types';

/** Below this score a passage is not worth naming as "closest". */
export const MIN_CLOSEST_SCORE = 0.3;

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The quotation's words as small numbers, how often each and each pair of neighbours occurs in it. */
interface Quoted {
  length: number;
  ids: Map<string, number>;
  /** Occurrences of word `id` in the quotation. */
  wanted: Int32Array;
  /** Occurrences of the pair `a * ids.size + b` in the quotation. */
  pairs: Map<number, number>;
  /** Every pair as its two word ids and its count, for the upper bound. */
  pairList: Array<[number, number, number]>;
  /** The words a long quotation is probed with (see `longQuoteBound`), chosen on first use. */
  probes?: Array<[string, number]>;
}

function quoted(qWords: string[]): Quoted {
  const ids = new Map<string, number>();
  for (const w of qWords) if (!ids.has(w)) ids.set(w, ids.size);
  const wanted = new Int32Array(ids.size);
  const seq = qWords.map((w) => ids.get(w)!);
  for (const id of seq) wanted[id]++;
  const pairs = new Map<number, number>();
  for (let i = 1; i < seq.length; i++) {
    const k = seq[i - 1] * ids.size + seq[i];
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  const pairList = [...pairs].map(([k, n]): [number, number, number] => [Math.floor(k / ids.size), k % ids.size, n]);
  return { length: qWords.length, ids, wanted, pairs, pairList };
}

function score(q: Quoted, words: number, pairs: number): number {
  const uni = words / q.length;
  return q.length > 1 ? (uni + pairs / (q.length - 1)) / 2 : uni;
}

/**
 * The most any window of the passage could score, from which of the quotation's words occur in its text at all
 * (found with `includes`, so without reading the passage word by word).
 */
function upperBound(q: Quoted, text: string): number {
  if (q.ids.size > PROBES) return longQuoteBound(q, text);
  const present = new Uint8Array(q.ids.size);
  let words = 0;
  for (const [w, id] of q.ids) if (text.includes(w)) ((present[id] = 1), (words += q.wanted[id]));
  if (!words) return 0;
  let pairs = 0;
  for (const [a, b, n] of q.pairList) if (present[a] && present[b]) pairs += n;
  return score(q, words, pairs);
}

/** Distinct words of a quotation looked for with `includes`; a longer quotation probes only its longest words. */
const PROBES = 64;

/** The bound for a quotation of many distinct words: words not probed count as present, and every pair as shared. */
function longQuoteBound(q: Quoted, text: string): number {
  q.probes ??= [...q.ids].sort((a, b) => b[0].length - a[0].length).slice(0, PROBES);
  let words = q.length;
  for (const [w, id] of q.probes) if (!text.includes(w)) words -= q.wanted[id];
  return words > 0 ? score(q, words, q.length - 1) : 0;
}

interface Window {
  score: number;
  /** Offsets in the folded text of the window's first character and just past its last. */
  start: number;
  end: number;
}

/**
 * The best window of as many words as the quotation (the first of equals) in folded `text`: one pass, with the
 * shared words and pairs kept up to date as the window moves on.
 */
function bestWindow(q: Quoted, text: string): Window {
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD)) {
    ids.push(q.ids.get(m[0]) ?? -1);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const n = ids.length;
  const size = Math.min(q.length, n);
  const d = q.ids.size;
  const seen = new Int32Array(d);
  const seenPairs = new Map<number, number>();
  const pairAt = (i: number) => (ids[i] >= 0 && ids[i + 1] >= 0 ? ids[i] * d + ids[i + 1] : -1);
  let shared = 0;
  let sharedPairs = 0;
  const move = (i: number, by: 1 | -1) => {
    const id = ids[i];
    if (id >= 0) {
      if (by > 0 ? seen[id] < q.wanted[id] : seen[id] <= q.wanted[id]) shared += by;
      seen[id] += by;
    }
  };
  const movePair = (i: number, by: 1 | -1) => {
    const k = pairAt(i);
    const wanted = k < 0 ? 0 : (q.pairs.get(k) ?? 0);
    if (!wanted) return;
    const had = seenPairs.get(k) ?? 0;
    if (by > 0 ? had < wanted : had <= wanted) sharedPairs += by;
    seenPairs.set(k, had + by);
  };
  let best: Window = { score: -1, start: 0, end: 0 };
  for (let i = 0; i < n; i++) {
    move(i, 1);
    if (i > 0 && size > 1) movePair(i - 1, 1);
    const s = i - size + 1;
    if (s > 0) {
      move(s - 1, -1);
      if (size > 1) movePair(s - 1, -1);
    }
    if (s < 0) continue;
    const sc = score(q, shared, sharedPairs);
    if (sc > best.score) best = { score: sc, start: starts[s], end: ends[i] };
  }
  return best;
}

/**
 * The closest window of `passages` to the quotation, if any scores at least `MIN_CLOSEST_SCORE`. Passages are
 * taken in order of the most they could score and only read word by word while that could beat the best so far, so
 * one misquotation against a large corpus reads little of it; ties go to the earlier passage, as a full scan would.
 */
export function closestIn(quote: string, passages: Passage[]): ClosestPassage | undefined {
  const qWords = words(foldWithMap(cleanQuote(quote)).text);
  if (!qWords.length) return undefined;
  const q = quoted(qWords);
  const candidates: Array<{ index: number; bound: number }> = [];
  passages.forEach(({ paragraph }, index) => {
    const bound = upperBound(q, foldedParagraph(paragraph).text);
    if (bound >= MIN_CLOSEST_SCORE) candidates.push({ index, bound });
  });
  candidates.sort((a, b) => b.bound - a.bound || a.index - b.index);
  let best: (Window & { index: number }) | undefined;
  for (const { index, bound } of candidates) {
    if (best && (bound < best.score || (bound === best.score && index > best.index))) break;
    const w = bestWindow(q, foldedParagraph(passages[index].paragraph).text);
    if (w.score < MIN_CLOSEST_SCORE) continue;
    if (!best || w.score > best.score || (w.score === best.score && index < best.index)) best = { ...w, index };
  }
  if (!best) return undefined;
  const { source, paragraph } = passages[best.index];
  const f = foldedParagraph(paragraph);
  const [a, b] = balanceMarks(paragraph.text, f.map[best.start], f.map[best.end - 1] + 1);
  const score = Math.round(best.score * 1000) / 1000;
  return { key: source.key, paragraph: paragraph.n, text: paragraph.text.slice(a, b), score };
}

const OPENER = /(?:^|[\s([\u2013\u2014-])["“‘']/gu;
const CLOSER = /["”’'](?=$|[\s,.;:!?)\]\u2013\u2014-])/gu;

/** Widens `start`..`end` of `text` by a quotation mark just outside it when a mark inside is left unpaired. */
function balanceMarks(text: string, start: number, end: number): [number, number] {
  const slice = text.slice(start, end);
  const opens = slice.match(OPENER)?.length ?? 0;
  const closes = slice.match(CLOSER)?.length ?? 0;
  if (opens > closes) {
    const m = /^[,.;:!?]*["”’']/.exec(text.slice(end));
    if (m) return [start, end + m[0].length];
  }
  if (closes > opens && /["“‘']/.test(text[start - 1] ?? '')) return [start - 1, end];
  return [start, end];
}

/** The passage of the corpus (or of `where`) most like the quotation, if one is close enough to name. */
export function closestPassage(quote: string, corpus: Corpus, where?: Where): ClosestPassage | undefined {
  return closestIn(quote, passagesOf(corpus, where));
}
