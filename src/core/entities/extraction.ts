// Incremental extraction. Pass 2 of a source (its names) depends on the rest of the corpus only through the word
// statistics it looks up, and pass 1 (the statistics a source contributes) on nothing else. So each source keeps its
// candidates, the statistics keys it contributes and the keys it looked up (those it does not contribute itself); the
// corpus-wide statistics are counts (how many sources contribute a key). A change drops the changed or removed sources'
// contributions, adds the new ones, and re-reads the new sources plus those that looked up a key whose membership
// flipped: every other source would find exactly what it found before. Everything is kept as bytes (variable-length
// integers), saved with the index as they are, and read only when an update needs them.
import { readAhead, type Source } from '../corpus';
import type { KeySet, WordStats } from './runs';
import {
  LOWER,
  MEMBERSHIP_PIECE,
  MID_CAPS,
  PIECE,
  partSource,
  SETS,
  STANDALONE,
  taggedStatIds,
  type PartMembership,
  type PartNames,
  type PartStats,
  type ScanHelper,
} from './part';
import { addWordStats, namesIn, paragraphs, rawStats, STEP, type Found, type ReadParagraph } from './scan';
import { TokenPool, tokenize } from './tokens';
import { ENTITY_TYPES } from './types';

/** What one source keeps, as bytes. */
interface SourceRecord {
  /** Tagged ids of the keys it contributes to the statistics (ascending, as deltas). */
  stats: Uint8Array;
  /** Tagged ids of the keys it looked up in pass 2 and does not contribute itself (ascending, as deltas). */
  lookups: Uint8Array;
  /** Its candidates as pass 2 left them (see {@link putFound}). */
  found: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A growing buffer of unsigned variable-length integers (7 bits a byte, low bits first) and strings. */
class Writer {
  #buf = new Uint8Array(256);
  #n = 0;

  /** Makes room for `more` bytes (at once, when the size is known: fewer copies). */
  room(more: number): void {
    this.#room(more);
  }

