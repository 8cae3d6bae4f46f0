// The persisted index as bytes: a header line (format name, version, section lengths, checksum), then a body of three
// sections: JSON (stamps, paragraphs, vocabulary, entities), the source texts (UTF-8, one after another) and the word
// index's posting lists (variable-length integers). Texts and numbers stay out of the JSON, which makes a warm start
// parse a fraction of the bytes. The core encodes and decodes; the host only stores the bytes (atomically: temp file,
// then rename). Anything that is not exactly what this version wrote (truncated, corrupt, foreign, older) decodes to a
// reason, never a throw.
import type { ParsedSource } from '../corpus/ingest';
import type { Entity } from '../entities/types';
import type { SerializedSearchIndex } from '../search/types';

/** Names the format in the header; a file without it is foreign. */
export const CACHE_FORMAT = 'briefing-desk-index';
/** Bumped whenever anything saved changes shape or meaning (parsing, keys, the word index, entities). */
export const CACHE_VERSION = 2;

/** What identifies a source file's content without reading it (size, mtime) and after reading it (hash). */
export interface FileStamp {
  /** Bytes on disk. */
  size: number;
  /** Modification time, in milliseconds. */
  mtime: number;
  /** `hashBytes` of the file's bytes. */
  hash: string;
}

/** One saved source: its stamp, whether it is bundled, and the parsed source (paragraph texts omitted when they
 * are the file text at their offsets). */
export interface CachedSource {
  uri: string;
  stamp: FileStamp;
  bundled: boolean;
  parsed: ParsedSource;
}

/** Everything a warm start reuses. */
export interface IndexSnapshot {
  /** When it was written (ms since the epoch): a file modified within 2 s before that is hashed, not trusted by mtime. */
  savedAt?: number;
  sources: CachedSource[];
  /** The word index over exactly these sources (as keyed when saved). */
  search: SerializedSearchIndex;
  /** The entity index, when it was built over exactly these sources and these overrides. */
  entities?: { overrides: string | null; entities: Entity[]; problems: string[] };
}

interface Header {
  format: string;
  version: number;
  /** Bytes of the body (all sections). */
  length: number;
  /** Bytes of the JSON section, then of the texts section; the posting lists take the rest. */
  json: number;
  texts: number;
  checksum: string;
}

