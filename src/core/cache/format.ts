// The persisted index as bytes: a header line (format name, version), a body of seven sections, then a trailer line
// (section lengths, checksum of the body). Sections: the source texts (UTF-8, one after another), JSON (stamps, source
// metadata, vocabulary, the entities' overrides and problems), the entities' JSON, a table of paragraphs (four 32-bit
// numbers each: n, start, end, line; a paragraph's text is the file text between start and end), a table of entity
// mentions (source, paragraph, start, end), the word index's posting lists (variable-length integers) and the entity
// extraction state (bytes the entity layer reads). Texts, paragraphs, mentions and numbers stay out of the JSON, so a
// warm start parses a fraction of the bytes; the entities (their JSON and mentions) are read when first asked for, and
// the posting lists and the extraction state stay bytes until a query or an update needs them.
// The file is produced in blocks, checksummed as they go (hence the trailer), so a save never holds the whole file.
// The core encodes and decodes; the host only stores the bytes (atomically: temp file, then rename). Anything that is
// not exactly what this version wrote (truncated, corrupt, foreign, older) decodes to a reason, never a throw.
import type { ParsedSource } from '../corpus/ingest';
import type { Entity, Mention } from '../entities/types';
import { PostingWriter } from '../search/serialize';
import type { PackedPostings, SerializedSearchIndex, SerializedSource } from '../search/types';
import type { Paragraph, SourceWarning } from '../corpus/types';
import { baseKeyOf, rememberBaseKey } from '../corpus/keys';
import { ownString } from '../text/own';
import {
  forEachText,
  isSavedSlice,
  savedRun,
  SavedParagraph,
  SavedText,
  savedTextOf,
  useSavedText,
  type ByteSource,
} from '../corpus/savedText';

/** Names the format in the header; a file without it is foreign. */
export const CACHE_FORMAT = 'briefing-desk-index';
/** Bumped whenever anything saved changes shape or meaning (parsing, keys, the word index, entities). */
export const CACHE_VERSION = 9;

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
  /**
   * What entity extraction keeps per source (opaque bytes, see `Extraction`), for an incremental re-extraction; from a
   * saved file, a function that reads them when first called (the file was checked whole when it was opened).
   */
  extraction?: Uint8Array | (() => Uint8Array);
}

/** A snapshot to save: the extraction state may come as pieces, written one after another. */
export type SnapshotToSave = Omit<IndexSnapshot, 'extraction'> & {
  extraction?: Uint8Array | (() => Uint8Array) | readonly Uint8Array[];
};

/** The first line: what the file is. */
interface Header {
  format: string;
  version: number;
}

/** The last line: where the sections end, and the body's checksum. */
interface Trailer {
  /** Bytes of the body (all sections). */
  length: number;
  /**
   * Bytes of the texts section, the JSON section, the entities' JSON, the paragraph table and the mention table;
   * postings take the rest.
   */
  texts: number;
  json: number;
  entities: number;
  paragraphs: number;
  mentions: number;
  /** Bytes of the extraction state (the last section, after the posting lists). */
  extraction: number;
  checksum: string;
}

// Words are mixed in blocks: a small function called often is optimised sooner than one long loop (a large index
// hashes ~5x faster).
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

/**
 * cyrb53 over a stream of bytes, fed in pieces of any length: the same value however the bytes are split. Bytes are
 * taken four at a time (little-endian words); the length is mixed in at the end.
 */
export class Checksum {
  readonly #st = new Int32Array([0xdeadbeef, 0x41c6ce57]);
  /** Bytes of an unfinished word, carried to the next piece. */
  readonly #carry = new Uint8Array(4);
  #carried = 0;
  #length = 0;