  #room(more: number): void {
    if (this.#n + more <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#n + more));
    next.set(this.#buf.subarray(0, this.#n));
    this.#buf = next;
  }

  uint(v: number): void {
    if (!(Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) throw new Error(`not a count: ${v}`);
    this.#room(5);
    while (v >= 0x80) {
      this.#buf[this.#n++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.#buf[this.#n++] = v;
  }

  /** A signed integer, zig-zag coded. */
  int(v: number): void {
    this.uint(v < 0 ? -2 * v - 1 : 2 * v);
  }

  bytes(b: Uint8Array): void {
    this.uint(b.length);
    this.#room(b.length);
    this.#buf.set(b, this.#n);
    this.#n += b.length;
  }

  /** Strings as their lengths, then their UTF-8 bytes together (read back with one decode). */
  strings(list: string[]): void {
    this.uint(list.length);
    for (const s of list) this.uint(s.length);
    this.bytes(encoder.encode(list.join('')));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#n;
  }

  /** What was written: a copy of the used part, or the buffer itself when little of it is unused (a large block). */
  get out(): Uint8Array {
    const unused = this.#buf.length - this.#n;
    return unused <= this.#buf.length >> 3 ? this.#buf.subarray(0, this.#n) : this.#buf.slice(0, this.#n);
  }
}

/** Reads what {@link Writer} wrote; throws on anything else (a saved block that does not read is dropped). */
class Reader {
  #at = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.#at >= this.buf.length;
  }

  uint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.#at >= this.buf.length || scale > 2 ** 28) throw new Error('extraction data: bad integer');
      const b = this.buf[this.#at++];
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 128;
    }
  }

  int(): number {
    const v = this.uint();
    return v % 2 ? -(v + 1) / 2 : v / 2;
  }

  bytes(): Uint8Array {
    const n = this.uint();
    if (this.#at + n > this.buf.length) throw new Error('extraction data: truncated');
    return this.buf.subarray(this.#at, (this.#at += n));
  }

  strings(): string[] {
    const lengths = new Array<number>(this.uint());
    for (let i = 0; i < lengths.length; i++) lengths[i] = this.uint();
    const all = decoder.decode(this.bytes());
    const out = new Array<string>(lengths.length);
    let c = 0;
    for (let i = 0; i < lengths.length; i++) out[i] = all.slice(c, (c += lengths[i]));
    if (c !== all.length) throw new Error('extraction data: strings do not add up');
    return out;
  }
}

/** Bytes of one block of {@link Slab}. */
const SLAB = 1 << 20;

/**
 * Keeps records' bytes in shared blocks (as views), rather than as one small array each: the 30,000 arrays of a large
 * corpus cost more in allocator overhead and scattered memory than their bytes. A block lives while any record in it
 * does, so replaced records can hold a block a while; what a save writes and a start reads is one block again.
 */
class Slab {
  #block = new Uint8Array(0);
  #n = 0;

  keep(bytes: Uint8Array): Uint8Array {
    if (bytes.length > SLAB >> 4) return bytes.slice();
    if (this.#n + bytes.length > this.#block.length) {
      this.#block = new Uint8Array(SLAB);
      this.#n = 0;
    }
    const out = this.#block.subarray(this.#n, (this.#n += bytes.length));
    out.set(bytes);
    return out;
  }
}

/** Ascending tagged ids as deltas. */
function putIds(ids: ArrayLike<number>): Uint8Array {
  const w = new Writer();
  let last = 0;
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i];
    w.uint(t - last);
    last = t;
  }
  return w.out;
}

/** Room for one source's ids, reused: {@link ascending} returns a view of it. */
let idRoom = new Uint32Array(1 << 12);

/**
 * `ids` in ascending order, sorted natively in a typed array (tagged ids are small non-negative integers; a sort with a
 * comparison function calls it for every pair, ~1.5 million ids over 10,000 sources). The result is a view of one
 * shared array, valid until the next call (each source's ids are written out before the next source's are sorted).
 */
function ascending(ids: Iterable<number>, map?: (t: number) => number): Uint32Array {
  let n = 0;
  for (const t of ids) {
    if (n === idRoom.length) {
      const more = new Uint32Array(idRoom.length * 2);
      more.set(idRoom);
      idRoom = more;
    }
    idRoom[n++] = map ? map(t) : t;
  }
  return idRoom.subarray(0, n).sort();
}

function eachId(bytes: Uint8Array, fn: (t: number) => void): void {
  const r = new Reader(bytes);
  let t = 0;
  while (!r.done) fn((t += r.uint()));
}

function someId(bytes: Uint8Array, test: (t: number) => boolean): boolean {
  const r = new Reader(bytes);
  let t = 0;
  while (!r.done) if (test((t += r.uint()))) return true;
  return false;
}

/** A number per tagged id (0 until set), in a typed array that grows with the ids. */
class Marks {
  #a = new Int32Array(1 << 16);

  get(t: number): number {
    return t < this.#a.length ? this.#a[t] : 0;
  }

