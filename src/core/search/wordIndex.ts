// The word index: vocabulary, word -> passages and word -> sources (titles, keys), with prefix and typo lookup.
import { boundedDistance, letterMask, popCount } from './editDistance';
import { stemOf } from './stopWords';
import type { PackedPostings } from './types';

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
  /** Per word, its passages; undefined while the list is still only in `#packed` (decoded on first use). */
  #text: Array<number[] | undefined> = [];
  #titles: Array<number[] | undefined> = [];
  /** The saved lists of the first words (a warm start), as bytes with the edits made since; see `restorePacked`. */
  #packed: PackedLists | undefined;
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
    if (this.#text[id]) this.#text[id].push(passage);
    else this.#packed!.add(2 * id, passage);
  }

  /** Records that the title or key of source `source` contains `word`; ascending source ids. */
  addToSource(word: string, source: number): void {
    const id = this.intern(word);
    if (this.#lastTitle[id] === source) return;
    this.#lastTitle[id] = source;
    if (this.#titles[id]) this.#titles[id].push(source);
    else this.#packed!.add(2 * id + 1, source);
  }

  /** Drops passages [lo, hi) from the posting lists of the given words. */
  removePassages(wordList: Iterable<string>, lo: number, hi: number): void {
    for (const w of wordList) {
      const id = this.#ids.get(w);
      if (id === undefined) continue;
      const list = this.#text[id];
      if (list) removeRange(list, lo, hi);
      else if (this.#packed!.cut(2 * id, lo, hi)) this.#passageList(id);
    }
  }

  /** Drops source `source` from the title posting lists of the given words. */
  removeSource(wordList: Iterable<string>, source: number): void {
    for (const w of wordList) {
      const id = this.#ids.get(w);
      if (id === undefined) continue;
      const list = this.#titles[id];
      if (list) removeRange(list, source, source + 1);
      else if (this.#packed!.cut(2 * id + 1, source, source + 1)) this.#sourceList(id);
    }
  }

  /** Ascending ids of the passages containing word `id` (do not modify). */
  passages(id: number): readonly number[] {
    return this.#passageList(id);
  }

  /** Ascending ids of the sources whose title or key contains word `id` (do not modify). */
  sources(id: number): readonly number[] {
    return this.#sourceList(id);
  }

  /** How many passages contain word `id` (without decoding a saved list). */
  passageCount(id: number): number {
    return this.#text[id]?.length ?? this.#packed!.count(2 * id);
  }

  /** How many sources have word `id` in their title or key (without decoding a saved list). */
  sourceCount(id: number): number {
    return this.#titles[id]?.length ?? this.#packed!.count(2 * id + 1);
  }

  /** True when some passage, title or key still uses word `id`. */
  live(id: number): boolean {
    return this.passageCount(id) > 0 || this.sourceCount(id) > 0;
  }

  #passageList(id: number): number[] {
    return (this.#text[id] ??= this.#packed!.take(2 * id));
  }

  #sourceList(id: number): number[] {
    return (this.#titles[id] ??= this.#packed!.take(2 * id + 1));
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

  /** All words with their passage and source posting lists, for serialisation (saved lists are decoded for it, not kept). */
  *entries(): Generator<{ word: string; passages: readonly number[]; sources: readonly number[] }> {
    for (let id = 0; id < this.#words.length; id++) {
      if (!this.live(id)) continue;
      const passages = this.#text[id] ?? this.#packed!.decode(2 * id);
      const sources = this.#titles[id] ?? this.#packed!.decode(2 * id + 1);
      yield { word: this.#words[id], passages, sources };
    }
  }

  /**
   * Takes saved posting lists as they are (an empty index only): `words[w]` gets id `w`, and its lists stay bytes until
   * first used. The ids in `packed` must be the ids this index's caller uses (passage and source ids as numbered when
   * saved); the bytes must have been checked (`PackedPostings`).
   */
  restorePacked(words: readonly string[], packed: PackedPostings): void {
    if (this.#words.length) throw new Error('restorePacked needs an empty word index');
    this.#packed = new PackedLists(packed);
    // The vocabulary in bulk, as `intern` would add it word by word, without its empty lists.
    const n = words.length;
    this.#words = words.slice();
    for (let id = 0; id < n; id++) this.#ids.set(words[id], id);
    if (this.#ids.size !== n) throw new Error('restorePacked needs distinct words');
    this.#masks = this.#words.map(letterMask);
    this.#text = new Array<number[] | undefined>(n).fill(undefined);
    this.#titles = new Array<number[] | undefined>(n).fill(undefined);
    this.#lastText = new Array<number>(n).fill(-1);
    this.#lastTitle = new Array<number>(n).fill(-1);
    if (this.#prefixMap) for (let id = 0; id < n; id++) this.#addPrefixes(words[id], id);
    if (this.#stemMap) for (let id = 0; id < n; id++) this.#addStem(words[id], id);
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

/** Edits to one saved list since it was restored: id ranges cut out, ids added (above every saved id). */
interface ListEdits {
  cuts: Array<[number, number]>;
  added: number[];
  count: number;
}

/** Cuts kept on one saved list before it is decoded for good (each cut is checked against the earlier ones). */
const MAX_CUTS = 16;

/**
 * Saved posting lists as bytes, and what changed in them since: a changed source cuts its passages out of the lists of
 * its words and adds its new ones, without decoding lists (which for common words are long) a query may never need.
 */
class PackedLists {
  readonly #data: PackedPostings;
  readonly #edits = new Map<number, ListEdits>();

  constructor(data: PackedPostings) {
    this.#data = data;
  }

  count(list: number): number {
    return this.#edits.get(list)?.count ?? this.#data.counts[list];
  }

  #edit(list: number): ListEdits {
    let e = this.#edits.get(list);
    if (!e) this.#edits.set(list, (e = { cuts: [], added: [], count: this.#data.counts[list] }));
    return e;
  }

  /** Adds an id above every id in the list. */
  add(list: number, id: number): void {
    const e = this.#edit(list);
    e.added.push(id);
    e.count++;
  }

  /** Cuts ids [lo, hi) out of the list; true when it has been cut so often that it is better decoded now. */
  cut(list: number, lo: number, hi: number): boolean {
    const e = this.#edit(list);
    const a = lowerBound(e.added, lo);
    const b = lowerBound(e.added, hi);
    if (b > a) {
      e.added.splice(a, b - a);
      e.count -= b - a;
    }
    const saved = this.#savedIn(list, lo, hi, e.cuts);
    if (saved) {
      e.cuts.push([lo, hi]);
      e.count -= saved;
    }
    return e.cuts.length > MAX_CUTS;
  }

  // Saved ids in [lo, hi) not cut already: a scan of the bytes up to `hi`, nothing decoded into memory.
  #savedIn(list: number, lo: number, hi: number, cuts: Array<[number, number]>): number {
    const { bytes } = this.#data;
    const count = this.#data.counts[list];
    let at = this.#data.at[list];
    let acc = 0;
    let n = 0;
    for (let i = 0; i < count; i++) {
      acc += varint(bytes, at);
      at = varintEnd;
      if (acc >= hi) break;
      if (acc >= lo && !isCut(acc, cuts)) n++;
    }
    return n;
  }

  /** The list as it is now (saved ids minus cuts, then the ids added). */
  decode(list: number): number[] {
    const out = unpack(this.#data, list);
    const e = this.#edits.get(list);
    if (!e) return out;
    let n = 0;
    for (const id of out) if (!isCut(id, e.cuts)) out[n++] = id;
    out.length = n;
    for (const id of e.added) out.push(id);
    return out;
  }

  /** `decode`, for a list that is kept decoded from now on (its edits are dropped). */
  take(list: number): number[] {
    const out = this.decode(list);
    this.#edits.delete(list);
    return out;
  }
}

function isCut(id: number, cuts: Array<[number, number]>): boolean {
  for (const [lo, hi] of cuts) if (id >= lo && id < hi) return true;
  return false;
}

/** Where the last `varint` read stopped (a second result without an allocation). */
let varintEnd = 0;

/** The unsigned variable-length integer at `at` (checked when the bytes were read); sets `varintEnd`. */
function varint(bytes: Uint8Array, at: number): number {
  let b = bytes[at++];
  let v = b & 0x7f;
  for (let shift = 7; b >= 0x80; shift += 7) {
    b = bytes[at++];
    v |= (b & 0x7f) << shift;
  }
  varintEnd = at;
  return v;
}

/**
 * Posting list `list` of `packed` (2w: word w's passages, 2w + 1: its sources) as ascending ids: the saved deltas
 * added up. The bytes were checked when read (counts, ranges, order), so this reads without checks.
 */
export function unpack(packed: PackedPostings, list: number): number[] {
  const { bytes } = packed;
  const count = packed.counts[list];
  const out = new Array<number>(count);
  let at = packed.at[list];
  let acc = 0;
  for (let i = 0; i < count; i++) {
    acc += varint(bytes, at);
    at = varintEnd;
    out[i] = acc;
  }
  return out;
}
