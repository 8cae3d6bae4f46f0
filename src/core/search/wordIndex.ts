// The word index: vocabulary, word -> passages and word -> sources (titles, keys), with prefix and typo lookup.
import { boundedDistance, letterMask, popCount } from './editDistance';
import { stemOf } from './stopWords';

/** A vocabulary word close to a query word. */
export interface NearWord {
  /** Word id. */
  id: number;
  /** Edits between the query word and this word. */
  edits: number;
}

const PREFIX_BUCKET = 3;

/** Position of the first element >= `value` in an ascending list. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when the ascending list holds `value`. */
export function contains(list: readonly number[], value: number): boolean {
  const i = lowerBound(list, value);
  return i < list.length && list[i] === value;
}

/** Removes the ids in [lo, hi) from an ascending list, in place. */
function removeRange(list: number[], lo: number, hi: number): void {
  const a = lowerBound(list, lo);
  const b = lowerBound(list, hi);
  if (b > a) list.splice(a, b - a);
}

/**
 * Words to passages. Passage and source ids are handed in by the caller in ascending order of addition, so
 * each posting list stays sorted and a source's passages (a contiguous id range) can be cut out without
 * touching any other source.
 */
export class WordIndex {
  #ids = new Map<string, number>();
  #words: string[] = [];
  #masks: number[] = [];
  #text: number[][] = [];
  #titles: number[][] = [];
  #lastText: number[] = [];
  #lastTitle: number[] = [];
  // Built on first use (a warm start restores many words that no query may ever ask about by prefix or stem).
  #prefixMap: Map<string, number[]> | undefined;
  #stemMap: Map<string, number[]> | undefined;

  get #prefixes(): Map<string, number[]> {
    if (!this.#prefixMap) {
      this.#prefixMap = new Map();
      for (let id = 0; id < this.#words.length; id++) this.#addPrefixes(this.#words[id], id);
    }
    return this.#prefixMap;
  }

  get #stems(): Map<string, number[]> {
    if (!this.#stemMap) {
      this.#stemMap = new Map();
      for (let id = 0; id < this.#words.length; id++) this.#addStem(this.#words[id], id);
    }
    return this.#stemMap;
  }

