// The word index to and from plain data; sources whose text changed since are re-indexed, not trusted.
import { savedTextOf, textIdentity, type SavedText } from '../corpus/savedText';
import type { Source } from '../corpus/types';
import type { PassageRegistry } from './registry';
import type { PackedPostings, SerializedSearchIndex, SerializedSource } from './types';
import { unpack, type WordIndex } from './wordIndex';

/** FNV-1a hash of a string, as 8 hex digits. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function deltas(ids: readonly number[], map: (id: number) => number): number[] {
  const out: number[] = [];
  let prev = 0;
  for (const id of ids) {
    const v = map(id);
    out.push(v - prev);
    prev = v;
  }
  return out;
}

/** Undoes `deltas` and maps each ordinal through `ids` (-1: dropped), in one pass. */
function undeltaTo(list: ArrayLike<number>, ids: number[]): number[] {
  const out = new Array<number>(list.length);
  let n = 0;
  let acc = 0;
  for (let i = 0; i < list.length; i++) {
    acc += list[i];
    const id = ids[acc];
    if (id !== undefined && id >= 0) out[n++] = id;
  }
  out.length = n;
  return out;
}

/** Maps ascending ordinals through `ids` (-1: dropped), in place. */
function mapIds(list: number[], ids: number[]): number[] {
  let n = 0;
  for (const ordinal of list) {
    const id = ids[ordinal];
    if (id !== undefined && id >= 0) list[n++] = id;
  }
  list.length = n;
  return list;
}

/**
 * Encodes the registry's sources and the word index. `packed`: the posting lists as variable-length integers in
 * `packed` (`passages` and `titles` left empty), a fraction of the memory of lists of numbers (what a save writes).
 */
export function encode(registry: PassageRegistry, words: WordIndex, packed = false): SerializedSearchIndex {
  const entries = registry.entries;
  const ordinal = new Map<number, number>(); // sid -> ordinal of its first passage
  const sourceIndex = new Map<number, number>(); // sid -> index in `sources`
  let next = 0;
  const sources: SerializedSource[] = entries.map((e, i) => {
    ordinal.set(e.sid, next);
    sourceIndex.set(e.sid, i);
    next += e.count;
    return {
      uri: e.source.uri,
      key: e.source.key,
      title: e.source.title,
      fingerprint: savedTextOf(e.source)?.fingerprint ?? fingerprint(e.source.text),
      paragraphs: e.count,
    };
  });
  const passageOrdinal = (id: number) => {
    const e = registry.bySid(registry.sourceOf(id))!;
    return ordinal.get(e.sid)! + (id - e.first);
  };
  const data: SerializedSearchIndex = { version: 1, sources, words: [], passages: [], titles: [] };
  const sourceOrdinal = (sid: number) => sourceIndex.get(sid)!;
  if (packed) {
    const lists = new PostingWriter();
    for (const { word, passages, sources: sids } of words.entries()) {
      data.words.push(word);
      lists.list(passages, passageOrdinal);
      lists.list(sids, sourceOrdinal);
    }
    data.packed = lists.done();
    return data;
  }
  for (const { word, passages, sources: sids } of words.entries()) {
    data.words.push(word);
    data.passages.push(deltas(passages, passageOrdinal));
    data.titles.push(deltas(sids, sourceOrdinal));
  }
  return data;
}

/** Posting lists written straight into `PackedPostings` form: per list its count, then its deltas (varints). */
export class PostingWriter {
  #buf = new Uint8Array(1 << 16);
  #n = 0;
  #at: number[] = [];
  #counts: number[] = [];

  /** Appends one list of ascending ids, each mapped through `map` first (ascending still). */
  list(ids: readonly number[], map: (id: number) => number = (id) => id): void {
    this.#push(ids.length);
    this.#at.push(this.#n);
    this.#counts.push(ids.length);
    let prev = 0;
    for (const id of ids) {
      const v = map(id);
      this.#push(v - prev);
      prev = v;
    }
  }

