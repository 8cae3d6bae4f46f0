// Final relevance: BM25 over the candidates' text (rare words weigh most), other names of a run of query words
// counted once, quoted phrases required, query words side by side rewarded, passages with every query word first
// (those needing no other name for it before the others).
import type { Term } from './expand';
import { isStopWord } from './stopWords';
import { forEachWord } from './tokenize';
import { contains, type WordIndex } from './wordIndex';

/** BM25 constants: term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** A match in the source's title or key counts this much of one in the paragraph. */
const TITLE_WEIGHT = 0.3;
/** Bonus, relative to the BM25 sum, when every neighbouring pair of query words stands side by side. */
const PROXIMITY_WEIGHT = 0.25;
/** A stop word of the question counts this much of a content word of the same rarity (it only breaks near-ties). */
const STOP_WEIGHT = 0.3;

/** Query words that go together: the words typed, or any one of their other names (Saudi Arabia / Riyadh). */
export interface TermGroup {
  /** Indexes into the term list of the words typed. */
  words: number[];
  /** Indexes into the term list of other names, each with its label and the words it needs besides its term's. */
  alts: Array<{ term: number; label: string; words: string[] }>;
  /** The words as typed, for "matched Riyadh for Saudi Arabia". */
  typed: string;
}

/** What the ranker needs about one candidate passage. */
export interface RankInput {
  id: number;
  /** Source id (for title matches). */
  sid: number;
  /** The paragraph, search-folded. */
  text: string;
}

/** A ranked passage. */
export interface Ranked {
  id: number;
  /**
   * Relevance in (0, 1]; passages with every query word (or another name for it) score above 0.5, those with every
   * word as typed above 0.75.
   */
  score: number;
  /** Other names that stood in for query words here: "matched Riyadh for Saudi Arabia". */
  notes: string[];
  /** Their terms (indexes into the term list). */
  alts: number[];
}

/** Corpus statistics BM25 needs. */
export interface CorpusStats {
  /** Passages indexed. */
  passages: number;
  /** Mean passage length in characters. */
  averageLength: number;
}

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * Scores passages: per term, the best of its expansions by quality × BM25; per group, the words typed or the
 * best other name; plus a proximity bonus. Passages lacking a quoted phrase are dropped.
 */