  #addPrefixes(word: string, id: number): void {
    const map = this.#prefixMap!;
    for (let k = 1; k <= Math.min(PREFIX_BUCKET, word.length); k++) {
      const p = word.slice(0, k);
      const bucket = map.get(p);
      if (bucket) bucket.push(id);
      else map.set(p, [id]);
    }
  }

  #addStem(word: string, id: number): void {
    const stem = stemOf(word);
    const same = this.#stemMap!.get(stem);
    if (same) same.push(id);
    else this.#stemMap!.set(stem, [id]);
  }

  /** Number of distinct words ever seen (including words no passage uses any more). */
  get size(): number {
    return this.#words.length;
  }

  /** The id of `word`, adding it to the vocabulary when new. */
  intern(word: string): number {
    let id = this.#ids.get(word);
    if (id !== undefined) return id;
    id = this.#words.length;
    this.#ids.set(word, id);
    this.#words.push(word);
    this.#masks.push(letterMask(word));
    this.#text.push([]);
    this.#titles.push([]);
    this.#lastText.push(-1);
    this.#lastTitle.push(-1);
    if (this.#prefixMap) this.#addPrefixes(word, id);
    if (this.#stemMap) this.#addStem(word, id);
    return id;
  }

  /** The id of `word`, or undefined when it was never indexed. */
  id(word: string): number | undefined {
    return this.#ids.get(word);
  }

  /** The word with this id. */
  word(id: number): string {
    return this.#words[id];
  }

  /** Records that passage `passage` contains `word`; passages must be added in ascending id order. */
  addToPassage(word: string, passage: number): void {
    const id = this.intern(word);
    if (this.#lastText[id] === passage) return;
    this.#lastText[id] = passage;
    this.#text[id].push(passage);
  }

  /** Records that the title or key of source `source` contains `word`; ascending source ids. */
  addToSource(word: string, source: number): void {
    const id = this.intern(word);
    if (this.#lastTitle[id] === source) return;
    this.#lastTitle[id] = source;
    this.#titles[id].push(source);
  }

  /** Drops passages [lo, hi) from the posting lists of the given words. */
  removePassages(wordList: Iterable<string>, lo: number, hi: number): void {
    for (const w of wordList) {
      const id = this.#ids.get(w);
      if (id !== undefined) removeRange(this.#text[id], lo, hi);
    }
  }

  /** Drops source `source` from the title posting lists of the given words. */
  removeSource(wordList: Iterable<string>, source: number): void {
    for (const w of wordList) {
      const id = this.#ids.get(w);
      if (id !== undefined) removeRange(this.#titles[id], source, source + 1);
    }
  }

  /** Ascending ids of the passages containing word `id` (do not modify). */
  passages(id: number): readonly number[] {
    return this.#text[id];
  }

  /** Ascending ids of the sources whose title or key contains word `id` (do not modify). */
  sources(id: number): readonly number[] {
    return this.#titles[id];
  }

  /** True when some passage, title or key still uses word `id`. */
  live(id: number): boolean {
    return this.#text[id].length > 0 || this.#titles[id].length > 0;
  }

  /** Live words starting with `prefix` (the prefix itself included when it is a word). */
  withPrefix(prefix: string): number[] {
    const bucket = this.#prefixes.get(prefix.slice(0, PREFIX_BUCKET));
    if (!bucket) return [];
    const out: number[] = [];
    const exact = prefix.length <= PREFIX_BUCKET;
    for (const id of bucket) {
      if (!this.live(id)) continue;
      if (exact || this.#words[id].startsWith(prefix)) out.push(id);
    }
    return out;
  }

  /** Live words with the same stem as `word` (`strike` for `strikes`), the word itself excluded. */
  sameStem(word: string): number[] {
    return (this.#stems.get(stemOf(word)) ?? []).filter((id) => this.#words[id] !== word && this.live(id));
  }

  /**
   * Live words that start with a string within `maxEdits` of `prefix` (a half-typed word with a typo:
   * `hegsr` -> hegseth), sharing its first letter; words that start with `prefix` itself are excluded.
   */
  nearPrefix(prefix: string, maxEdits: number): NearWord[] {
    const out: NearWord[] = [];
    if (maxEdits <= 0) return out;
    const bucket = this.#prefixes.get(prefix[0]) ?? [];
    const len = prefix.length;
    for (const id of bucket) {
      const w = this.#words[id];
      if (w.length < len - maxEdits || w.startsWith(prefix) || !this.live(id)) continue;
      let best = maxEdits + 1;
      for (let k = Math.max(1, len - maxEdits); k <= Math.min(w.length, len + maxEdits); k++) {
        best = Math.min(best, boundedDistance(prefix, w.slice(0, k), maxEdits));
      }
      if (best <= maxEdits) out.push({ id, edits: best });
    }
    return out;
  }

  /** Live words within `maxEdits` of `word` (a swapped pair counts as one edit), the word itself excluded. */
  near(word: string, maxEdits: number): NearWord[] {
    const out: NearWord[] = [];
    if (maxEdits <= 0) return out;
    const mask = letterMask(word);
    const len = word.length;
    const words = this.#words;
    const masks = this.#masks;
    const maxBits = 2 * maxEdits;
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      if (Math.abs(w.length - len) > maxEdits) continue;
      if (popCount(masks[id] ^ mask) > maxBits) continue;
      if (w === word || !this.live(id)) continue;
      const edits = boundedDistance(word, w, maxEdits);
      if (edits <= maxEdits) out.push({ id, edits });
    }
    return out;
  }

  /** All words with their passage and source posting lists, for serialisation. */
  entries(): Array<{ word: string; passages: readonly number[]; sources: readonly number[] }> {
    const out: Array<{ word: string; passages: readonly number[]; sources: readonly number[] }> = [];
    for (let id = 0; id < this.#words.length; id++) {
      if (this.live(id)) out.push({ word: this.#words[id], passages: this.#text[id], sources: this.#titles[id] });
    }
    return out;
  }

  /** Restores one word's posting lists (ascending ids) when loading a serialised index. */
  restore(word: string, passages: number[], sources: number[]): void {
    const id = this.intern(word);
    this.#text[id] = passages;
    this.#titles[id] = sources;
    this.#lastText[id] = passages.length ? passages[passages.length - 1] : -1;
    this.#lastTitle[id] = sources.length ? sources[sources.length - 1] : -1;
  }
}
