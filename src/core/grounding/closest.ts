// The passage most like a quotation that was not found: a sliding window of words scored by shared words and word pairs.
import type { Corpus } from '../corpus/corpus';
import { foldWithMap } from '../text/normalize';
import { cleanQuote } from './match';
import { foldedParagraph, passagesOf, type Passage } from './passages';
import type { ClosestPassage, Where } from './types';

/** Below this score a passage is not worth naming as "closest". */
export const MIN_CLOSEST_SCORE = 0.3;

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

interface Token {
  word: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

function counts(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function pairs(words: string[]): string[] {
  return words.slice(1).map((w, i) => `${words[i]} ${w}`);
}

/** Shared items of a window and the quotation, counting repeats no more often than the quotation has them. */
function overlap(window: string[], wanted: Map<string, number>): number {
  const seen = new Map<string, number>();
  let n = 0;
  for (const w of window) {
    const k = (seen.get(w) ?? 0) + 1;
    seen.set(w, k);
    if (k <= (wanted.get(w) ?? 0)) n++;
  }
  return n;
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

/** The closest window of `passages` to the quotation, if any scores at least `MIN_CLOSEST_SCORE`. */
export function closestIn(quote: string, passages: Passage[]): ClosestPassage | undefined {
  const q = tokens(foldWithMap(cleanQuote(quote)).text).map((t) => t.word);
  if (!q.length) return undefined;
  const qWords = counts(q);
  const qPairs = counts(pairs(q));
  let best: ClosestPassage | undefined;
  let bestScore = 0;
  for (const { source, paragraph } of passages) {
    const f = foldedParagraph(paragraph);
    const toks = tokens(f.text);
    if (!toks.some((t) => qWords.has(t.word))) continue;
    const size = Math.min(q.length, toks.length);
    const words = toks.map((t) => t.word);
    for (let s = 0; s + size <= toks.length; s++) {
      const win = words.slice(s, s + size);
      const uni = overlap(win, qWords) / q.length;
      const score = q.length > 1 ? (uni + overlap(pairs(win), qPairs) / (q.length - 1)) / 2 : uni;
      if (score < MIN_CLOSEST_SCORE || score <= bestScore) continue;
      bestScore = score;
      const [a, b] = balanceMarks(paragraph.text, f.map[toks[s].start], f.map[toks[s + size - 1].end - 1] + 1);
      const text = paragraph.text.slice(a, b);
      best = { key: source.key, paragraph: paragraph.n, text, score: Math.round(score * 1000) / 1000 };
    }
  }
  return best;
}

/** The passage of the corpus (or of `where`) most like the quotation, if one is close enough to name. */
export function closestPassage(quote: string, corpus: Corpus, where?: Where): ClosestPassage | undefined {
  return closestIn(quote, passagesOf(corpus, where));
}
