// Part of an extraction read elsewhere (another thread): pass 1 and pass 2 of some sources, exchanged as plain data.
// The other side numbers the keys it meets itself (local ids, tagged as the extraction tags them); the extraction maps
// them to its own ids in the order a single reader would have met them, so the state it keeps is the same bytes.
import {
  readAhead,
  SavedText,
  savedTextOf,
  useSavedText,
  type ByteSource,
  type Paragraph,
  type SavedTextRef,
  type Source,
} from '../corpus';
import { keyOf } from './lexicon';
import type { KeySet, WordStats } from './runs';
import { addWordStats, namesIn, paragraphs, rawStats, type Found } from './scan';
import { TokenPool, tokenize } from './tokens';

/** The statistics sets, as {@link Extraction} numbers them: a key of one is `id * SETS + set`. */
export const LOWER = 0;
export const MID_CAPS = 1;
export const STANDALONE = 2;
export const SETS = 3;

/**
 * The tagged ids (`id * SETS + set`) of the keys a source's spellings fold to, each spelling folded once (`folded`
 * remembers it; `idOf` numbers a key the first time it is met).
 */
export function taggedStatIds(
  raw: ReturnType<typeof rawStats>,
  folded: Map<string, number>,
  idOf: (key: string) => number,
): Set<number> {
  const out = new Set<number>();
  const add = (set: Set<string>, which: number) => {
    for (const w of set) {
      let id = folded.get(w);
      if (id === undefined) folded.set(w, (id = idOf(keyOf(w))));
      out.add(id * SETS + which);
    }
  };
  add(raw.lower, LOWER);
  add(raw.midCaps, MID_CAPS);
  add(raw.standalone, STANDALONE);
  return out;
}

/**
 * What the other side reads of a source: its names, text and paragraphs (`spans`: n, start, end per paragraph). A text
 * still the one in the saved index goes as its place in the open file (`saved`), for a side that reads files.
 */
export interface PartSource {
  key: string;
  uri: string;
  place: string | null;
  text?: string;
  saved?: SavedTextRef;
  spans: number[];
}

/**
 * Pass 1's result for some sources: keys new since the last result (numbered on in this order), then each source's
 * tagged local ids in the order met. Sent in pieces of a few sources (messages of a few kB each, see {@link PIECE}).
 */
export interface PartStats {
  keys: string[];
  ids: number[][];
}

/**
 * The corpus-wide statistics for pass 2, in pieces: `bits` has a bit per set (1 << set) for the local ids from `from`
 * on; `keys` are keys the other side has not met that are in some set, with their bits in `keyBits` (numbered on after
 * every local id so far, in the order given).
 */
export interface PartMembership {
  /** How many keys the other side will know after the last piece. */
  total: number;
  from: number;
  bits: Uint8Array;
  keys: string[];
  keyBits: Uint8Array;
}

/**
 * Pass 2's result for some sources: keys new since the last result, each source's looked-up keys (tagged local ids, in
 * the order met) and its candidates as the extraction keeps them (see `putFound`).
 */
export interface PartNames {
  keys: string[];
  lookups: number[][];
  found: Uint8Array[];
}

/**
 * Sources per piece of a result, and keys per piece of the membership: every message stays small, as do the buffers
 * made to send it (large blocks freed raise the C library's threshold for giving memory back, and the process's peak).
 */
export const PIECE = 16;
export const MEMBERSHIP_PIECE = 16384;

/** Another thread that reads part of the sources for {@link Extraction.update} (plain messages both ways). */
export interface ScanHelper {
  /** The fewest sources read afresh for an update to share them. */
  readonly minimum: number;
  /** The share (0 to 1) of those sources it reads: the last ones. */
  readonly share: number;
  /** Pass 1 over these sources (more may follow). */
  add(sources: PartSource[]): void;
  /** After the last `add`: pass 1's results. */
  stats(): Promise<PartStats>;
  /** Pass 2 over every source added, with the statistics in pieces. */
  names(membership: PartMembership[]): Promise<PartNames>;
  /** The update is done with it (or gave up on it); the promise, if any, says when its resources are let go. */
  close(): Promise<void> | void;
  /** Whether it reads saved texts from the open file itself (they are then sent as their place, not decoded here). */
  readonly readsFiles?: boolean;
}

/** A source for the other side; with `byRef`, a saved text in an open file goes as its place in it. */
export function partSource(s: Source, byRef = false): PartSource {
  const spans: number[] = [];
  for (const p of s.paragraphs) spans.push(p.n, p.start, p.end);
  const saved = byRef ? savedTextOf(s)?.ref : undefined;
  return saved
    ? { key: s.key, uri: s.uri, place: s.place, saved, spans }
    : { key: s.key, uri: s.uri, place: s.place, text: s.text, spans };
}

/**
 * What pass 1 and 2 read of a source, as a source (namesIn reads key, uri, place, text and paragraph offsets); a saved
 * text is read through `open` when first used.
 */
function asSource(p: PartSource, open?: (fd: number) => ByteSource): Source {
  const paras: Paragraph[] = [];
  for (let i = 0; i < p.spans.length; i += 3)
    paras.push({ n: p.spans[i], start: p.spans[i + 1], end: p.spans[i + 2] } as Paragraph);
  if (p.text !== undefined)
    return { key: p.key, uri: p.uri, place: p.place, text: p.text, paragraphs: paras } as Source;
  if (!p.saved || !open) throw new Error('scan part: a source without its text');
  const s = { key: p.key, uri: p.uri, place: p.place, paragraphs: paras } as unknown as Source;
  useSavedText(s, new SavedText(open(p.saved.fd), p.saved.at, p.saved.bytes, p.saved.chars));
  return s;
}