  set(t: number, v: number): void {
    if (t >= this.#a.length) {
      const next = new Int32Array(Math.max(this.#a.length * 2, t + 1));
      next.set(this.#a);
      this.#a = next;
    }
    this.#a[t] = v;
  }
}

/** The optional string fields of a candidate, in the order they are saved (bit i of the flags: field i is there). */
const OPTIONAL = ['prev', 'surface', 'title', 'canonical', 'demonymOf', 'expansionOf'] as const;
const SENTENCE_START = 1 << OPTIONAL.length;
const TYPE_SHIFT = OPTIONAL.length + 1;

/**
 * A source's candidates: a table of their strings, then per candidate its flags (optional fields present, sentence
 * start, type), name, strength, start (from the previous start), length, paragraph (from the previous) and the optional
 * strings. Key and URI are the source's, put back when read.
 */
export function putFound(list: Found[]): Uint8Array {
  const strings: string[] = [];
  const refs = new Map<string, number>();
  const ref = (s: string) => {
    let r = refs.get(s);
    if (r === undefined) refs.set(s, (r = strings.push(s) - 1));
    return r;
  };
  const body = new Writer();
  body.uint(list.length);
  let start = 0;
  let paragraph = 0;
  for (const f of list) {
    let flags = f.sentenceStart ? SENTENCE_START : 0;
    OPTIONAL.forEach((k, i) => {
      if (f[k] !== undefined) flags |= 1 << i;
    });
    flags |= (f.type === null ? 0 : ENTITY_TYPES.indexOf(f.type) + 1) << TYPE_SHIFT;
    body.uint(flags);
    body.uint(ref(f.name));
    body.int(f.strength);
    body.int(f.start - start);
    body.uint(f.end - f.start);
    body.int(f.paragraph - paragraph);
    start = f.start;
    paragraph = f.paragraph;
    for (const k of OPTIONAL) if (f[k] !== undefined) body.uint(ref(f[k]));
  }
  const w = new Writer();
  w.strings(strings);
  w.bytes(body.out);
  return w.out;
}

function readFound(bytes: Uint8Array, source: Source): Found[] {
  const r = new Reader(bytes);
  const strings = r.strings();
  const body = new Reader(r.bytes());
  const str = () => {
    const s = strings[body.uint()];
    if (s === undefined) throw new Error('extraction data: bad string');
    return s;
  };
  const out = new Array<Found>(body.uint());
  let start = 0;
  let paragraph = 0;
  for (let i = 0; i < out.length; i++) {
    const flags = body.uint();
    const type = flags >>> TYPE_SHIFT;
    if (type > ENTITY_TYPES.length) throw new Error('extraction data: bad type');
    const name = str();
    const strength = body.int();
    start += body.int();
    const end = start + body.uint();
    paragraph += body.int();
    const has = (bit: number) => (flags & (1 << bit) ? str() : undefined);
    // Every field in one literal, in the order `settled` gives them (one shape for all candidates).
    out[i] = {
      name,
      type: type ? ENTITY_TYPES[type - 1] : null,
      strength,
      start,
      end,
      sentenceStart: (flags & SENTENCE_START) !== 0,
      key: source.key,
      uri: source.uri,
      paragraph,
      prev: has(0),
      surface: has(1),
      title: has(2),
      canonical: has(3),
      demonymOf: has(4),
      expansionOf: has(5),
    };
  }
  return out;
}

/** The result of a scan: every candidate in source order, and the statistics resolve reads. */
export interface Scanned {
  found: Found[];
  stats: WordStats;
}

/**
 * Extraction state kept between runs, so that a change re-reads only what it affects. One update runs at a time; the
 * result is always what a scan of all sources from scratch gives.
 */
export class Extraction {
  /**
   * The saved form while it is current (given at construction, or last joined by `bytes`); given as a function, it is
   * read from the saved index when first needed (a warm start that never updates entities never reads it).
   */
  #saved: Uint8Array | (() => Uint8Array) | undefined;
  /** Whether `#saved` still has to be read into the fields below. */
  #pending = false;
  #records = new Map<string, SourceRecord>();
  /** Folded keys by id, and ids by key. */
  #keys: string[] = [];
  #ids = new Map<string, number>();
  /** By tagged id: how many sources contribute the key to that set. */
  #counts: number[] = [];
  /**
   * Sources changed since their record was made, each with the number of the invalidation: read again at the next
   * update (their statistics still count until then). An update forgets only those it has seen.
   */
  #stale = new Map<string, number>();
  #invalidations = 0;
  /** The counts of an update under way (they grow with new keys as the committed ones do). */
  #working: number[] | undefined;
  /** Spelling as written → id of its folded key (in memory only: spares folding a word once per source). */
  #folded = new Map<string, number>();
  /** Where new records' bytes are kept. */
  #slab = new Slab();
  /** Sources read in the last update (pass 2). */
  lastRead = 0;

  /** State saved earlier by {@link bytes}; read when first needed (an unreadable block means starting afresh). */
  static fromBytes(bytes: Uint8Array | (() => Uint8Array)): Extraction {
    const x = new Extraction();
    x.#saved = bytes;
    x.#pending = true;
    return x;
  }

  /** These sources changed (or went) since they were read: they are read again at the next update. */
  invalidate(uris: Iterable<string>): void {
    for (const u of uris) this.#stale.set(u, ++this.#invalidations);
  }

  /** The state as bytes (the {@link pieces} joined), kept until the state changes. */
  get bytes(): Uint8Array {
    const pieces = this.pieces;
    if (pieces.length === 1) return (this.#saved = pieces[0]);
    const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of pieces) (out.set(p, at), (at += p.length));
    return (this.#saved = out);
  }

  /**
   * The state as pieces to save one after another: the keys and URIs, then each source's record as it is kept (its
   * arrays are not copied into one block: the file writer copies them once, into the file's pieces).
   */
  get pieces(): Uint8Array[] {
    const saved = !this.#stale.size && this.#savedBytes();
    if (saved) return [saved];
    this.#read();
    const head = new Writer();
    head.strings(this.#keys);
    const uris = [...this.#records.keys()];
    head.strings(uris);
    // The small numbers before each part of a record (stale mark, lengths), all in one buffer, then cut out.
    const marks = new Writer();
    const ends: number[] = [];
    for (const u of uris) {
      const r = this.#records.get(u)!;
      marks.uint(this.#stale.has(u) ? 1 : 0);
      for (const part of [r.stats, r.lookups, r.found]) {
        marks.uint(part.length);
        ends.push(marks.length);
      }
    }
    const small = marks.out;
    const out = [head.out];
    let from = 0;
    uris.forEach((u, i) => {
      const r = this.#records.get(u)!;
      [r.stats, r.lookups, r.found].forEach((part, k) => {
        const end = ends[3 * i + k];
        out.push(small.subarray(from, end), part);
        from = end;
      });
    });
    return out;
  }

  /** The saved form as bytes (read now if it was given as a function); undefined when it cannot be read. */
  #savedBytes(): Uint8Array | undefined {
    const saved = this.#saved;
    if (typeof saved !== 'function') return saved;
    try {
      return (this.#saved = saved());
    } catch {
      return (this.#saved = undefined);
    }
  }

  #read(): void {
    if (!this.#pending) return;
    this.#pending = false;
    try {
      const bytes = this.#savedBytes();
      if (!bytes) throw new Error('the saved extraction state cannot be read');
      const r = new Reader(bytes);
      const keys = r.strings();
      const uris = r.strings();
      const records = new Map<string, SourceRecord>();
      const counts = new Array<number>(keys.length * SETS).fill(0);
      for (const u of uris) {
        const stale = r.uint();
        const rec: SourceRecord = { stats: r.bytes(), lookups: r.bytes(), found: r.bytes() };
        eachId(rec.stats, (t) => {
          if (t >= counts.length) throw new Error('extraction data: bad id');
          counts[t]++;
        });
        if (stale) this.#stale.set(u, ++this.#invalidations);
        records.set(u, rec);
      }
      if (!r.done) throw new Error('extraction data: trailing bytes');
      this.#keys = keys;
      this.#ids = new Map(keys.map((k, i) => [k, i]));
      this.#records = records;
      this.#counts = counts;
    } catch {
      this.#reset();
    }
  }

  #id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.push(key) - 1;
      this.#ids.set(key, id);
      for (let s = 0; s < SETS; s++) {
        this.#counts.push(0);
        this.#working?.push(0);
      }
    }
    return id;
  }

  /** Tagged ids (ascending, distinct) of the keys a source's spellings fold to. */
  #statIds(raw: ReturnType<typeof rawStats>): Uint32Array {
    return ascending(taggedStatIds(raw, this.#folded, (key) => this.#id(key)));
  }

  /** The corpus-wide statistics as the counts say (for resolve, after the update). */
  #membership(counts: number[]): WordStats {
    const set = (which: number): KeySet => ({
      has: (k) => {
        const id = this.#ids.get(k);
        return id !== undefined && counts[id * SETS + which] > 0;
      },
    });
    return { lower: set(LOWER), midCaps: set(MID_CAPS), standalone: set(STANDALONE) };
  }

  /**
   * Brings the state to `sources` and returns every candidate (as a scan of them all gives), pausing (`yield`) every
   * few hundred paragraphs. The update works on copies and commits them after its last pause, so the state (and what
   * {@link bytes} saves) is never half updated; another update under way (a stepped build overtaken by a synchronous
   * one) is left alone: this one then scans everything. With a `helper` (another thread), the last of many sources to
   * read afresh are read there meanwhile: the update then yields promises, for its driver to await before going on (a
   * driver that does not is still given the same result: what the helper has not answered is read here).
   */
  *update(sources: Source[], read?: ReadParagraph, helper?: ScanHelper): Generator<Step, Scanned> {
    if (this.#working) {
      const fresh = new Extraction();
      return yield* fresh.update(sources, read, helper);
    }
    this.#read();
    const empty = this.#records.size === 0;
    this.#working = this.#counts.slice();
    try {
      return yield* this.#update(sources, this.#working, read, helper);
    } catch (e) {
      // Saved records that do not read are no state to build on: once more from nothing (a failure then is real).
      if (empty) throw e;
    } finally {
      this.#working = undefined;
      helper?.close();
    }
    this.#reset();
    return yield* this.update(sources, read);
  }

  #reset(): void {
    this.#saved = undefined;
    this.#records = new Map();
    this.#keys = [];
    this.#ids = new Map();
    this.#counts = [];
    this.#folded = new Map();
    this.#stale.clear();
  }

  *#update(sources: Source[], counts: number[], read?: ReadParagraph, helper?: ScanHelper): Generator<Step, Scanned> {
    const pool = new TokenPool();
    read ??= (text, base) => tokenize(text, base, pool);
    const seenUpTo = this.#invalidations;
    const stale = new Set(this.#stale.keys());
    const records = new Map(this.#records);
    const current = new Map(sources.map((s) => [s.uri, s]));
    // Membership before this update of every key whose count changes: a source kept from before may find something
    // else when a key's membership flips. With none kept (from scratch), nothing is noted.
    const before = new Map<number, boolean>();
    let noting = true;
    const touch = (t: number, by: number) => {
      if (noting && !before.has(t)) before.set(t, counts[t] > 0);
      counts[t] += by;
    };
    let changed = false;
    for (const [uri, rec] of records) {
      if (!stale.has(uri) && current.has(uri)) continue;
      eachId(rec.stats, (t) => touch(t, -1));
      records.delete(uri);
      changed = true;
    }
    noting = records.size > 0;
    // Pass 1 over the sources without a record; the last of many are the helper's (their texts sent first).
    const todo = sources.filter((s) => !records.has(s.uri));
    const part = new Set(
      helper && todo.length && todo.length >= helper.minimum
        ? todo.slice(todo.length - Math.floor(todo.length * helper.share))
        : [],
    );
    const shared = new Shared(this.#id.bind(this), part.size ? helper : undefined);
    for (const s of part) shared.send(s);
    const fresh = new Map<Source, Uint8Array>();
    let i = 0;
    for (let n = 0; n < todo.length; n++) {
      const s = todo[n];
      if (part.has(s) && shared.helper) {
        let got: PartStats | undefined;
        yield shared.stats().then((r) => void (got = r));
        if (got) {
          for (const [source, ids] of shared.mergeStats(got, [...part])) {
            for (const t of ids) touch(t, +1);
            fresh.set(source, this.#slab.keep(putIds(ids)));
          }
          changed = true;
          break;
        }
        shared.drop();
      }
      // Up to the helper's sources, while it reads them.
      readAhead(todo, n, shared.helper && ((x) => part.has(x)));
      const raw = rawStats();
      for (const p of paragraphs([s], read)) {
        if (++i % STEP === 0) yield;
        addWordStats(raw, p.tokens);
      }
      const ids = this.#statIds(raw);
      for (const t of ids) touch(t, +1);
      fresh.set(s, this.#slab.keep(putIds(ids)));
      changed = true;
    }
    const names = shared.helper && shared.names(this.#keys, counts);
    yield;
    // Sources that looked up a key whose membership flipped find something else now: they are read again.
    const flipped = new Set<number>();
    for (const [t, was] of before) if (counts[t] > 0 !== was) flipped.add(t);
    const again = new Map<Source, Uint8Array>(fresh);
    if (flipped.size) {
      for (const s of sources) {
        const rec = records.get(s.uri);
        if (rec && !fresh.has(s) && someId(rec.lookups, (t) => flipped.has(t))) again.set(s, rec.stats);
      }
    }
    // Pass 2 over those, noting what each looks up.
    const own = new Marks();
    const seen = new Marks();
    let lookups: number[] = [];
    let stamp = 0;
    const view = (which: number): KeySet => ({
      has: (k) => {
        const t = this.#id(k) * SETS + which;
        if (own.get(t) === stamp) return true;
        if (seen.get(t) !== stamp) {
          seen.set(t, stamp);
          lookups.push(t);
        }
        return counts[t] > 0;
      },
    });
    const stats: WordStats = { lower: view(LOWER), midCaps: view(MID_CAPS), standalone: view(STANDALONE) };
    const scanned = new Map<string, Found[]>();
    let merged = false;
    const order = [...again.keys()];
    for (let n = 0; n < order.length; n++) {
      const s = order[n];
      const statBytes = again.get(s)!;
      if (part.has(s) && names && !merged) {
        let got: PartNames | undefined;
        yield names.then((r) => void (got = r));
        merged = true;
        if (got) {
          for (const [source, looked, bytes] of shared.mergeNames(got, [...part])) {
            const found = readFound(bytes, source);
            records.set(source.uri, {
              stats: again.get(source)!,
              lookups: this.#slab.keep(putIds(looked)),
              found: this.#slab.keep(bytes),
            });
            scanned.set(source.uri, found);
          }
        }
        shared.drop();
      }
      if (scanned.has(s.uri)) continue;
      readAhead(order, n, names && !merged ? (x) => part.has(x) : undefined);
      stamp++;
      eachId(statBytes, (t) => own.set(t, stamp));
      lookups = [];
      const out: Found[] = [];
      for (const p of paragraphs([s], read)) {
        if (++i % STEP === 0) yield;
        namesIn(p, stats, out);
      }
      records.set(s.uri, {
        stats: statBytes,
        lookups: this.#slab.keep(putIds(ascending(lookups))),
        found: this.#slab.keep(putFound(out)),
      });
      scanned.set(s.uri, out);
    }
    // The helper's memory is given back before the candidates are put together (its thread is ended and waited for).
    const ended = shared.drop();
    if (ended) yield ended;
    const found: Found[] = [];
    for (const s of sources)
      for (const f of scanned.get(s.uri) ?? readFound(records.get(s.uri)!.found, s)) found.push(f);
    // Commit (no pause from here): invalidations made while this update ran stay for the next one.
    this.#records = records;
    this.#counts = counts;
    for (const [uri, n] of this.#stale) if (n <= seenUpTo) this.#stale.delete(uri);
    this.lastRead = again.size;
    if (changed || again.size) this.#saved = undefined;
    return { found, stats: this.#membership(counts) };
  }
}

/** A step of {@link Extraction.update}: a pause, or a promise its driver awaits before going on. */
export type Step = Promise<void> | void;

/**
 * The helper's side of an update: its local key ids mapped to the extraction's (`id` numbers a key, as the update
 * would when it meets it), each in the order a single reader would have met them.
 */
class Shared {
  /** Global id of each local id met so far (-1: not yet numbered). */
  #global: number[] = [];
  #keys: string[] = [];
  /** Unset once the helper is dropped (failed, or done). */
  helper: ScanHelper | undefined;

  constructor(
    readonly id: (key: string) => number,
    helper: ScanHelper | undefined,
  ) {
    this.helper = helper;
  }

  /** Sends a source (texts go in batches, so the helper starts on the first while the rest are read here). */
  #batch: Source[] = [];
  send(s: Source): void {
    this.#batch.push(s);
    if (this.#batch.length >= PIECE) this.#flush();
  }

  #flush(): void {
    if (this.#batch.length) this.helper?.add(this.#batch.map((s) => partSource(s, this.helper?.readsFiles)));
    this.#batch = [];
  }

  stats(): Promise<PartStats | undefined> {
    this.#flush();
    return this.helper!.stats().catch(() => undefined);
  }

  drop(): Promise<void> | undefined {
    const ended = this.helper?.close();
    this.helper = undefined;
    return ended ?? undefined;
  }

  #learn(keys: string[]): void {
    for (const k of keys) {
      this.#keys.push(k);
      this.#global.push(-1);
    }
  }

  /** Tagged global id of tagged local id `t`, numbering its key if this is the first time it is met. */
  #map(t: number): number {
    const local = Math.floor(t / SETS);
    let g = this.#global[local];
    if (g === undefined) throw new Error('scan part: unknown key');
    if (g < 0) this.#global[local] = g = this.id(this.#keys[local]);
    return g * SETS + (t % SETS);
  }

  /** Each source's tagged ids (ascending; a view valid until the next, see {@link ascending}), the sources in order. */
  *mergeStats(r: PartStats, sources: Source[]): Generator<[Source, Uint32Array]> {
    if (r.ids.length !== sources.length) throw new Error('scan part: sources out of step');
    this.#learn(r.keys);
    for (let i = 0; i < sources.length; i++) yield [sources[i], this.#mapAll(r.ids[i])];
  }

  /** Tagged global ids of tagged local ids, ascending (a view valid until the next, see {@link ascending}). */
  #mapAll(local: number[]): Uint32Array {
    return ascending(local, (t) => this.#map(t));
  }

  /** Starts pass 2 there, with the statistics as `counts` (by tagged id of `keys`) now have them. */
  names(keys: string[], counts: number[]): Promise<PartNames | undefined> {
    const bitsOf = (g: number) =>
      (counts[g * SETS + LOWER] > 0 ? 1 << LOWER : 0) |
      (counts[g * SETS + MID_CAPS] > 0 ? 1 << MID_CAPS : 0) |
      (counts[g * SETS + STANDALONE] > 0 ? 1 << STANDALONE : 0);
    // Plain arrays and small pieces: no large blocks made and freed here (see PIECE).
    const known = new Array<boolean>(keys.length).fill(false);
    const bits: number[] = [];
    this.#global.forEach((g, local) => {
      if (g < 0) g = this.#global[local] = this.id(this.#keys[local]);
      known[g] = true;
      bits.push(bitsOf(g));
    });
    const more: Array<[string, number, number]> = [];
    for (let g = 0; g < keys.length; g++) {
      const b = known[g] ? 0 : bitsOf(g);
      if (b) more.push([keys[g], b, g]);
    }
    const total = this.#keys.length + more.length;
    const pieces: PartMembership[] = [];
    const none = new Uint8Array(0);
    for (let from = 0; from < bits.length; from += MEMBERSHIP_PIECE)
      pieces.push({
        total,
        from,
        bits: Uint8Array.from(bits.slice(from, from + MEMBERSHIP_PIECE)),
        keys: [],
        keyBits: none,
      });
    for (let i = 0; i < more.length; i += MEMBERSHIP_PIECE) {
      const piece = more.slice(i, i + MEMBERSHIP_PIECE);
      pieces.push({
        total,
        from: 0,
        bits: none,
        keys: piece.map(([k]) => k),
        keyBits: Uint8Array.from(piece, ([, b]) => b),
      });
    }
    for (const [k, , g] of more) {
      this.#keys.push(k);
      this.#global.push(g);
    }
    return this.helper!.names(pieces).catch(() => undefined);
  }

  /** Each source's looked-up ids (ascending; a view valid until the next) and candidates as kept, the sources in order. */
  *mergeNames(r: PartNames, sources: Source[]): Generator<[Source, Uint32Array, Uint8Array]> {
    if (r.lookups.length !== sources.length || r.found.length !== sources.length)
      throw new Error('scan part: sources out of step');
    this.#learn(r.keys);
    for (let i = 0; i < sources.length; i++) yield [sources[i], this.#mapAll(r.lookups[i]), r.found[i]];
  }
}
