// Final relevance: all query words before some, then match quality, phrase order, fuse.js score, frequency.
import { TITLE_WEIGHT, type Candidate } from './candidates';
import type { Term } from './expand';
import { forEachWord } from './tokenize';
import type { WordIndex } from './wordIndex';

/** A candidate with its final relevance. */
export interface Ranked {
  /** Passage id. */
  id: number;
  /** Relevance in (0, 1]; passages with every query word score above 0.5, the others below. */
  score: number;
}

/** Weights of the signals within one coverage tier; they add up to 1. */
const W = { quality: 0.5, phrase: 0.2, fuse: 0.25, frequency: 0.05 };

/** Folded word -> bit set of the query words it stands for. */
export function termMasks(index: WordIndex, terms: Term[]): Map<string, number> {
  const masks = new Map<string, number>();
  terms.forEach((t, i) => {
    for (const e of t.expansions) {
      const w = index.word(e.id);
      masks.set(w, (masks.get(w) ?? 0) | (1 << i));
    }
  });
  return masks;
}

/** How a passage's words sit relative to the query. */
export interface Proximity {
  /** Share of neighbouring query word pairs found side by side, in query order. */
  phrase: number;
  /** How often query words occur, squashed into [0, 1]. */
  frequency: number;
}

/** Phrase and frequency signals of a passage's folded text for a query of `t` words. */
export function proximity(folded: string, masks: Map<string, number>, t: number): Proximity {
  let prev = 0;
  let pairs = 0;
  let hits = 0;
  forEachWord(folded, (word) => {
    const m = masks.get(word) ?? 0;
    if (m) hits++;
    pairs |= (prev << 1) & m;
    prev = m;
  });
  let found = 0;
  for (let i = 1; i < t; i++) if (pairs & (1 << i)) found++;
  return { phrase: t > 1 ? found / (t - 1) : 0, frequency: Math.min(1, Math.log2(1 + hits) / 4) };
}

/** Scores candidates; `fuse` holds fuse.js relevance for the candidates it ranked (others count 0 there). */
export function rank(
  candidates: Candidate[],
  idf: number[],
  required: boolean[],
  details: Map<number, Proximity>,
  fuse: Map<number, number>,
): Ranked[] {
  const t = idf.length;
  const idfSum = idf.reduce((a, b) => a + b, 0) || 1;
  const phraseWeight = t > 1 ? W.phrase : 0;
  const out: Ranked[] = [];
  for (const c of candidates) {
    let quality = 0;
    let coverage = 0;
    for (let i = 0; i < t; i++) {
      const q = Math.max(c.text[i], TITLE_WEIGHT * c.title[i]);
      quality += idf[i] * q;
      if (q > 0) coverage += idf[i];
    }
    quality /= idfSum;
    coverage /= idfSum;
    const { phrase, frequency } = details.get(c.id) ?? { phrase: 0, frequency: 0 };
    const rel =
      ((W.quality + W.phrase - phraseWeight) * quality + phraseWeight * phrase + W.fuse * (fuse.get(c.id) ?? 0) + W.frequency * frequency);
    const all = c.matched === required.filter(Boolean).length;
    const score = all ? 0.5 + 0.5 * rel : 0.5 * Math.min(coverage, 0.999) * (0.4 + 0.6 * rel);
    out.push({ id: c.id, score: Math.max(score, 1e-6) });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}
