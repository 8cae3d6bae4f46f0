// Picks the passages worth ranking: key query words' postings are scanned; common words only refine the order.
import type { Term } from './expand';
import { topK } from './topK';
import { contains, type WordIndex } from './wordIndex';

/** What candidate selection needs to know about passages and sources. */
export interface PassageSpace {
  /** One more than the highest passage id ever given out. */
  readonly capacity: number;
  /** Number of passages currently indexed. */
  readonly count: number;
  /** Source id of passage `id`, or -1 when the passage is gone. */
  sourceOf(id: number): number;
  /** First passage id and number of passages of source `sid`. */
  range(sid: number): [number, number];
}

/** A passage that matched at least one query word, with what the word index knows about the match. */
export interface Candidate {
  /** Passage id. */
  id: number;
  /** Number of required query words (see `CandidateSet.required`) found in its text, title or key. */
  matched: number;
  /** Per query word: best match quality in the paragraph text (0 when absent). */
  text: number[];
  /** Per query word: best match quality in the source title or key (0 when absent). */
  title: number[];
  /** Cheap relevance from the word index alone, used to order candidates. */
  prescore: number;
}

/** Candidates plus per-word rarity, for the ranking step. */
export interface CandidateSet {
  /** Best candidates, best first by word-index relevance. */
  candidates: Candidate[];
  /** Per query word: inverse document frequency (rarer words weigh more). */
  idf: number[];
  /**
   * Per query word: whether a passage needs it to count as matching the whole query. Words found in more
   * than a third of the passages (the, of, on) are not needed, unless every query word is that common.
   */
  required: boolean[];
}

/** How many candidates to return. */
export interface CollectLimits {
  /** Most candidates returned. */
  max: number;
  /** Fewer candidates than this are made up with passages holding only common query words. */
  fill: number;
}

/** A word in more than this share of passages does not decide whether a passage matches the whole query. */
const COMMON_SHARE = 1 / 3;
/** Most postings read for the required words of one query, and for its common words (best expansions first). */
const SCAN_BUDGET = 300_000;
const COMMON_BUDGET = 100_000;
/** Title matches reaching more passages than this and a third of the corpus are not walked passage by passage. */
const TITLE_WALK_MIN = 5_000;
/** Below this many passages, no word counts as common. */
const COMMON_MIN_PASSAGES = 30;

/** A title-only match is worth this much of a match in the paragraph text. */
export const TITLE_WEIGHT = 0.5;

/** Scratch space reused across queries, so a keystroke allocates little. */
export class CandidateCollector {
  #best = new Float32Array(0);
  #acc = new Float64Array(0);
  #matched = new Uint8Array(0);

