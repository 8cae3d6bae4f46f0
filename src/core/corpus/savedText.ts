// A source text kept in the saved index and decoded on first use. A warm start restores ten thousand sources without
// making a string of any of their texts: a source's `text` (and each paragraph's) reads the saved bytes when something
// first asks for it (a search hit, a cited paragraph, an entity update), and an unread text is saved again as the
// bytes it was read from. To everything else the text is an ordinary string property.
import type { Paragraph } from './types';

/** Where saved bytes are read from: a byte array in memory, or the saved file itself (positional reads). */
export interface ByteSource {
  /**
   * `length` bytes from `at`. Unless `own`, the array may be a view of memory the source reuses for its next read:
   * decode or copy it at once. With `own`, the array is the caller's to keep.
   */
  read(at: number, length: number, own?: boolean): Uint8Array;
  /**
   * When the bytes are an open file's: its descriptor, by which another thread of this process reads the same bytes
   * (while this source is in use, the file stays open).
   */
  readonly fd?: number;
}

/** A saved text as another thread of the process can read it: the open file's descriptor and the text's place in it. */
export interface SavedTextRef {
  fd: number;
  at: number;
  bytes: number;
  chars: number;
}

const decoder = new TextDecoder('utf-8');

/**
 * Decoded saved texts kept at once, at most (UTF-16 code units): the texts used last. A text used again after it was
 * let go is decoded again (a few microseconds for an article), so a pass over every source (entity extraction from
 * scratch) holds a few of them at a time, not the whole corpus.
 */
export const KEPT_CHARS = 1 << 23;

/** Decoded texts, least recently used first, and their characters in all. */
const kept = new Set<SavedText>();
let keptChars = 0;

/** One saved text: its bytes' place, and its length in UTF-16 code units (known without decoding). */
export class SavedText {
  #value: string | undefined;
  /**
   * The word index's fingerprint of this text, once known (saved with it, or taken since): the text never changes, so
   * a save need not decode it to fingerprint it again.
   */
  fingerprint: string | undefined = undefined;

  constructor(
    readonly from: ByteSource,
    readonly at: number,
    readonly bytes: number,
    readonly chars: number,
  ) {}

  /**
   * The text, decoded now or kept from a recent use (see `KEPT_CHARS`). Throws if the bytes no longer decode to the
   * saved length (the file was damaged).
   */
  value(): string {
    if (this.#value !== undefined) {
      kept.delete(this);
      kept.add(this); // used last
      return this.#value;
    }
    return this.keep(this.peek());
  }