/** cyrb53 over bytes, taken four at a time (little-endian words) where the buffer allows: 14 hex digits. */
export function hashBytes(bytes: Uint8Array): string {
  const st = new Int32Array([0xdeadbeef ^ bytes.length, 0x41c6ce57 ^ bytes.length]);
  const words = bytes.byteOffset % 4 === 0 ? Math.floor(bytes.length / 4) : 0;
  if (words) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    // In blocks: a small function called often is optimised sooner than one long loop (a large index hashes ~5x faster).
    for (let at = 0; at < words; at += HASH_BLOCK) mixWords(view, at, Math.min(words, at + HASH_BLOCK), st);
  }
  let h1 = st[0];
  let h2 = st[1];
  for (let i = words * 4; i < bytes.length; i++) {
    const b = bytes[i];
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

const HASH_BLOCK = 1 << 14;

function mixWords(view: Uint32Array, from: number, to: number, st: Int32Array): void {
  let h1 = st[0];
  let h2 = st[1];
  for (let i = from; i < to; i++) {
    const w = view[i];
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  st[0] = h1;
  st[1] = h2;
}

const encoder = new TextEncoder();
// Not fatal: the checksum has vouched for the bytes already, and the fatal decoder is several times slower.
const decoder = new TextDecoder('utf-8');

/** A growing byte buffer of unsigned variable-length integers (7 bits a byte, low bits first). */
class VarintWriter {
  #buf = new Uint8Array(1 << 16);
  #n = 0;

  push(v: number): void {
    if (this.#n + 5 > this.#buf.length) {
      const next = new Uint8Array(this.#buf.length * 2);
      next.set(this.#buf);
      this.#buf = next;
    }
    while (v >= 0x80) {
      this.#buf[this.#n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.#buf[this.#n++] = v;
  }

  get bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#n);
  }
}

/** Source texts leave the JSON (they go to the texts section); paragraph texts equal to the file text at their
 * offsets are left out too (they are most of the bytes). */
function slim(s: CachedSource, text: TextPlace): unknown {
  const { parsed } = s;
  const paragraphs = parsed.paragraphs.map((p) =>
    parsed.text.slice(p.start, p.end) === p.text ? { ...p, text: undefined } : p,
  );
  return { ...s, parsed: { ...parsed, text: undefined, paragraphs }, ...text };
}

function fill(s: CachedSource): CachedSource {
  for (const p of s.parsed.paragraphs) if (typeof p.text !== 'string') p.text = s.parsed.text.slice(p.start, p.end);
  return s;
}

/** The snapshot as bytes, ready to be written atomically. */
export function encodeIndex(snapshot: IndexSnapshot): Uint8Array {
  // Texts of one-byte characters first (read back as a few long strings and sliced: far less for the garbage
  // collector to copy than one string per source), then the others, one by one.
  const oneByte = snapshot.sources.map((s) => !WIDE.test(s.parsed.text));
  const order = [...snapshot.sources.keys()].sort((a, b) => Number(oneByte[b]) - Number(oneByte[a]) || a - b);
  const texts = order.map((i) => encoder.encode(snapshot.sources[i].parsed.text));
  const places: TextPlace[] = [];
  order.forEach((i, j) => {
    const text = snapshot.sources[i].parsed.text;
    places[i] = oneByte[i] ? { textBytes: texts[j].length, textChars: text.length } : { textBytes: texts[j].length };
  });
  const postings = new VarintWriter();
  for (const lists of [snapshot.search.passages, snapshot.search.titles]) {
    for (const list of lists) {
      postings.push(list.length);
      for (const d of list) postings.push(d);
    }
  }
  const json = encoder.encode(
    JSON.stringify({
      ...snapshot,
      sources: snapshot.sources.map((s, i) => slim(s, places[i])),
      search: { ...snapshot.search, passages: [], titles: [] },
    }),
  );
  const textsLength = texts.reduce((n, t) => n + t.length, 0);
  const body = new Uint8Array(json.length + textsLength + postings.bytes.length);
  body.set(json, 0);
  let at = json.length;
  for (const t of texts) {
    body.set(t, at);
    at += t.length;
  }
  body.set(postings.bytes, at);
  const header: Header = {
    format: CACHE_FORMAT,
    version: CACHE_VERSION,
    length: body.length,
    json: json.length,
    texts: textsLength,
    checksum: hashBytes(body),
  };
  const line = JSON.stringify(header);
  const head = encoder.encode(line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1, ' ') + '\n');
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validSource(v: unknown): v is CachedSource {
  if (!isObject(v) || typeof v.uri !== 'string' || typeof v.bundled !== 'boolean') return false;
  const st = v.stamp;
  const p = v.parsed;
  return (
    isObject(st) &&
    typeof st.size === 'number' &&
    typeof st.mtime === 'number' &&
    typeof st.hash === 'string' &&
    isObject(p) &&
    p.uri === v.uri &&
    typeof p.text === 'string' &&
    typeof p.title === 'string' &&
    Array.isArray(p.paragraphs) &&
    Array.isArray(p.warnings) &&
    p.paragraphs.every(
      (q) =>
        isObject(q) &&
        typeof q.n === 'number' &&
        typeof q.start === 'number' &&
        typeof q.end === 'number' &&
        q.end <= (p.text as string).length,
    )
  );
}

function validSearch(v: unknown): v is SerializedSearchIndex {
  return (
    isObject(v) &&
    v.version === 1 &&
    Array.isArray(v.sources) &&
    Array.isArray(v.words) &&
    Array.isArray(v.passages) &&
    Array.isArray(v.titles)
  );
}

/** Reads bytes written by `encodeIndex`; anything else gives the reason it cannot be used. */
export function decodeIndex(bytes: Uint8Array): { snapshot: IndexSnapshot } | { problem: string } {
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 1000) return { problem: 'not a Briefing Desk index' };
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(0, nl))) as Header;
  } catch {
    return { problem: 'not a Briefing Desk index' };
  }
  if (!isObject(header) || header.format !== CACHE_FORMAT) return { problem: 'not a Briefing Desk index' };
  if (header.version !== CACHE_VERSION)
    return { problem: `index version ${String(header.version)}, expected ${CACHE_VERSION}` };
  // The header is padded so the body starts at a multiple of 8 (word-wise hashing); the reader may place it anywhere.
  const body = bytes.subarray(nl + 1);
  if (body.length !== header.length) return { problem: 'the index is truncated' };
  if (hashBytes(body) !== header.checksum) return { problem: 'the index is corrupt (checksum)' };
  const { json, texts } = header;
  if (!Number.isInteger(json) || !Number.isInteger(texts) || json < 0 || texts < 0 || json + texts > body.length)
    return { problem: 'the index is corrupt (shape)' };
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(body.subarray(0, json)));
  } catch {
    return { problem: 'the index is corrupt (not JSON)' };
  }
  if (!isObject(data) || !Array.isArray(data.sources) || !validSearch(data.search))
    return { problem: 'the index is corrupt (shape)' };
  if (!readPostings(data.search, body.subarray(json + texts))) return { problem: 'the index is corrupt (word index)' };
  if (!readTexts(data.sources, body.subarray(json, json + texts))) return { problem: 'the index is corrupt (texts)' };
  const sources = data.sources.map((s) => (isObject(s) && isObject(s.parsed) ? fillChecked(s) : s));
  if (!sources.every(validSource)) return { problem: 'the index is corrupt (sources)' };
  const e = data.entities;
  const entities =
    isObject(e) &&
    Array.isArray(e.entities) &&
    Array.isArray(e.problems) &&
    (e.overrides === null || typeof e.overrides === 'string')
      ? (e as IndexSnapshot['entities'])
      : undefined;
  const savedAt = typeof data.savedAt === 'number' ? data.savedAt : 0;
  return { snapshot: { savedAt, sources, search: data.search, entities } };
}

