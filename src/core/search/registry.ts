// Which passages the search index holds: sources by URI, each owning a contiguous range of passage ids.
import type { Paragraph, Source } from '../corpus/types';
import { isSavedSlice } from '../corpus/savedText';
import type { PassageSpace } from './candidates';

/** A paragraph's length in UTF-16 code units, without reading a saved text (a saved slice is its offsets' span). */
const lengthOf = (p: Paragraph): number => (isSavedSlice(p) ? p.end - p.start : p.text.length);

/** One indexed source and where its passages sit in the id space. */
export interface SourceEntry {
  /** Source id (never reused). */
  sid: number;
  /** The source as indexed. */
  source: Source;
  /** Id of its first passage; its passages are `first .. first + count - 1`, in paragraph order. */
  first: number;
  /** Number of passages (paragraphs). */
  count: number;
}

/**
 * Passage ids are handed out in increasing order and never reused, so word postings stay sorted and a
 * source's passages can be dropped as one id range.
 */
export class PassageRegistry implements PassageSpace {
  #byUri = new Map<string, SourceEntry>();
  #bySid: Array<SourceEntry | undefined> = [];
  #sourceOf: number[] = [];
  #count = 0;
  #chars = 0;

  /** One more than the highest passage id given out. */
  get capacity(): number {
    return this.#sourceOf.length;
  }

  /** Number of passages currently held. */
  get count(): number {
    return this.#count;
  }

  /** Mean passage length in characters. */
  get averageLength(): number {
    return this.#count ? this.#chars / this.#count : 0;
  }

  /** Sources held, oldest first. */
  get entries(): SourceEntry[] {
    return this.#bySid.filter((e): e is SourceEntry => e !== undefined);
  }

  /** Assigns ids to a source's passages (the caller removes any older version first). */
  add(source: Source): SourceEntry {
    const entry: SourceEntry = {
      sid: this.#bySid.length,
      source,
      first: this.#sourceOf.length,
      count: source.paragraphs.length,
    };
    this.#bySid.push(entry);
    this.#byUri.set(source.uri, entry);
    for (let j = 0; j < entry.count; j++) this.#sourceOf.push(entry.sid);
    this.#count += entry.count;
    for (const p of source.paragraphs) this.#chars += lengthOf(p);
    return entry;
  }

  /** Forgets the source read from `uri`; returns its entry, or undefined when it was not held. */
  remove(uri: string): SourceEntry | undefined {
    const entry = this.#byUri.get(uri);
    if (!entry) return;
    this.#byUri.delete(uri);
    this.#bySid[entry.sid] = undefined;
    for (let id = entry.first; id < entry.first + entry.count; id++) this.#sourceOf[id] = -1;
    this.#count -= entry.count;
    for (const p of entry.source.paragraphs) this.#chars -= lengthOf(p);
    return entry;
  }

  /** The entry for `uri`, if held. */
  byUri(uri: string): SourceEntry | undefined {
    return this.#byUri.get(uri);
  }

  /** The entry with source id `sid`, if held. */
  bySid(sid: number): SourceEntry | undefined {
    return this.#bySid[sid];
  }

  /** Source id of passage `id`, or -1 when gone. */
  sourceOf(id: number): number {
    return this.#sourceOf[id] ?? -1;
  }

  /** First passage id and passage count of source `sid`. */
  range(sid: number): [number, number] {
    const e = this.#bySid[sid];
    return e ? [e.first, e.count] : [0, 0];
  }

  /** The source and paragraph of passage `id`. */
  passage(id: number): { entry: SourceEntry; paragraph: Paragraph } | undefined {
    const e = this.#bySid[this.sourceOf(id)];
    return e ? { entry: e, paragraph: e.source.paragraphs[id - e.first] } : undefined;
  }
}