  /** Keeps `text` (this text, decoded) as {@link value} does, letting go of those used longest ago beyond the bound. */
  keep(text: string): string {
    if (this.#value !== undefined) return this.value();
    this.#value = text;
    kept.add(this);
    keptChars += this.chars;
    for (const old of kept) {
      if (keptChars <= KEPT_CHARS || old === this) break;
      old.#value = undefined;
      kept.delete(old);
      keptChars -= old.chars;
    }
    return text;
  }

  /** The text, without keeping it (when it has not been decoded yet, the caller holds the only copy). */
  peek(): string {
    if (this.#value !== undefined) return this.#value;
    return this.decodedFrom(this.from.read(this.at, this.bytes));
  }

  /** The text, decoded from its `bytes` read elsewhere (throws as {@link value} does). */
  decodedFrom(bytes: Uint8Array): string {
    const text = decoder.decode(bytes);
    if (text.length !== this.chars) throw new Error('a saved source text could not be read back (damaged index file)');
    return text;
  }

  /** Where another thread of this process can read this text, when its bytes are an open file's. */
  get ref(): SavedTextRef | undefined {
    const { fd } = this.from;
    return fd === undefined ? undefined : { fd, at: this.at, bytes: this.bytes, chars: this.chars };
  }

  /** Whether the text is decoded and kept now. */
  get decoded(): boolean {
    return this.#value !== undefined;
  }
}

/** The saved text behind an object's `text`, while it is the saved one (kept aside: copies never carry it). */
const savedOf = new WeakMap<object, SavedText>();

type WithText = { text: string };

// One getter and setter for every object with a saved text (no function per object).
function readSaved(this: WithText): string {
  return savedOf.get(this)!.value();
}
function replaceSaved(this: WithText, value: string): void {
  savedOf.delete(this);
  Object.defineProperty(this, 'text', { value, writable: true, enumerable: true, configurable: true });
}
const SAVED_TEXT: PropertyDescriptor = { get: readSaved, set: replaceSaved, enumerable: true, configurable: true };

/** `obj.text` reads `saved` on first use; assigning `obj.text` replaces it with an ordinary value. */
export function useSavedText(obj: object, saved: SavedText): void {
  savedOf.set(obj, saved);
  // Best added as a new field: turning a field that holds a value into a getter slows every later use of the object.
  Object.defineProperty(obj, 'text', SAVED_TEXT);
}

/** The saved text behind `obj.text`, while it is the saved one (not assigned since). */
export function savedTextOf(obj: object): SavedText | undefined {
  return savedOf.get(obj);
}

/**
 * What identifies `obj`'s text without reading it: its saved text while it has one, else the string. Two objects with
 * the same identity have the same text; two texts with different identities may still be equal.
 */
export function textIdentity(obj: WithText): SavedText | string {
  return savedTextOf(obj) ?? obj.text;
}

/** Saved texts read together (see {@link savedRun}), at most (bytes). */
const RUN_BYTES = 1 << 20;

/**
 * Calls `each` with the text of every object in `objs`, in order, keeping none of them decoded. Saved texts not decoded
 * now that lie one after the other in the same file are read together, up to a megabyte at a time: a pass over 10,000
 * saved texts in their saved order makes about 40 reads instead of 10,000.
 */
export function forEachText<T extends WithText>(objs: readonly T[], each: (text: string, obj: T) => void): void {
  for (let i = 0; i < objs.length;) {
    const first = savedOf.get(objs[i]);
    if (!first || first.decoded) {
      each(first ? first.peek() : objs[i].text, objs[i]);
      i++;
      continue;
    }
    const texts = readRun(objs, i);
    for (let k = 0; k < texts.length; k++) each(texts[k], objs[i + k]);
    i += texts.length;
  }
}

/**
 * How many of `objs`, from `objs[from]` (which has a saved text) on, have saved texts that lie one after another in
 * the same file, a megabyte at most, each also accepted by `take`: a run that one read brings in.
 */
export function savedRun<T extends WithText>(
  objs: readonly T[],
  from: number,
  take: (text: SavedText, obj: T) => boolean = () => true,
): number {
  const first = savedOf.get(objs[from])!;
  let end = first.at + first.bytes;
  let j = from + 1;
  for (; j < objs.length; j++) {
    const next = savedOf.get(objs[j]);
    if (!next || next.from !== first.from || next.at !== end || end + next.bytes - first.at > RUN_BYTES) break;
    if (!take(next, objs[j])) break;
    end += next.bytes;
  }
  return j - from;
}

/**
 * The texts of the saved texts from `objs[from]` on (not decoded, one after the other in the same file, a megabyte at
 * most, up to one `stop` names), decoded from one read. `objs[from]` must have such a text.
 */
function readRun<T extends WithText>(objs: readonly T[], from: number, stop?: (obj: T) => boolean): string[] {
  const count = savedRun(objs, from, (t, obj) => !t.decoded && !stop?.(obj));
  const run = objs.slice(from, from + count).map((o) => savedOf.get(o)!);
  const first = run[0];
  const last = run[count - 1];
  // Decoded before anything else reads: the read may share memory with the next read.
  const bytes = first.from.read(first.at, last.at + last.bytes - first.at);
  return run.map((t) => t.decodedFrom(bytes.subarray(t.at - first.at, t.at - first.at + t.bytes)));
}

/**
 * For a pass that reads the texts of `objs` in order: when `objs[i]`'s text is a saved one not decoded now, it and the
 * saved texts after it (up to one the pass will not read: `stop`) are read together (see {@link forEachText}) and kept
 * as a use would keep them, so the pass reads the saved index a megabyte at a time rather than a text at a time.
 */
export function readAhead<T extends WithText>(objs: readonly T[], i: number, stop?: (obj: T) => boolean): void {
  const first = savedOf.get(objs[i]);
  if (!first || first.decoded) return;
  readRun(objs, i, stop).forEach((text, k) => savedOf.get(objs[i + k])!.keep(text));
}

/** Whether `a` and `b` have the same text, reading neither when both are the same saved text. */
export function sameText(a: WithText, b: WithText): boolean {
  const x = savedTextOf(a);
  return (x !== undefined && x === savedTextOf(b)) || a.text === b.text;
}

/**
 * A paragraph whose text is a saved text between `start` and `end`, sliced when read (a slice shares the text's memory).
 * Assigning `text` replaces it. The text is a getter, not a field: spreading or cloning a paragraph does not carry it;
 * JSON does (`toJSON`), and whoever copies one names its fields.
 */
export class SavedParagraph implements Paragraph {
  n: number;
  start: number;
  end: number;
  line: number;
  readonly #saved: SavedText;
  #text: string | undefined;

  constructor(n: number, start: number, end: number, line: number, saved: SavedText) {
    this.n = n;
    this.start = start;
    this.end = end;
    this.line = line;
    this.#saved = saved;
  }

  get text(): string {
    return this.#text ?? this.#saved.value().slice(this.start, this.end);
  }

  set text(value: string) {
    this.#text = value;
  }

  /** Whether `text` is still the saved text between `start` and `end`. */
  get sliced(): boolean {
    return this.#text === undefined;
  }

  /** The paragraph as plain data, its fields in the order a parsed paragraph has them. */
  toJSON(): Paragraph {
    return { n: this.n, text: this.text, ...(this as object) } as Paragraph;
  }
}

/** Whether `p`'s text is still the slice of a saved text at its offsets (known without reading it). */
export function isSavedSlice(p: Paragraph): boolean {
  return p instanceof SavedParagraph && p.sliced;
}
