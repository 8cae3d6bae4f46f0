// Picks the passages worth ranking: every query word's postings scored in one pass, best few kept.
import type { Term } from './expand';
import type { WordIndex } from './wordIndex';

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

/** A word in more than this share of passages does not decide whether a passage matches the whole query. */
const COMMON_SHARE = 1 / 3;
/** Below this many passages, no word counts as common. */
const COMMON_MIN_PASSAGES = 30;

/** A title-only match is worth this much of a match in the paragraph text. */
export const TITLE_WEIGHT = 0.5;

/** Scratch space reused across queries, so a keystroke allocates little. */
export class CandidateCollector {
  #textQ = new Float32Array(0);
  #titleQ = new Float32Array(0);
  #seen = new Uint8Array(0);

  /** Scores all passages touched by `terms` and returns the best `max`; `allowed` restricts to source ids. */
  collect(index: WordIndex, space: PassageSpace, terms: Term[], max: number, allowed: Set<number> | null): CandidateSet {
    const t = terms.length;
    this.#ensure(space.capacity, t);
    const textQ = this.#textQ;
    const titleQ = this.#titleQ;
    const seen = this.#seen;
    const touched: number[] = [];
    const df = new Array<number>(t).fill(0);

    for (let i = 0; i < t; i++) {
      for (const e of terms[i].expansions) {
        for (const id of index.passages(e.id)) {
          const slot = id * t + i;
          if (textQ[slot] >= e.quality) continue;
          if (allowed && !allowed.has(space.sourceOf(id))) continue;
          if (!seen[id]) (seen[id] = 1), touched.push(id);
          if (textQ[slot] === 0 && titleQ[slot] === 0) df[i]++;
          textQ[slot] = e.quality;
        }
        for (const sid of index.sources(e.id)) {
          if (allowed && !allowed.has(sid)) continue;
          const [first, count] = space.range(sid);
          for (let id = first; id < first + count; id++) {
            const slot = id * t + i;
            if (titleQ[slot] >= e.quality) continue;
            if (!seen[id]) (seen[id] = 1), touched.push(id);
            if (textQ[slot] === 0 && titleQ[slot] === 0) df[i]++;
            titleQ[slot] = e.quality;
          }
        }
      }
    }

    const n = Math.max(1, space.count);
    const idf = df.map((d) => Math.log(1 + n / Math.max(1, d)));
    let required = df.map((d) => n < COMMON_MIN_PASSAGES || d <= COMMON_SHARE * n);
    if (!required.some(Boolean)) required = df.map(() => true);
    const keyOf = (id: number): number => {
      let s = 0;
      let matched = 0;
      for (let i = 0; i < t; i++) {
        const q = Math.max(textQ[id * t + i], TITLE_WEIGHT * titleQ[id * t + i]);
        s += idf[i] * q;
        if (q > 0 && required[i]) matched++;
      }
      return matched * 1e4 + s;
    };
    const best = topByKey(touched, max, keyOf);
    const candidates: Candidate[] = best.map(([id, key]) => {
      const text: number[] = [];
      const title: number[] = [];
      for (let i = 0; i < t; i++) text.push(textQ[id * t + i]), title.push(titleQ[id * t + i]);
      return { id, matched: Math.floor(key / 1e4), text, title, prescore: key };
    });

    for (const id of touched) {
      seen[id] = 0;
      textQ.fill(0, id * t, id * t + t);
      titleQ.fill(0, id * t, id * t + t);
    }
    return { candidates, idf, required };
  }

  // Grows the scratch arrays; they are all zero between queries, whatever the number of query words.
  #ensure(capacity: number, width: number): void {
    if (this.#seen.length < capacity) {
      this.#seen = new Uint8Array(capacity + (capacity >> 2));
    }
    const size = capacity * width;
    if (this.#textQ.length < size) {
      this.#textQ = new Float32Array(size + (size >> 2));
      this.#titleQ = new Float32Array(size + (size >> 2));
    }
  }
}

/** The `max` ids with the highest keys, best first (ties: lower id first). */
function topByKey(ids: number[], max: number, keyOf: (id: number) => number): Array<[number, number]> {
  const better = (a: [number, number], b: [number, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  if (ids.length <= max) {
    return ids.map((id): [number, number] => [id, keyOf(id)]).sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }
  // A min-heap of the best `max` seen so far: its root is the weakest kept.
  const heap: Array<[number, number]> = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m], heap[l])) m = l;
      if (r < heap.length && better(heap[m], heap[r])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const id of ids) {
    const e: [number, number] = [id, keyOf(id)];
    if (heap.length < max) {
      heap.push(e);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!better(heap[p], heap[i])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (better(e, heap[0])) {
      heap[0] = e;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