/**
 * The other side: reads the sources it is given, pass 1 as they come, pass 2 when the statistics are known (their
 * texts are kept until then). `encode` writes a source's candidates as the extraction keeps them.
 */
export class ScanPart {
  readonly #encode: (found: Found[]) => Uint8Array;
  readonly #sources: Source[] = [];
  /** Each source's tagged local ids, in the order met. */
  readonly #own: number[][] = [];
  readonly #keys: string[] = [];
  readonly #ids = new Map<string, number>();
  readonly #folded = new Map<string, number>();
  /** Keys already sent. */
  #sent = 0;
  readonly #pool = new TokenPool();
  readonly #read = (text: string, base: number) => tokenize(text, base, this.#pool);

  /** Reads saved texts by their open file's descriptor (one reader per file). */
  readonly #open: ((fd: number) => ByteSource) | undefined;

  constructor(encode: (found: Found[]) => Uint8Array, open?: (fd: number) => ByteSource) {
    this.#encode = encode;
    if (open) {
      const files = new Map<number, ByteSource>();
      this.#open = (fd) => files.get(fd) ?? files.set(fd, open(fd)).get(fd)!;
    }
  }

  #id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.push(key) - 1;
      this.#ids.set(key, id);
    }
    return id;
  }

  /** Pass 1 over these sources (as `Extraction` numbers a source's statistics, but with local ids). */
  add(list: PartSource[]): void {
    const sources = list.map((p) => asSource(p, this.#open));
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      readAhead(sources, i);
      const raw = rawStats();
      for (const para of paragraphs([s], this.#read)) addWordStats(raw, para.tokens);
      this.#sources.push(s);
      this.#own.push([...taggedStatIds(raw, this.#folded, (key) => this.#id(key))]);
    }
  }

  #newKeys(): string[] {
    const out = this.#keys.slice(this.#sent);
    this.#sent = this.#keys.length;
    return out;
  }

  /** Pass 1's result for the sources from `from` to `to` (asked for in order). */
  stats(from: number, to: number): PartStats {
    return { keys: this.#newKeys(), ids: this.#own.slice(from, to) };
  }

  /** How many sources were added. */
  get size(): number {
    return this.#sources.length;
  }

  #bits = new Uint8Array(0);
  #marks = { own: new Uint32Array(0), seen: new Uint32Array(0) };
  #stamp = 0;
  #stats: WordStats | undefined;
  #lookups: number[] = [];

  /** A piece of the statistics for pass 2. */
  know(m: PartMembership): void {
    if (!this.#stats) this.#startNames();
    // Room for every key known and a quarter more met in pass 2, made once (large arrays regrown are large blocks freed).
    this.#room(Math.max(m.from + m.bits.length, this.#keys.length + m.keys.length, m.total + (m.total >> 2)));
    this.#bits.set(m.bits, m.from);
    m.keys.forEach((k, i) => {
      const id = this.#keys.length;
      if (this.#id(k) !== id) throw new Error('scan part: keys out of step');
      this.#bits[id] = m.keyBits[i];
    });
    this.#sent = this.#keys.length;
  }

  /** Room for `n` keys in the bits and marks. */
  #room(n: number): void {
    if (n > this.#bits.length) {
      const next = new Uint8Array(Math.max(n, this.#bits.length + (this.#bits.length >> 1)));
      next.set(this.#bits);
      this.#bits = next;
    }
    if (n * SETS > this.#marks.own.length) {
      const grow = (a: Uint32Array) => {
        const next = new Uint32Array(Math.max(n * SETS, a.length + (a.length >> 1)));
        next.set(a);
        return next;
      };
      this.#marks = { own: grow(this.#marks.own), seen: grow(this.#marks.seen) };
    }
  }

  #startNames(): void {
    this.#folded.clear();
    const view = (which: number): KeySet => ({
      has: (k) => {
        const id = this.#id(k);
        if (id >= this.#bits.length) this.#room(id + 1);
        const t = id * SETS + which;
        const marks = this.#marks;
        if (marks.own[t] === this.#stamp) return true;
        if (marks.seen[t] !== this.#stamp) {
          marks.seen[t] = this.#stamp;
          this.#lookups.push(t);
        }
        return (this.#bits[id] & (1 << which)) !== 0;
      },
    });
    this.#stats = { lower: view(LOWER), midCaps: view(MID_CAPS), standalone: view(STANDALONE) };
  }

  /** Pass 2 over the sources from `from` to `to` (asked for in order, after every piece of the statistics). */
  names(from: number, to: number): PartNames {
    if (!this.#stats) this.#startNames();
    this.#room(this.#keys.length);
    const stats = this.#stats!;
    const lookups: number[][] = [];
    const found: Uint8Array[] = [];
    for (let i = from; i < to; i++) {
      readAhead(this.#sources, i);
      this.#stamp++;
      for (const t of this.#own[i]) this.#marks.own[t] = this.#stamp;
      this.#lookups = [];
      const out: Found[] = [];
      for (const p of paragraphs([this.#sources[i]], this.#read)) namesIn(p, stats, out);
      lookups.push(this.#lookups);
      found.push(this.#encode(out));
      // Its text is let go.
      this.#sources[i] = undefined as unknown as Source;
    }
    return { keys: this.#newKeys(), lookups, found };
  }
}
