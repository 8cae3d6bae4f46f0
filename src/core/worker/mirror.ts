// The host's copy of a worker's keyed sources: what definitions, key completions and citation range checks read at
// once, without asking the worker. Fed by the worker's `sources` events; never keys or parses anything itself. The
// sources carry their metadata and where each paragraph is, but no text: the file's `text` and every paragraph's
// `text` are empty. What shows a passage fetches its source's paragraph texts (passages.ts); the rare view of a whole
// file asks for its text.
import type { CorpusView } from '../corpus/view';
import type { Paragraph, Source, SourceFileWarning } from '../corpus/types';
import { byCodePoint } from '../text/normalize';
import type { PackedSources, ParagraphMore, WorkerEvent } from '../../protocol/worker';

type SourcesEvent = Extract<WorkerEvent, { event: 'sources' }>;

const NO_AUTHORS: string[] = [];
Object.freeze(NO_AUTHORS);

/**
 * One source of the copy: its fields as the worker sent them, and its paragraphs (places, no texts) made from the
 * event's packed array when first read (most sources are never looked at on the host, and a copy of 10,000 sources
 * taken in as objects per paragraph keeps the host's garbage collector busy while a workspace indexes). One object
 * (and its strings) per source, all of one shape.
 */
class CopiedSource implements Source {
  key: string;
  uri: string;
  title: string;
  date: string | null;
  place: string | null;
  outlet: string | null;
  url: string | null;
  authors: string[];
  bundled: boolean;
  text = '';
  declare format?: Source['format'];
  declare pages?: number;
  declare language?: string;
  declare accessed?: string;
  #places: Uint32Array;
  #first: number;
  #count: number;
  #more: Record<number, ParagraphMore> | undefined;
  #paragraphs: Paragraph[] | undefined;

  constructor(packed: PackedSources, i: number, first: number) {
    const f = packed.fields;
    this.key = f[7 * i] as string;
    this.uri = f[7 * i + 1] as string;
    this.title = f[7 * i + 2] as string;
    this.date = f[7 * i + 3];
    this.place = f[7 * i + 4];
    this.outlet = f[7 * i + 5];
    this.url = f[7 * i + 6];
    this.authors = packed.authors?.[i] ?? NO_AUTHORS;
    this.bundled = packed.bundled[i] === 1;
    this.#places = packed.places;
    this.#first = first;
    this.#count = packed.paragraphs[i];
    const more = packed.more?.[i];
    this.#more = more?.paragraphs;
    if (more?.format !== undefined) this.format = more.format;
    if (more?.pages !== undefined) this.pages = more.pages;
    if (more?.language !== undefined) this.language = more.language;
    if (more?.accessed !== undefined) this.accessed = more.accessed;
  }

  get paragraphs(): Paragraph[] {
    this.#paragraphs ??= Array.from({ length: this.#count }, (_, i) => {
      const at = 4 * (this.#first + i);
      const places = this.#places;
      const p: Paragraph = {
        n: places[at],
        text: '',
        start: places[at + 1],
        end: places[at + 2],
        line: places[at + 3],
      };
      const more = this.#more?.[i];
      return more ? Object.assign(p, more) : p;
    });
    return this.#paragraphs;
  }
}

/** The sources as the worker last said they are, by URI and by key. */
export class SourceMirror implements CorpusView {
  #byUri = new Map<string, Source>();
  #byKey = new Map<string, Source>();
  #sorted: Source[] | undefined;
  #warnings: SourceFileWarning[] = [];
  #version = 0;
  /** Added to the versions a worker names (a replacement worker counts from its own start). */
  #offset = 0;

  /** The worker library's version this copy reflects (increases with every change). */
  get version(): number {
    return this.#version;
  }

  /** Takes in one `sources` event: removed URIs leave, updated sources replace what their URI held. */
  apply(e: SourcesEvent): void {
    for (const uri of e.removed) this.#drop(uri);
    const packed = e.updated;
    let first = 0;
    for (let i = 0; i < packed.count; i++) {
      const s = new CopiedSource(packed, i, first);
      first += packed.paragraphs[i];
      this.#drop(s.uri);
      this.#byUri.set(s.uri, s);
      this.#byKey.set(s.key, s);
    }
    if (e.warnings) this.#warnings = e.warnings;
    this.#version = Math.max(this.#version, this.versionOf(e.version));
    this.#sorted = undefined;
  }

  /** The version of this copy that a version named by the worker feeding it stands for. */
  versionOf(workerVersion: number): number {
    return workerVersion + this.#offset;
  }

  /**
   * A replacement worker that loaded the same files now feeds this copy (the sources stay as they are): the version
   * moves on by one, and `workerVersion`, the replacement's version now, and its later ones count on from there.
   */
  continueFrom(workerVersion: number): void {
    this.#version += 1;
    this.#offset = this.#version - workerVersion;
  }

  /** Forgets everything (the worker was replaced). */
  clear(): void {
    this.#byUri.clear();
    this.#byKey.clear();
    this.#warnings = [];
    this.#sorted = undefined;
  }

  #drop(uri: string): void {
    const old = this.#byUri.get(uri);
    if (!old) return;
    this.#byUri.delete(uri);
    if (this.#byKey.get(old.key) === old) this.#byKey.delete(old.key);
  }

  /** All sources, sorted by key (the same array until the next change; do not modify it). */
  get sources(): Source[] {
    this.#sorted ??= [...this.#byUri.values()].sort((a, b) => byCodePoint(a.key, b.key));
    return this.#sorted;
  }

  get warnings(): SourceFileWarning[] {
    return this.#warnings;
  }

  get size(): number {
    return this.#byUri.size;
  }

  get(key: string): Source | undefined {
    return this.#byKey.get(key);
  }

  byUri(uri: string): Source | undefined {
    return this.#byUri.get(uri);
  }
}