  /** Appends one list already given as deltas. */
  deltas(list: readonly number[]): void {
    this.#push(list.length);
    this.#at.push(this.#n);
    this.#counts.push(list.length);
    for (const d of list) this.#push(d);
  }

  #push(v: number): void {
    if (this.#n + 5 > this.#buf.length) {
      const next = new Uint8Array(this.#buf.length * 2);
      next.set(this.#buf.subarray(0, this.#n));
      this.#buf = next;
    }
    while (v >= 0x80) {
      this.#buf[this.#n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.#buf[this.#n++] = v;
  }

  done(): PackedPostings {
    return { bytes: this.#buf.slice(0, this.#n), at: Int32Array.from(this.#at), counts: Int32Array.from(this.#counts) };
  }
}

function matches(saved: SerializedSource, source: Source, written: Written | undefined): boolean {
  return (
    saved.key === source.key &&
    saved.title === source.title &&
    saved.paragraphs === source.paragraphs.length &&
    (written?.get(saved.uri) === textIdentity(source) || saved.fingerprint === fingerprint(source.text))
  );
}

/** Source texts saved with a word index, by URI, as `textIdentity` gives them (a saved text is compared unread). */
export type Written = ReadonlyMap<string, SavedText | string>;

/**
 * Loads `data` into an empty registry and word index for the given sources. Returns the sources the data
 * does not cover as they are now (new, or changed since): the caller indexes those afresh. `written` (URI → text)
 * holds only texts saved together with `data` in one checked file: a source with exactly that text skips the
 * fingerprint (it is the text the fingerprint was taken from).
 */
export function decode(
  data: SerializedSearchIndex,
  sources: Source[],
  registry: PassageRegistry,
  words: WordIndex,
  written?: Written,
): Source[] {
  if (data.version !== 1) return sources;
  const given = new Map(sources.map((s) => [s.uri, s]));
  // Ordinal -> new passage id (or -1), and index in data.sources -> new sid (or -1); undefined while each id is its
  // ordinal (every saved source back, numbered as saved: the usual warm start), made when that stops being so.
  let passageId: number[] | undefined;
  let sourceId: number[] | undefined;
  let passages = 0;
  const renumber = () => {
    passageId = Array.from({ length: passages }, (_, i) => i);
    sourceId = Array.from({ length: taken.size }, (_, i) => i);
  };
  const taken = new Set<string>();
  for (const saved of data.sources) {
    const now = given.get(saved.uri);
    if (now && !taken.has(saved.uri) && matches(saved, now, written)) {
      // The saved fingerprint is this text's (saved from it, or just compared with it): the next save reuses it.
      const text = savedTextOf(now);
      if (text) text.fingerprint ??= saved.fingerprint;
      const e = registry.add(now);
      if (!passageId && (e.sid !== taken.size || e.first !== passages)) renumber();
      taken.add(saved.uri);
      passages += e.count;
      if (!passageId || !sourceId) continue;
      sourceId.push(e.sid);
      for (let j = 0; j < e.count; j++) passageId.push(e.first + j);
    } else {
      if (!passageId || !sourceId) renumber();
      sourceId!.push(-1);
      for (let j = 0; j < saved.paragraphs; j++) passageId!.push(-1);
    }
  }
  const packed = data.packed;
  if (!passageId && packed && words.size === 0) {
    // Every saved source is back, numbered as when saved: the saved lists are the lists, decoded when first used.
    words.restorePacked(data.words, packed);
  } else {
    if (!passageId || !sourceId) renumber();
    const [pid, sid] = [passageId!, sourceId!];
    data.words.forEach((word, w) => {
      const ps = packed ? mapIds(unpack(packed, 2 * w), pid) : undeltaTo(data.passages[w], pid);
      const ts = packed ? mapIds(unpack(packed, 2 * w + 1), sid) : undeltaTo(data.titles[w], sid);
      if (ps.length || ts.length) words.restore(word, ps, ts);
    });
  }
  return sources.filter((s) => !taken.has(s.uri));
}