/** Where a source's text is in the texts section: its UTF-8 bytes, and its length when it is in the one-byte part. */
interface TextPlace {
  textBytes: number;
  textChars?: number;
}

/** A character that needs two bytes in a JavaScript string. */
const WIDE = /[^\u0000-\u00ff]/;

/** The one-byte part is read as strings of at most this many bytes (far below any engine's string limit). */
const ONE_BYTE_RUN = 1 << 25;

/** Puts each source's text back from the texts section; false when the lengths do not add up. */
function readTexts(sources: unknown[], bytes: Uint8Array): boolean {
  const places: Array<{ s: Record<string, unknown>; bytes: number; chars?: number }> = [];
  for (const s of sources) {
    if (!isObject(s) || !isObject(s.parsed)) return false;
    const { textBytes: n, textChars: c } = s;
    if (!isCount(n) || (c !== undefined && !isCount(c))) return false;
    places.push({ s: s.parsed, bytes: n, chars: c as number | undefined });
    delete s.textBytes;
    delete s.textChars;
  }
  let at = 0;
  // The one-byte part: runs of texts decoded together, then sliced.
  const narrow = places.filter((p) => p.chars !== undefined);
  for (let i = 0; i < narrow.length;) {
    let j = i;
    let runBytes = 0;
    while (j < narrow.length && (j === i || runBytes + narrow[j].bytes <= ONE_BYTE_RUN)) runBytes += narrow[j++].bytes;
    if (at + runBytes > bytes.length) return false;
    const run = decoder.decode(bytes.subarray(at, at + runBytes));
    at += runBytes;
    let c = 0;
    for (; i < j; i++) {
      const chars = narrow[i].chars!;
      if (c + chars > run.length) return false;
      narrow[i].s.text = run.slice(c, c + chars);
      c += chars;
    }
    if (c !== run.length) return false;
  }
  for (const p of places) {
    if (p.chars !== undefined) continue;
    if (at + p.bytes > bytes.length) return false;
    p.s.text = decoder.decode(bytes.subarray(at, at + p.bytes));
    at += p.bytes;
  }
  return at === bytes.length;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Fills the word index's posting lists (delta-encoded, as `SerializedSearchIndex` holds them) from their section. The
 * lists are views into one typed array (read like arrays, never written): millions of numbers, no garbage.
 */
function readPostings(search: SerializedSearchIndex, bytes: Uint8Array): boolean {
  const values = new Int32Array(bytes.length); // never more numbers than bytes
  let n = 0;
  let at = 0;
  // Unsigned variable-length integers, 7 bits a byte, low bits first; at most 31 bits.
  while (at < bytes.length) {
    let b = bytes[at++];
    let v = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      if (at >= bytes.length || shift > 28) return false;
      b = bytes[at++];
      v |= (b & 0x7f) << shift;
    }
    if (v < 0) return false;
    values[n++] = v;
  }
  let i = 0;
  for (const lists of [search.passages, search.titles]) {
    lists.length = 0;
    for (let w = 0; w < search.words.length; w++) {
      if (i >= n) return false;
      const count = values[i++];
      if (count > n - i) return false;
      lists.push(values.subarray(i, i + count) as unknown as number[]);
      i += count;
    }
  }
  return i === n;
}

function fillChecked(s: Record<string, unknown>): unknown {
  const p = s.parsed as Record<string, unknown>;
  if (typeof p.text !== 'string' || !Array.isArray(p.paragraphs)) return s;
  for (const q of p.paragraphs) {
    if (!isObject(q) || typeof q.start !== 'number' || typeof q.end !== 'number') return s;
  }
  return fill(s as unknown as CachedSource);
}