export function rank(
  index: WordIndex,
  stats: CorpusStats,
  terms: Term[],
  groups: TermGroup[],
  phrases: string[][],
  inputs: RankInput[],
  stopWords: string[] = [],
): Ranked[] {
  // The question's stop words (`what`, `must`, `not`) are not required, but a passage using them too is likelier
  // the one meant ("we must not let this moment pass"): a small share of BM25, never a match of their own.
  const stopWeight = new Map<string, number>();
  for (const w of stopWords) {
    const id = index.id(w);
    if (id !== undefined) stopWeight.set(w, STOP_WEIGHT * idf(stats.passages, index.passages(id).length));
  }
  const stopTf = new Map<string, number>();
  // Folded word -> (term, expansion slot) pairs; slots number all expansions of all terms.
  const slotsOf = new Map<string, number[]>();
  const slotTerm: number[] = [];
  const slotWeight: number[] = [];
  const slotId: number[] = [];
  terms.forEach((t, i) => {
    for (const e of t.expansions) {
      const w = index.word(e.id);
      const slot = slotTerm.length;
      slotTerm.push(i);
      slotWeight.push(e.quality * idf(stats.passages, index.passages(e.id).length));
      slotId.push(e.id);
      const list = slotsOf.get(w);
      if (list) list.push(slot);
      else slotsOf.set(w, [slot]);
    }
  });
  // Another name weighs what the words it stands for weigh (rarity of the concept, not of the spelling).
  const idfOf = (t: number) =>
    terms[t].expansions.length ? idf(stats.passages, index.passages(terms[t].expansions[0].id).length) : 0;
  // When the words typed only match as typos, their other names are no surer than that (Afganistan: Afghan).
  for (const g of groups) {
    const typed = g.words.reduce((a, t) => a + idfOf(t), 0);
    if (!typed) continue;
    const sure = Math.min(...g.words.map((t) => terms[t].expansions[0]?.quality ?? 1));
    for (const a of g.alts) {
      for (let s = 0; s < slotTerm.length; s++) {
        if (slotTerm[s] === a.term)
          slotWeight[s] = terms[a.term].expansions.find((e) => e.id === slotId[s])!.quality * typed * sure;
      }
    }
  }
  // Which terms are typed words (for proximity), in query order.
  const typedOrder = groups.flatMap((g) => g.words);
  const termBit = new Map<number, number>();
  typedOrder.forEach((t, k) => termBit.set(t, k));
  const groupWeight = groups.map((g) =>
    Math.max(...g.words.map((t) => maxWeight(t)), ...g.alts.map((a) => maxWeight(a.term)), 0),
  );
  const totalWeight = groupWeight.reduce((a, b) => a + b, 0) || 1;
  // A term's weight is that of its best expansion (the word itself when the corpus has it).
  function maxWeight(t: number): number {
    const s = slotTerm.indexOf(t);
    return s < 0 ? 0 : slotWeight[s];
  }

  const tf = new Float64Array(slotTerm.length);
  const out: Ranked[] = [];
  for (const input of inputs) {
    tf.fill(0);
    stopTf.clear();
    const tokens: string[] = [];
    let pairs = 0;
    let prevBit = -2;
    forEachWord(input.text, (w) => {
      tokens.push(w);
      const slots = slotsOf.get(w);
      if (!slots) {
        if (stopWeight.has(w)) stopTf.set(w, (stopTf.get(w) ?? 0) + 1);
        if (!isStopWord(w)) prevBit = -2;
        return;
      }
      let bit = -2;
      for (const s of slots) {
        tf[s]++;
        const k = termBit.get(slotTerm[s]);
        if (k !== undefined) bit = k;
      }
      if (bit >= 0 && bit === prevBit + 1) pairs |= 1 << bit;
      prevBit = bit;
    });
    if (phrases.length && !phrases.every((p) => hasPhrase(tokens, p))) continue;
    const norm = K1 * (1 - B + (B * input.text.length) / Math.max(1, stats.averageLength));
    const termScore = new Float64Array(terms.length);
    for (let s = 0; s < slotTerm.length; s++) {
      let v = 0;
      if (tf[s] > 0) v = (slotWeight[s] * tf[s] * (K1 + 1)) / (tf[s] + norm);
      else if (contains(index.sources(slotId[s]), input.sid)) v = TITLE_WEIGHT * slotWeight[s];
      if (v > termScore[slotTerm[s]]) termScore[slotTerm[s]] = v;
    }
    let present: Set<string> | undefined;
    const has = (w: string) => (present ??= new Set(tokens)).has(w);
    let sum = 0;
    let covered = 0;
    const notes: string[] = [];
    const alts: number[] = [];
    groups.forEach((g, gi) => {
      const typed = g.words.reduce((a, t) => a + termScore[t], 0);
      const all = g.words.every((t) => termScore[t] > 0);
      let best = typed;
      let alt: TermGroup['alts'][number] | undefined;
      // Other names stand in only for words the passage lacks, and only when all their words are there.
      for (const a of all ? [] : g.alts) {
        if (termScore[a.term] > best && a.words.every((w) => has(w))) ((best = termScore[a.term]), (alt = a));
      }
      sum += best;
      if (all || alt) covered += groupWeight[gi];
      else if (g.words.some((t) => termScore[t] > 0)) covered += groupWeight[gi] / 2;
      if (alt) (notes.push(`matched ${alt.label} for ${g.typed}`), alts.push(alt.term));
    });
    if (sum <= 0) continue;
    let stopSum = 0;
    for (const [w, n] of stopTf) stopSum += (stopWeight.get(w)! * n * (K1 + 1)) / (n + norm);
    let adjacent = 0;
    for (let k = 1; k < typedOrder.length; k++) if (pairs & (1 << k)) adjacent++;
    const proximity = typedOrder.length > 1 ? adjacent / (typedOrder.length - 1) : 0;
    const raw = sum * (1 + PROXIMITY_WEIGHT * proximity) + stopSum;
    const rel = 1 - Math.exp(-raw / totalWeight);
    const all = covered >= totalWeight - 1e-9;
    const share = covered / totalWeight;
    // Every word as typed (or a typo, stem or completion of it) beats every word only through another name: a
    // query for Türkiye shows the passages saying Türkiye before those saying Turkey, however short those are.
    const score = !all ? 0.5 * rel * Math.max(0.01, share * share) : alts.length ? 0.5 + 0.25 * rel : 0.75 + 0.25 * rel;
    out.push({ id: input.id, score: Math.max(score, 1e-6), notes, alts });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}

function hasPhrase(tokens: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