  /**
   * Scores the passages the key query words reach and returns the best `max`. When fewer than `fill` are
   * found, passages with only common query words make up the difference. `allowed` restricts passages (filters).
   */
  collect(
    index: WordIndex,
    space: PassageSpace,
    terms: Term[],
    limits: CollectLimits,
    allowed: ((id: number) => boolean) | null,
  ): CandidateSet {
    const { max } = limits;
    const fillTo = Math.min(max, limits.fill);
    const t = terms.length;
    const n = Math.max(1, space.count);
    this.#ensure(space.capacity);
    const best = this.#best;
    const acc = this.#acc;
    const matched = this.#matched;
    const touched: number[] = [];
    // A word is common when one of its index words alone reaches more than a third of the passages.
    const reach = (word: number) =>
      index.sources(word).reduce((sum, sid) => sum + space.range(sid)[1], index.passageCount(word));
    const longest = terms.map((term) => Math.max(0, ...term.expansions.map((e) => reach(e.id))));
    const common = longest.map((d) => n >= COMMON_MIN_PASSAGES && d > COMMON_SHARE * n);
    let required = common.map((c) => !c);
    if (!required.some(Boolean)) required = common.map(() => true);
    const idf = longest.map((d) => Math.log(1 + n / Math.max(1, d)));

    // Only required words are scanned, one word at a time; common words are looked up for the chosen few.
    let scanned = 0;
    for (let i = 0; i < t; i++) {
      if (!required[i]) continue;
      const hit: number[] = [];
      for (const e of terms[i].expansions) {
        if (scanned > SCAN_BUDGET && hit.length) break;
        scanned += index.passages(e.id).length;
        const q = e.quality;
        for (const id of index.passages(e.id)) {
          if (best[id] >= q) continue;
          if (allowed && !allowed(id)) continue;
          if (best[id] === 0) hit.push(id);
          best[id] = q;
        }
        const qt = TITLE_WEIGHT * q;
        // A title word shared by a large part of a big corpus tells passages apart too little to walk them all.
        if (reach(e.id) - index.passageCount(e.id) > Math.max(TITLE_WALK_MIN, COMMON_SHARE * n)) continue;
        for (const sid of index.sources(e.id)) {
          const [first, count] = space.range(sid);
          for (let id = first; id < first + count; id++) {
            if (best[id] >= qt || (allowed && !allowed(id))) continue;
            if (best[id] === 0) hit.push(id);
            best[id] = qt;
          }
        }
      }
      idf[i] = Math.log(1 + n / Math.max(1, hit.length));
      const w = idf[i];
      for (const id of hit) {
        if (acc[id] === 0) touched.push(id);
        acc[id] += w * best[id];
        matched[id]++;
        best[id] = 0;
      }
    }

    // Common words refine the order when more passages were found than can be ranked, and fill up the list
    // when fewer were. Posting lists are ascending, so this walks memory in order.
    const fill = touched.length < fillTo;
    if (fill || touched.length > max) {
      let read = 0;
      for (let i = 0; i < t; i++) {
        if (required[i]) continue;
        const w = idf[i];
        for (const e of terms[i].expansions) {
          if (read > COMMON_BUDGET || (fill && touched.length >= fillTo)) break;
          read += index.passages(e.id).length;
          const q = e.quality;
          for (const id of index.passages(e.id)) {
            if (best[id] >= q) continue;
            if (acc[id] === 0) {
              if (!fill || touched.length >= fillTo || (allowed && !allowed(id))) continue;
              touched.push(id);
            }
            acc[id] += w * (q - best[id]);
            best[id] = q;
          }
        }
        for (const id of touched) best[id] = 0;
      }
    }

    // Key: required words found (dominant), then rarity-weighted match quality.
    const keys = new Float64Array(touched.length);
    for (let j = 0; j < touched.length; j++) {
      const id = touched[j];
      keys[j] = matched[id] * 1e4 + acc[id];
      acc[id] = 0;
      matched[id] = 0;
    }
    const candidates: Candidate[] = topK(touched, keys, max).map(({ id }) => {
      const text: number[] = [];
      const title: number[] = [];
      let s = 0;
      let found = 0;
      for (let i = 0; i < t; i++) {
        text.push(bestIn(index, terms[i], id, false));
        title.push(bestIn(index, terms[i], space.sourceOf(id), true));
        const q = Math.max(text[i], TITLE_WEIGHT * title[i]);
        s += idf[i] * q;
        if (q > 0 && required[i]) found++;
      }
      return { id, matched: found, text, title, prescore: found * 1e4 + s };
    });
    candidates.sort((a, b) => b.prescore - a.prescore || a.id - b.id);
    return { candidates, idf, required };
  }

  // Grows the scratch arrays; they are all zero between queries.
  #ensure(capacity: number): void {
    if (this.#best.length >= capacity) return;
    const size = capacity + (capacity >> 2);
    this.#best = new Float32Array(size);
    this.#acc = new Float64Array(size);
    this.#matched = new Uint8Array(size);
  }
}

/** Best quality with which `term` occurs in passage `id` (or, with `title`, in the title of source `id`). */
function bestIn(index: WordIndex, term: Term, id: number, title: boolean): number {
  let best = 0;
  for (const e of term.expansions) {
    if (e.quality > best && contains(title ? index.sources(e.id) : index.passages(e.id), id)) best = e.quality;
  }
  return best;
}