  update(bytes: Uint8Array): void {
    this.#length += bytes.length;
    let i = 0;
    if (this.#carried) {
      while (this.#carried < 4 && i < bytes.length) this.#carry[this.#carried++] = bytes[i++];
      if (this.#carried < 4) return;
      mixWords(new Uint32Array(this.#carry.buffer), 0, 1, this.#st);
      this.#carried = 0;
    }
    const words = (bytes.length - i) >>> 2;
    if ((bytes.byteOffset + i) % 4 === 0) {
      const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
      for (let at = 0; at < words; at += HASH_BLOCK) mixWords(view, at, Math.min(words, at + HASH_BLOCK), this.#st);
    } else {
      // Not on a word boundary in memory: copied through an aligned block (no larger than the bytes need).
      const block = new Uint8Array(4 * Math.min(words, HASH_BLOCK));
      for (let at = 0; at < words; at += HASH_BLOCK) {
        const n = Math.min(words - at, HASH_BLOCK);
        block.set(bytes.subarray(i + 4 * at, i + 4 * (at + n)));
        mixWords(new Uint32Array(block.buffer, 0, n), 0, n, this.#st);
      }
    }
    for (i += 4 * words; i < bytes.length; i++) this.#carry[this.#carried++] = bytes[i];
  }

  /** 14 hex digits. */
  digest(): string {
    let h1 = this.#st[0];
    let h2 = this.#st[1];
    for (let i = 0; i < this.#carried; i++) {
      const b = this.#carry[i];
      h1 = Math.imul(h1 ^ b, 2654435761);
      h2 = Math.imul(h2 ^ b, 1597334677);
    }
    h1 = Math.imul(h1 ^ this.#length, 2654435761);
    h2 = Math.imul(h2 ^ Math.floor(this.#length / 4294967296), 1597334677);
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  }
}

/**
 * cyrb53 of `bytes`, 14 hex digits: a source file's content hash in its stamp, and the checksum a saved index's
 * trailer holds for its body.
 */
export function hashBytes(bytes: Uint8Array): string {
  const sum = new Checksum();
  sum.update(bytes);
  return sum.digest();
}

/** The pieces of a saved index as one byte array (for a store that writes whole files); each piece is copied as it
 * comes (a piece may be reused for the next). */
export function joinChunks(chunks: Iterable<Uint8Array>): Uint8Array {
  const list: Uint8Array[] = [];
  for (const c of chunks) list.push(c.slice());
  const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of list) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const encoder = new TextEncoder();
// Not fatal: the checksum has vouched for the bytes already, and the fatal decoder is several times slower.
const decoder = new TextDecoder('utf-8');

/** A growing byte buffer. */
class ByteWriter {
  protected buf = new Uint8Array(1 << 16);
  protected n = 0;

  /** Makes room for `more` bytes. */
  protected reserve(more: number): void {
    if (this.n + more <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + more));
    next.set(this.buf);
    this.buf = next;
  }

  get bytes(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

/** Whether this machine stores numbers little-end first (as the saved tables are written). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** 32-bit numbers in a paragraph's row: n, start, end, line. */
const TABLE_WORDS = 4;

const isUint32 = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/** A table of unsigned 32-bit numbers, little-endian. */
class TableWriter extends ByteWriter {
  push(v: number): void {
    this.reserve(4);
    const b = this.buf;
    b[this.n++] = v & 0xff;
    b[this.n++] = (v >>> 8) & 0xff;
    b[this.n++] = (v >>> 16) & 0xff;
    b[this.n++] = v >>> 24;
  }
}

/** The fields a table row holds (four numbers and a text); any other field of a row is kept as an extra. */
const PARAGRAPH_FIELDS = new Set(['n', 'text', 'start', 'end', 'line']);
const MENTION_FIELDS = new Set(['key', 'uri', 'paragraph', 'start', 'end', 'text']);

/** `row`'s fields besides `own`, in order; undefined when there are none (no object made for the usual row). */
function othersOf(row: object, own: ReadonlySet<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const k in row) if (!own.has(k)) (extra ??= {})[k] = (row as Record<string, unknown>)[k];
  return extra;
}

/** One number of a row: into the table, or (not a 32-bit count) into `extra` with a 0 in the table. */
function putNumber(
  table: TableWriter,
  v: unknown,
  name: string,
  extra: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (isUint32(v)) {
    table.push(v);
    return extra;
  }
  table.push(0);
  (extra ??= {})[name] = v;
  return extra;
}

/** A row's text: left out when it is `whole` between the row's start and end, else kept in `extra`. */
function putText(
  extra: Record<string, unknown> | undefined,
  whole: string | undefined,
  start: number,
  end: number,
  text: string,
): Record<string, unknown> | undefined {
  const isSlice =
    whole !== undefined &&
    isUint32(start) &&
    isUint32(end) &&
    end - start === text.length &&
    end <= whole.length &&
    whole.startsWith(text, start);
  if (!isSlice) (extra ??= {}).text = text;
  return extra;
}

/**
 * The mentions whose text is not their source's text between their start and end (their text is then saved): the
 * mentions are taken source by source, so each text is read once and let go (a saved text not read yet stays unread).
 */
function unsliced(e: SavedEntities, snapshot: Pick<IndexSnapshot, 'sources'>): Set<Mention> {
  const bySource = new Map<string, Mention[]>();
  for (const en of e.entities) {
    for (const list of [en.mentions, en.demonymMentions ?? []]) {
      for (const m of list) {
        const ms = bySource.get(m.uri);
        if (ms) ms.push(m);
        else bySource.set(m.uri, [m]);
      }
    }
  }
  const out = new Set<Mention>();
  // Each source with mentions (the first with its URI), its text read in one pass.
  const read = new Map<string, ParsedSource>();
  for (const s of snapshot.sources) if (bySource.has(s.uri) && !read.has(s.uri)) read.set(s.uri, s.parsed);
  forEachText([...read.values()], (whole, p) => {
    for (const m of bySource.get(p.uri)!) if (putText(undefined, whole, m.start, m.end, m.text)) out.add(m);
    bySource.delete(p.uri);
  });
  for (const ms of bySource.values()) for (const m of ms) out.add(m); // no such source: kept as they are
  return out;
}

/**
 * A source's paragraphs into the table; returns what they have beyond the table's fields (by position), or undefined
 * when nothing (the usual source).
 */
function tableRows(s: CachedSource, table: TableWriter): Record<number, Record<string, unknown>> | undefined {
  const { parsed } = s;
  const sliced = savedTextOf(parsed) !== undefined;
  let extras: Record<number, Record<string, unknown>> | undefined;
  parsed.paragraphs.forEach((p, i) => {
    let extra = othersOf(p, PARAGRAPH_FIELDS);
    extra = putNumber(table, p.n, 'n', extra);
    extra = putNumber(table, p.start, 'start', extra);
    extra = putNumber(table, p.end, 'end', extra);
    extra = putNumber(table, p.line, 'line', extra);
    // A paragraph restored from a saved text is still its slice: nothing to check (and no text to read).
    if (!(sliced && isSavedSlice(p))) extra = putText(extra, parsed.text, p.start, p.end, p.text);
    if (extra) (extras ??= {})[i] = extra;
  });
  return extras;
}

/**
 * The fields of the usual parsed source, in the parser's order (its text, which goes to the texts section, aside).
 * Such a source is saved in the JSON's columns; any other (a PDF's pages, a web page's language, a front-matter key's
 * line, fields in another order) keeps its fields as an object of its own (`odd`).
 */
const USUAL_FIELDS = [
  'uri',
  'title',
  'date',
  'place',
  'outlet',
  'url',
  'authors',
  'paragraphs',
  'requestedKey',
  'warnings',
] as const;

function isUsual(parsed: ParsedSource): boolean {
  let i = 0;
  for (const k in parsed) {
    if (k === 'text') continue;
    if (k !== USUAL_FIELDS[i++]) return false;
  }
  return i === USUAL_FIELDS.length;
}

/** `items`, each mapped, as a JSON array written in pieces of about 32 KB. */
function column<T>(items: readonly T[], map: (item: T, i: number) => unknown): Streamed {
  return new Streamed(function* () {
    let piece = '[';
    for (let i = 0; i < items.length; i++) {
      piece += (i ? ',' : '') + (JSON.stringify(map(items[i], i)) ?? 'null');
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    yield piece + ']';
  });
}

const PIECE_CHARS = 1 << 15;

/** The rows of `items` for which `map` gives something, as a JSON object by row number (written in pieces). */
function sparse<T>(items: readonly T[], map: (item: T, i: number) => unknown): Streamed {
  return new Streamed(function* () {
    let piece = '{';
    let first = true;
    for (let i = 0; i < items.length; i++) {
      const v = map(items[i], i);
      if (v === undefined) continue;
      piece += `${first ? '' : ','}"${i}":${JSON.stringify(v)}`;
      first = false;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    yield piece + '}';
  });
}

/**
 * The sources as JSON columns, one row per source (the paragraph table and the texts section follow the same order):
 * no object per source to parse, and no field name repeated 10,000 times.
 */
function sourceColumns(
  sources: readonly CachedSource[],
  places: readonly TextPlace[],
  extras: ReadonlyMap<number, Record<number, Record<string, unknown>>>,
): Streamed {
  const usual = sources.map((s) => isUsual(s.parsed));
  const meta = (s: CachedSource, i: number) => (usual[i] ? s.parsed : undefined);
  return new Streamed(() =>
    jsonPieces({
      uri: column(sources, (s) => s.uri),
      size: column(sources, (s) => s.stamp.size),
      mtime: column(sources, (s) => s.stamp.mtime),
      hash: column(sources, (s) => s.stamp.hash),
      bundled: column(sources, (s) => (s.bundled ? 1 : 0)),
      textBytes: column(places, (p) => p.textBytes),
      textChars: column(places, (p) => p.textChars),
      paragraphs: column(sources, (s) => s.parsed.paragraphs.length),
      base: column(sources, (s) => baseKeyOf(s.parsed)),
      title: column(sources, (s, i) => meta(s, i)?.title ?? null),
      date: column(sources, (s, i) => meta(s, i)?.date ?? null),
      place: column(sources, (s, i) => meta(s, i)?.place ?? null),
      outlet: column(sources, (s, i) => meta(s, i)?.outlet ?? null),
      url: column(sources, (s, i) => meta(s, i)?.url ?? null),
      authors: sparse(sources, (s, i) => (meta(s, i)?.authors.length ? s.parsed.authors : undefined)),
      requestedKey: sparse(sources, (s, i) => meta(s, i)?.requestedKey ?? undefined),
      warnings: sparse(sources, (s, i) => (meta(s, i)?.warnings.length ? s.parsed.warnings : undefined)),
      // Field by field, without the text (a spread would read a saved text that nothing else needs).
      odd: sparse(sources, (s, i) => {
        if (usual[i]) return undefined;
        const out: Record<string, unknown> = {};
        const parsed = s.parsed as unknown as Record<string, unknown>;
        for (const k of Object.keys(parsed)) if (k !== 'text') out[k] = k === 'paragraphs' ? 0 : parsed[k];
        return out;
      }),
      extras: sparse(sources, (_, i) => extras.get(i)),
    }),
  );
}

/**
 * The word index's sources as JSON columns: each is one of the saved sources (`row`; its URI and title are that
 * source's) with the key and fingerprint it was indexed under; one that is not (none in an index the desk saves) keeps
 * its URI and title in `uri` and `title`.
 */
function searchSourceColumns(search: SerializedSearchIndex, sources: readonly CachedSource[]): Streamed {
  const rows = new Map(sources.map((s, i) => [s.uri, i]));
  const row = search.sources.map((s) => rows.get(s.uri) ?? -1);
  const own = (s: SerializedSource, i: number) => row[i] < 0 || sources[row[i]].parsed.title !== s.title;
  return new Streamed(() =>
    jsonPieces({
      row: column(row, (r) => r),
      key: column(search.sources, (s) => s.key),
      fingerprint: column(search.sources, (s) => s.fingerprint),
      paragraphs: column(search.sources, (s) => s.paragraphs),
      uri: sparse(search.sources, (s, i) => (row[i] < 0 ? s.uri : undefined)),
      title: sparse(search.sources, (s, i) => (own(s, i) ? s.title : undefined)),
    }),
  );
}

/** Bytes of each piece a save hands the store (the last may be shorter); a multiple of 8. */
const BLOCK = 1 << 20;

/** The body, gathered into blocks and checksummed as the blocks fill: one block, reused once it has been taken. */
class BlockWriter {
  #block = new Uint8Array(BLOCK);
  #n = 0;
  /** Bytes written so far. */
  total = 0;
  readonly sum = new Checksum();

  /** Appends `bytes`, yielding each block that fills. */
  *bytes(bytes: Uint8Array): Generator<Uint8Array> {
    for (let at = 0; at < bytes.length;) {
      const n = Math.min(bytes.length - at, BLOCK - this.#n);
      this.#block.set(bytes.subarray(at, at + n), this.#n);
      this.#n += n;
      at += n;
      this.total += n;
      if (this.#n === BLOCK) yield this.#full();
    }
  }

  /** Appends `text` as UTF-8, yielding each block that fills. */
  *text(text: string): Generator<Uint8Array> {
    let rest = text;
    while (rest.length) {
      const { read, written } = encoder.encodeInto(rest, this.#block.subarray(this.#n));
      this.#n += written;
      this.total += written;
      rest = read === rest.length ? '' : rest.slice(read);
      if (this.#n === BLOCK) yield this.#full();
      else if (rest.length && read === 0) {
        // A character that does not fit in what is left of the block: its bytes go across the boundary.
        const char = String.fromCodePoint(rest.codePointAt(0)!);
        yield* this.bytes(encoder.encode(char));
        rest = rest.slice(char.length);
      }
    }
  }

  /** The last, partly filled block. */
  end(): Uint8Array {
    const last = this.#block.subarray(0, this.#n);
    this.sum.update(last);
    return last;
  }

  #full(): Uint8Array {
    this.sum.update(this.#block);
    this.#n = 0;
    return this.#block; // written (or copied) by the store before it asks for the next piece, which reuses it
  }
}

/**
 * The snapshot as bytes, in pieces of about a megabyte, produced as they are asked for (the store writes each before
 * asking for the next, so a save never holds the whole file). A piece is valid only until the next is asked for (its
 * memory is reused): a store that keeps pieces copies them. The snapshot must not change until the last piece.
 */
export function* encodeIndex(snapshot: SnapshotToSave): Generator<Uint8Array> {
  const line = JSON.stringify({ format: CACHE_FORMAT, version: CACHE_VERSION } satisfies Header);
  // Padded so the body starts at a multiple of 8 (word-wise checksum without a copy).
  yield encoder.encode(line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1, ' ') + '\n');
  const out = new BlockWriter();
  // The texts, in the sources' order. A text that is still the one restored from the saved index is copied as the
  // bytes it was read from, without making a string of it.
  const places: TextPlace[] = [];
  const parsed = snapshot.sources.map((s) => s.parsed);
  for (let i = 0; i < parsed.length;) {
    const saved = savedTextOf(parsed[i]);
    if (!saved) {
      const before = out.total;
      const text = parsed[i++].text;
      yield* out.text(text);
      places.push({ textBytes: out.total - before, textChars: text.length });
      continue;
    }
    // Saved texts that follow one another in the file they were read from are copied with one read (see `savedRun`).
    const count = savedRun(parsed, i);
    let bytes = 0;
    for (let k = i; k < i + count; k++) {
      const t = savedTextOf(parsed[k])!;
      places.push({ textBytes: t.bytes, textChars: t.chars });
      bytes += t.bytes;
    }
    // A copy: the read may share memory with the next one, which may come while this piece is being written.
    yield* out.bytes(saved.from.read(saved.at, bytes, true));
    i += count;
  }
  const texts = out.total;
  const { search } = snapshot;
  let packed = search.packed;
  if (!packed) {
    const lists = new PostingWriter();
    for (let w = 0; w < search.words.length; w++) {
      lists.deltas(search.passages[w]);
      lists.deltas(search.titles[w]);
    }
    packed = lists.done();
  }
  // The paragraphs go to their table, source by source; what a few of them have beyond it goes to the JSON.
  const table = new TableWriter();
  const extras = new Map<number, Record<number, Record<string, unknown>>>();
  snapshot.sources.forEach((s, i) => {
    const x = tableRows(s, table);
    if (x) extras.set(i, x);
  });
  const mentions = new TableWriter();
  const { entities } = snapshot;
  const json = jsonPieces({
    savedAt: snapshot.savedAt,
    sources: sourceColumns(snapshot.sources, places, extras),
    search: new Streamed(() =>
      jsonPieces({
        version: search.version,
        words: search.words,
        sources: searchSourceColumns(search, snapshot.sources),
      }),
    ),
    entities: entities && { overrides: entities.overrides, problems: entities.problems },
  });
  for (const piece of json) yield* out.text(asciiJson(piece));
  const jsonBytes = out.total - texts;
  // The entities in a section of their own, read when first asked for (their mentions go to the table as they go).
  if (entities)
    for (const piece of jsonPieces(slimEntities(entities, unsliced(entities, snapshot), mentions)))
      yield* out.text(asciiJson(piece));
  const entityBytes = out.total - texts - jsonBytes;
  yield* out.bytes(table.bytes);
  yield* out.bytes(mentions.bytes);
  yield* out.bytes(packed.bytes);
  const given = snapshot.extraction ?? [];
  const extraction = typeof given === 'function' ? given() : given;
  let extractionBytes = 0;
  for (const piece of extraction instanceof Uint8Array ? [extraction] : extraction) {
    yield* out.bytes(piece);
    extractionBytes += piece.length;
  }
  yield out.end();
  const trailer: Trailer = {
    length: out.total,
    texts,
    json: jsonBytes,
    entities: entityBytes,
    paragraphs: table.bytes.length,
    mentions: mentions.bytes.length,
    extraction: extractionBytes,
    checksum: out.sum.digest(),
  };
  yield encoder.encode(`\n${JSON.stringify(trailer)}\n`);
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * JSON text with every character beyond ASCII written as a `\u` escape (the same JSON value): decoded, the section is
 * then a one-byte string, which decodes and parses several times faster than the two-byte string that one curly quote
 * in a title would make of all of it.
 */
function asciiJson(piece: string): string {
  if (!NON_ASCII.test(piece)) return piece;
  // Runs of ASCII copied as they are, each other code unit written as its escape.
  let out = '';
  let from = 0;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c < 0x80) continue;
    out += piece.slice(from, i) + '\\u' + HEX2[c >> 8] + HEX2[c & 0xff];
    from = i + 1;
  }
  return out + piece.slice(from);
}

/** Two hex digits of each byte value. */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A value written to JSON piece by piece (see `jsonPieces`). */
class Streamed {
  constructor(readonly pieces: () => Iterable<string>) {}
}

/** `JSON.stringify(obj)` in pieces: a `Streamed` value writes its own pieces, so no string of the whole is made. */
function* jsonPieces(obj: Record<string, unknown>): Generator<string> {
  let sep = '{';
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${sep}${JSON.stringify(k)}:`;
    sep = ',';
    if (v instanceof Streamed) yield* v.pieces();
    else yield JSON.stringify(v);
  }
  yield sep === '{' ? '{}' : '}';
}

/** `encodeIndex` as one byte array (tests; a store that writes whole files joins the pieces itself). */
export function encodeIndexBytes(snapshot: IndexSnapshot): Uint8Array {
  return joinChunks(encodeIndex(snapshot));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Column `name` of `cols`: an array of `n` values that each pass `valid`, else undefined. */
function columnOf<T>(
  cols: Record<string, unknown>,
  name: string,
  n: number,
  valid: (v: unknown) => v is T,
): T[] | undefined {
  const c = cols[name];
  if (!Array.isArray(c) || c.length !== n) return undefined;
  for (let i = 0; i < n; i++) if (!valid(c[i])) return undefined;
  return c as T[];
}

/** Sparse column `name` of `cols`: an object of values that pass `valid` by row number (below `n`), else undefined. */
function sparseOf<T>(
  cols: Record<string, unknown>,
  name: string,
  n: number,
  valid: (v: unknown) => v is T,
): Record<number, T> | undefined {
  const c = cols[name];
  if (!isObject(c)) return undefined;
  for (const k in c) {
    const i = Number(k);
    if (!(Number.isInteger(i) && i >= 0 && i < n && String(i) === k && valid(c[k]))) return undefined;
  }
  return c as Record<number, T>;
}

/** The saved sources, their paragraph counts and their paragraphs' extras (by row), as `readParagraphs` takes them. */
interface SourceRows {
  sources: CachedSource[];
  counts: number[];
  extras: Record<number, Record<string, unknown>>;
}

/** Replaced by each source's paragraphs (`readParagraphs`) before anything reads it. */
const NO_PARAGRAPHS: Paragraph[] = [];

/**
 * The sources from their JSON columns (see `sourceColumns`), each given its saved text (read from `src` when first
 * used; the texts section is `length` bytes from `start`); a reason when anything does not add up.
 */
function readSources(v: unknown, src: ByteSource, start: number, length: number): SourceRows | string {
  if (!isObject(v) || !Array.isArray(v.uri)) return 'shape';
  const n = v.uri.length;
  const uri = columnOf(v, 'uri', n, isString);
  const size = columnOf(v, 'size', n, isNumber);
  const mtime = columnOf(v, 'mtime', n, isNumber);
  const hash = columnOf(v, 'hash', n, isString);
  const bundled = columnOf(v, 'bundled', n, (b): b is number => b === 0 || b === 1);
  const textBytes = columnOf(v, 'textBytes', n, isCount);
  const textChars = columnOf(v, 'textChars', n, isCount);
  const counts = columnOf(v, 'paragraphs', n, isCount);
  const base = columnOf(v, 'base', n, isString);
  const title = columnOf(v, 'title', n, isStringOrNull);
  const date = columnOf(v, 'date', n, isStringOrNull);
  const place = columnOf(v, 'place', n, isStringOrNull);
  const outlet = columnOf(v, 'outlet', n, isStringOrNull);
  const url = columnOf(v, 'url', n, isStringOrNull);
  const authors = sparseOf(v, 'authors', n, isStrings);
  const requestedKey = sparseOf(v, 'requestedKey', n, isString);
  const warnings = sparseOf(v, 'warnings', n, (w): w is SourceWarning[] => Array.isArray(w));
  const odd = sparseOf(v, 'odd', n, isObject);
  const extras = sparseOf(v, 'extras', n, isObject);
  if (
    !uri ||
    !size ||
    !mtime ||
    !hash ||
    !bundled ||
    !textBytes ||
    !textChars ||
    !counts ||
    !base ||
    !title ||
    !date ||
    !place ||
    !outlet ||
    !url ||
    !authors ||
    !requestedKey ||
    !warnings ||
    !odd ||
    !extras
  )
    return 'sources';
  const sources = new Array<CachedSource>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const u = uri[i];
    const t = title[i];
    let parsed: ParsedSource;
    const o = odd[i];
    if (o === undefined) {
      if (t === null) return 'sources';
      // One shape for every usual source (the text is added last, as a getter, by `useSavedText`).
      parsed = {
        uri: u,
        title: t,
        date: date[i],
        place: place[i],
        outlet: outlet[i],
        url: url[i],
        authors: authors[i] ?? [],
        paragraphs: NO_PARAGRAPHS,
        requestedKey: requestedKey[i] ?? null,
        warnings: warnings[i] ?? [],
      } as Omit<ParsedSource, 'text'> as ParsedSource;
    } else {
      if (
        o.uri !== u ||
        typeof o.title !== 'string' ||
        !Array.isArray(o.warnings) ||
        'text' in o ||
        Object.prototype.hasOwnProperty.call(o, '__proto__')
      )
        return 'sources';
      o.paragraphs = NO_PARAGRAPHS;
      parsed = o as unknown as ParsedSource;
    }
    // A UTF-8 text has at least as many bytes as UTF-16 code units, and at most three per code unit.
    const nb = textBytes[i];
    const nc = textChars[i];
    if (nc > nb || nb > 3 * nc || at + nb > length) return 'texts';
    useSavedText(parsed, new SavedText(src, start + at, nb, nc));
    at += nb;
    rememberBaseKey(parsed, base[i]);
    sources[i] = {
      uri: u,
      stamp: { size: size[i], mtime: mtime[i], hash: hash[i] },
      bundled: bundled[i] === 1,
      parsed,
    };
  }
  if (at !== length) return 'texts';
  return { sources, counts, extras };
}

/** The word index's sources from their columns (see `searchSourceColumns`), with its vocabulary; undefined if bad. */
function readSearch(v: unknown, sources: readonly CachedSource[]): SerializedSearchIndex | undefined {
  if (!isObject(v) || v.version !== 1 || !isStrings(v.words) || new Set(v.words).size !== v.words.length) return;
  const c = v.sources;
  if (!isObject(c) || !Array.isArray(c.row)) return;
  const n = c.row.length;
  const row = columnOf(
    c,
    'row',
    n,
    (r): r is number => Number.isInteger(r) && (r as number) >= -1 && (r as number) < sources.length,
  );
  const key = columnOf(c, 'key', n, isString);
  const fingerprint = columnOf(c, 'fingerprint', n, isString);
  const paragraphs = columnOf(c, 'paragraphs', n, isCount);
  const uri = sparseOf(c, 'uri', n, isString);
  const title = sparseOf(c, 'title', n, isString);
  if (!row || !key || !fingerprint || !paragraphs || !uri || !title) return;
  const out = new Array<SerializedSource>(n);
  for (let i = 0; i < n; i++) {
    const r = row[i];
    const u = uri[i] ?? (r >= 0 ? sources[r].uri : undefined);
    const t = title[i] ?? (r >= 0 ? sources[r].parsed.title : undefined);
    if (u === undefined || t === undefined) return;
    out[i] = { uri: u, key: key[i], title: t, fingerprint: fingerprint[i], paragraphs: paragraphs[i] };
  }
  return { version: 1, sources: out, words: v.words, passages: [], titles: [] };
}

/** A saved index to decode: its size and its bytes, read by position (see `ByteSource`). */
export interface SavedIndexBytes extends ByteSource {
  readonly size: number;
}

/** `bytes` as a `SavedIndexBytes` (reads are views: no copies). */
export function bytesSource(bytes: Uint8Array): SavedIndexBytes {
  return {
    size: bytes.length,
    // A copy for the caller to keep (a Node Buffer's own `slice` would share): the rest can then be freed.
    read: (at, length, own) =>
      own ? Uint8Array.prototype.slice.call(bytes, at, at + length) : bytes.subarray(at, at + length),
  };
}

/** Bytes the checksum reads at a time. */
const CHECK_STEP = 1 << 20;

/** The line that ends just before `end` (its start, and its text), searched for in the last kilobyte. */
function lineBefore(src: SavedIndexBytes, end: number): { at: number; text: string } | undefined {
  const from = Math.max(0, end - 1024);
  const tail = src.read(from, end - from);
  const nl = tail.lastIndexOf(10);
  if (nl < 0) return undefined;
  return { at: from + nl + 1, text: decoder.decode(tail.subarray(nl + 1)) };
}

/** Reads bytes written by `encodeIndex`; anything else gives the reason it cannot be used. */
export function decodeIndex(bytes: Uint8Array): { snapshot: IndexSnapshot } | { problem: string } {
  return decodeIndexFrom(bytesSource(bytes));
}

/**
 * Reads a saved index from `src`. The whole body is checked against the checksum, but the source texts are not
 * decoded: each source's `text` (and its paragraphs') reads `src` on first use (see `SavedText`), so `src` must keep
 * giving these bytes for as long as the sources are in use.
 */
export function decodeIndexFrom(src: SavedIndexBytes): { snapshot: IndexSnapshot } | { problem: string } {
  const head = src.read(0, Math.min(src.size, 1024));
  const nl = head.indexOf(10);
  if (nl < 0) return { problem: 'not a Briefing Desk index' };
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(head.subarray(0, nl))) as Header;
  } catch {
    return { problem: 'not a Briefing Desk index' };
  }
  if (!isObject(header) || header.format !== CACHE_FORMAT) return { problem: 'not a Briefing Desk index' };
  if (header.version !== CACHE_VERSION)
    return { problem: `index version ${String(header.version)}, expected ${CACHE_VERSION}` };
  // The trailer: the last line, after the body's own line break.
  const last = src.size - 1;
  const line = last > nl && src.read(last, 1)[0] === 10 ? lineBefore(src, last) : undefined;
  if (!line || line.at - 1 <= nl) return { problem: 'the index is truncated' };
  let trailer: Trailer;
  try {
    trailer = JSON.parse(line.text) as Trailer;
  } catch {
    return { problem: 'the index is truncated' };
  }
  // The header is padded so the body starts at a multiple of 8 (word-wise hashing); the reader may place it anywhere.
  const start = nl + 1;
  const length = line.at - 1 - start;
  if (!isObject(trailer) || length !== trailer.length) return { problem: 'the index is truncated' };
  const sum = new Checksum();
  for (let at = 0; at < length; at += CHECK_STEP) sum.update(src.read(start + at, Math.min(CHECK_STEP, length - at)));
  if (sum.digest() !== trailer.checksum) return { problem: 'the index is corrupt (checksum)' };
  const { json, texts, entities: entityJson, paragraphs, mentions, extraction } = trailer;
  if (
    ![json, texts, entityJson, paragraphs, mentions, extraction].every(isCount) ||
    json + texts + entityJson + paragraphs + mentions + extraction > length
  )
    return { problem: 'the index is corrupt (shape)' };
  let at = start + texts;
  /** The next `n` bytes of the body; `own`: kept (not only looked at). */
  const section = (n: number, own = false) => src.read((at += n) - n, n, own);
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(section(json)));
  } catch {
    return { problem: 'the index is corrupt (not JSON)' };
  }
  if (!isObject(data)) return { problem: 'the index is corrupt (shape)' };
  const rows = readSources(data.sources, src, start, texts);
  if (typeof rows === 'string') return { problem: `the index is corrupt (${rows})` };
  const { sources } = rows;
  const search = readSearch(data.search, sources);
  if (!search) return { problem: 'the index is corrupt (shape)' };
  // The entities' JSON and their mention table are passed over, to be read when the entities are first asked for.
  const entityJsonAt = at;
  at += entityJson;
  if (!readParagraphs(rows, section(paragraphs))) return { problem: 'the index is corrupt (paragraphs)' };
  const mentionsAt = at;
  at += mentions;
  const read = (from: number, n: number) => () => src.read(from, n, true);
  const entities =
    data.entities === undefined
      ? entityJson || mentions
        ? false
        : undefined
      : readEntities(data.entities, read(entityJsonAt, entityJson), read(mentionsAt, mentions), sources);
  if (entities === false) return { problem: 'the index is corrupt (entities)' };
  const packed = readPostings(search, section(start + length - at - extraction, true));
  // Read when an update (or a save) first needs it.
  const extractionAt = at;
  const extractionBytes = extraction ? () => src.read(extractionAt, extraction, true) : undefined;
  if (!packed) return { problem: 'the index is corrupt (word index)' };
  search.packed = packed;
  const savedAt = typeof data.savedAt === 'number' ? data.savedAt : 0;
  return { snapshot: { savedAt, sources, search, entities, extraction: extractionBytes } };
}

type SavedEntities = NonNullable<IndexSnapshot['entities']>;

/**
 * Entities as saved in the JSON: each mention list becomes its length, and the mentions go to the mention table (four
 * 32-bit numbers each: which of `mentionSources` (key and URI), paragraph, start, end; the text is the source text
 * between start and end, unless an extra says otherwise).
 */
function slimEntities(e: SavedEntities, unsliced: ReadonlySet<Mention>, table: TableWriter): Record<string, unknown> {
  const refs = new Map<string, Map<string, number>>(); // URI → key → ref
  const mentionSources: Array<[string, string]> = [];
  const extras: Record<number, Record<string, unknown>> = {};
  let n = 0;
  const put = (list: Mention[]): number => {
    for (const m of list) {
      const { key, uri } = m;
      let byKey = refs.get(uri);
      if (!byKey) refs.set(uri, (byKey = new Map()));
      let ref = byKey.get(key);
      if (ref === undefined) byKey.set(key, (ref = mentionSources.push([key, uri]) - 1));
      table.push(ref);
      let extra = othersOf(m, MENTION_FIELDS);
      extra = putNumber(table, m.paragraph, 'paragraph', extra);
      extra = putNumber(table, m.start, 'start', extra);
      extra = putNumber(table, m.end, 'end', extra);
      if (unsliced.has(m)) (extra ??= {}).text = m.text;
      if (extra) extras[n] = extra;
      n++;
    }
    return list.length;
  };
  // Mentions go to the table as the entities are written; the sources and extras they gathered are written after.
  const entities = column(e.entities, (en) => ({
    ...en,
    mentions: put(en.mentions),
    ...(en.demonymMentions ? { demonymMentions: put(en.demonymMentions) } : {}),
  }));
  return { entities, mentionSources, mentionExtras: extras };
}

/**
 * The saved entities: their overrides and problems (from the JSON, checked now); false when that part is corrupt.
 * Their list (`entityJson`) and mention table (`mentionTable`), sections of the same checked file, are read when
 * `entities` is first asked for, and checked then: if they are not what this version writes, `entities` throws (the
 * caller extracts them again).
 */
function readEntities(
  e: unknown,
  entityJson: () => Uint8Array,
  mentionTable: () => Uint8Array,
  sources: CachedSource[],
): SavedEntities | false {
  if (
    !isObject(e) ||
    !Array.isArray(e.problems) ||
    !e.problems.every((p) => typeof p === 'string') ||
    !(e.overrides === null || typeof e.overrides === 'string')
  )
    return false;
  let list: Entity[] | undefined;
  return {
    overrides: e.overrides,
    problems: e.problems as string[],
    get entities(): Entity[] {
      list ??= readEntityList(decoder.decode(entityJson()), mentionTable(), sources);
      if (!list) throw new Error('the saved entities are damaged');
      return list;
    },
  };
}

/** The entities' list from their JSON and mention table; undefined when either is not what this version writes. */
function readEntityList(json: string, bytes: Uint8Array, sources: CachedSource[]): Entity[] | undefined {
  let e: unknown;
  try {
    e = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObject(e) || !Array.isArray(e.entities) || !Array.isArray(e.mentionSources) || !isObject(e.mentionExtras))
    return undefined;
  const refs = e.mentionSources as unknown[];
  if (!refs.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'string'))) return undefined;
  const byUri = new Map(sources.map((s) => [s.uri, savedTextOf(s.parsed)]));
  const texts = (refs as Array<[string, string]>).map(([, uri]) => byUri.get(uri));
  const extras = e.mentionExtras;
  const list = e.entities as unknown[];
  if (bytes.length % 16) return undefined;
  // Four 32-bit numbers a mention: which of `refs`, paragraph, start, end.
  const rows = uint32s(bytes);
  const total = bytes.length / 16;
  // The counts add up to the table, each row names a saved source, and a mention without extra fields lies within its
  // source's text (the few with extra fields are checked one by one).
  let n = 0;
  for (const en of list) {
    if (!isObject(en) || !isCount(en.mentions)) return undefined;
    n += en.mentions;
    if (en.demonymMentions !== undefined) {
      if (!isCount(en.demonymMentions)) return undefined;
      n += en.demonymMentions;
    }
  }
  if (n !== total) return undefined;
  const hasExtra = new Uint8Array(total);
  for (const k of Object.keys(extras)) {
    const i = Number(k);
    if (!(Number.isInteger(i) && i >= 0 && i < total && String(i) === k)) return undefined;
    hasExtra[i] = 1;
  }
  const chars = texts.map((t) => (t ? t.chars : -1));
  for (let i = 0; i < total; i++) {
    const ref = rows[4 * i];
    if (ref >= refs.length) return undefined;
    if (hasExtra[i]) {
      if (!checkExtra(extras[i], rows[4 * i + 2], rows[4 * i + 3], chars[ref])) return undefined;
    } else if (!(rows[4 * i + 2] <= rows[4 * i + 3] && rows[4 * i + 3] <= chars[ref])) return undefined;
  }
  // Each source's text, read once for this build and then let go: a mention keeps a copy of its surface form, not the
  // text (a slice would keep the whole text, and a source text not read otherwise stays unread).
  const peeked = new Map<number, string>();
  const textOf = (ref: number): string => {
    let text = peeked.get(ref);
    if (text === undefined) peeked.set(ref, (text = texts[ref]!.peek()));
    return text;
  };
  n = 0;
  const take = (count: number): Mention[] => {
    const out = new Array<Mention>(count);
    // One string per surface form of an entity, shared by its mentions.
    const forms = new Map<string, string>();
    for (let i = 0; i < count; i++, n++) {
      const ref = rows[4 * n];
      const [key, uri] = refs[ref] as [string, string];
      const m: Mention = {
        key,
        uri,
        paragraph: rows[4 * n + 1],
        start: rows[4 * n + 2],
        end: rows[4 * n + 3],
        text: '',
      };
      const extra = extras[n] as Record<string, unknown> | undefined;
      if (extra !== undefined) Object.assign(m, extra);
      if (extra?.text === undefined) {
        const form = textOf(ref).slice(m.start, m.end);
        let own = forms.get(form);
        if (own === undefined) forms.set(form, (own = ownString(form)));
        m.text = own;
      }
      out[i] = m;
    }
    return out;
  };
  for (const en of list as Array<Record<string, unknown>>) {
    en.mentions = take(en.mentions as number);
    if (en.demonymMentions !== undefined) en.demonymMentions = take(en.demonymMentions as number);
  }
  return list as Entity[];
}

/**
 * `bytes` (a multiple of 4 long) as little-endian 32-bit numbers: read in place when aligned on a little-endian machine
 * (every machine Node and the browsers run on), else through a copy, byte by byte.
 */
function uint32s(bytes: Uint8Array): Uint32Array {
  const words = bytes.length >> 2;
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const table = new Uint32Array(words);
  for (let i = 0; i < words; i++) table[i] = view.getUint32(4 * i, true);
  return table;
}

/** A mention's extra fields, over the table's `start` and `end`: its text, or a place within its source's `chars`. */
function checkExtra(extra: unknown, start: number, end: number, chars: number): boolean {
  if (!isObject(extra) || Object.prototype.hasOwnProperty.call(extra, '__proto__')) return false;
  const from = 'start' in extra ? extra.start : start;
  const to = 'end' in extra ? extra.end : end;
  if (extra.text !== undefined) return typeof extra.text === 'string';
  return typeof from === 'number' && typeof to === 'number' && from <= to && to <= chars;
}

/** Where a source's text is in the texts section (the sources' texts follow one another): its UTF-8 bytes, its length. */
interface TextPlace {
  textBytes: number;
  textChars: number;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Builds each source's paragraphs from the table (and its extras): a paragraph's text is a slice of the source text,
 * taken when first read (it shares the text's memory). False when the table does not hold exactly the paragraphs the
 * sources count, or a paragraph lies outside its text.
 */
function readParagraphs({ sources, counts, extras: allExtras }: SourceRows, bytes: Uint8Array): boolean {
  const words = bytes.length / 4;
  if (!Number.isInteger(words)) return false;
  const table = uint32s(bytes);
  let w = 0;
  for (let r = 0; r < sources.length; r++) {
    const s = sources[r];
    const count = counts[r];
    const extras = allExtras[r] ?? {};
    const saved = savedTextOf(s.parsed);
    if (!saved || w + count * TABLE_WORDS > words) return false;
    const out = new Array<Paragraph>(count);
    for (let i = 0; i < count; i++, w += TABLE_WORDS) {
      const n = table[w];
      const start = table[w + 1];
      const end = table[w + 2];
      const line = table[w + 3];
      const extra = extras[i];
      let p: Paragraph;
      if (extra !== undefined && (!isObject(extra) || Object.prototype.hasOwnProperty.call(extra, '__proto__')))
        return false;
      if (extra === undefined || !('text' in extra || 'start' in extra || 'end' in extra)) {
        // The usual paragraph: the slice of the text at its offsets (a section or page of its own, at most).
        if (!(start <= end && end <= saved.chars)) return false;
        p = new SavedParagraph(n, start, end, line, saved);
        if (extra) Object.assign(p, extra);
      } else {
        p = Object.assign({ n, text: '', start, end, line }, extra);
        if (!(isUint32(p.start) && isUint32(p.end) && p.start <= p.end && p.end <= saved.chars)) return false;
        if (extra.text === undefined) p.text = saved.value().slice(p.start, p.end);
        else if (typeof p.text !== 'string') return false;
      }
      out[i] = p;
    }
    s.parsed.paragraphs = out;
  }
  return w === words;
}

/**
 * Checks the posting lists (each a count, then that many deltas) without decoding them into lists: every list within
 * the section, ids ascending and below the number of passages (or sources) saved. Their bytes are copied out, so the
 * rest of the file can be freed; a word's lists are decoded when a query first needs them.
 */
function readPostings(search: SerializedSearchIndex, bytes: Uint8Array): PackedPostings | undefined {
  const lists = 2 * search.words.length;
  const at = new Int32Array(lists);
  const counts = new Int32Array(lists);
  const passages = search.sources.reduce((n, s) => n + s.paragraphs, 0);
  const sources = search.sources.length;
  const end = bytes.length;
  let i = 0;
  for (let l = 0; l < lists; l++) {
    // A count, then that many deltas; each an unsigned variable-length integer of at most 31 bits.
    let count = 0; // until read
    let acc = 0;
    for (let k = -1; k < count; k++) {
      if (i >= end) return undefined;
      let b = bytes[i++];
      let v = b & 0x7f;
      for (let shift = 7; b >= 0x80; shift += 7) {
        if (i >= end || shift > 28) return undefined;
        b = bytes[i++];
        v |= (b & 0x7f) << shift;
      }
      if (v < 0) return undefined;
      if (k < 0) {
        if (v > end - i) return undefined;
        count = v;
        at[l] = i;
        counts[l] = v;
      } else {
        if (k > 0 && v === 0) return undefined;
        acc += v;
      }
    }
    if (count > 0 && acc >= (l % 2 ? sources : passages)) return undefined;
  }
  if (i !== end) return undefined;
  return { bytes, at, counts }; // the caller's own bytes (see `decodeIndexFrom`)
}
