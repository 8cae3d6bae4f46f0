// The set of sources a briefing is checked against, kept by URI, with keys assigned deterministically.
import { byCodePoint } from '../text/normalize';
import { baseKey, isValidKey, suffix } from './keys';
import type { ParsedSource } from './ingest';
import type { Source, SourceFileWarning } from './types';

interface Entry {
  parsed: ParsedSource;
  bundled: boolean;
  /** The key its title and date suggest (computed once). */
  base: string;
}

/** What changed in the corpus after an update, so indexes can follow. */
export interface CorpusChange {
  /** Sources that are new or whose content or key changed. */
  updated: Source[];
  /** URIs of sources that are gone (or replaced under a new key). */
  removed: string[];
}

/**
 * The sources in use. Keys are assigned from front matter, else from the title and year; sources whose
 * keys would collide are told apart by URI order (`india-israel-2025`, `india-israel-2025b`), so the same
 * files give the same keys on every run and machine.
 */
export class Corpus {
  #entries = new Map<string, Entry>();
  #sources = new Map<string, Source>();
  #byKey = new Map<string, Source>();
  #warnings: SourceFileWarning[] = [];

  /** Adds or replaces sources; returns what changed (a key change counts as an update). */
  set(parsed: ParsedSource[], bundled = false): CorpusChange {
    for (const p of parsed) {
      if (!this.#entries.has(p.uri)) this.#order = undefined;
      this.#entries.set(p.uri, { parsed: p, bundled, base: baseKey(p.title, p.date) });
    }
    return this.#rebuild();
  }

  /** Removes sources by URI; returns what changed. */
  remove(uris: string[]): CorpusChange {
    for (const u of uris) if (this.#entries.delete(u)) this.#order = undefined;
    return this.#rebuild();
  }

  /** URIs in path order (kept until a source is added or removed: replacing one does not reorder). */
  #order: string[] | undefined;

  #sorted: Source[] | undefined;

  /** All sources, sorted by key (the same array until the corpus changes; do not modify it). */
  get sources(): Source[] {
    this.#sorted ??= [...this.#byKey.values()].sort((a, b) => byCodePoint(a.key, b.key));
    return this.#sorted;
  }

  /** What is wrong in the sources' front matter (invalid YAML, a bad key, a key two files ask for), by file. */
  get warnings(): SourceFileWarning[] {
    return this.#warnings;
  }

  /** Number of sources. */
  get size(): number {
    return this.#sources.size;
  }

  /** The source with this key, if any. */
  get(key: string): Source | undefined {
    return this.#byKey.get(key);
  }

  /** The source read from this URI, if any. */
  byUri(uri: string): Source | undefined {
    return this.#sources.get(uri);
  }

  #rebuild(): CorpusChange {
    const groups = new Map<string, Entry[]>();
    const fixed = new Map<string, Entry>();
    const taken: Array<{ e: Entry; by: Entry }> = [];
    this.#order ??= [...this.#entries.keys()].sort(byCodePoint);
    for (const uri of this.#order) {
      const e = this.#entries.get(uri)!;
      const wanted = e.parsed.requestedKey;
      if (wanted && isValidKey(wanted) && !fixed.has(wanted)) {
        fixed.set(wanted, e);
        continue;
      }
      if (wanted && fixed.has(wanted)) taken.push({ e, by: fixed.get(wanted)! });
      const group = groups.get(e.base);
      if (group) group.push(e);
      else groups.set(e.base, [e]);
    }
    const next = new Map<string, Source>();
    const assign = (key: string, e: Entry) => {
      const old = this.#sources.get(e.parsed.uri);
      if (old && old.key === key && old.text === e.parsed.text && old.bundled === e.bundled) {
        next.set(e.parsed.uri, old); // unchanged: kept as is (the comparison below keeps it too)
        return;
      }
      const { requestedKey: _r, warnings: _w, keyLine: _l, ...rest } = e.parsed;
      next.set(e.parsed.uri, { ...rest, key, bundled: e.bundled });
    };
    for (const [key, e] of fixed) assign(key, e);
    for (const [base, entries] of groups) {
      let i = 0;
      for (const e of entries) {
        let key = base + suffix(i++);
        while (fixed.has(key)) key = base + suffix(i++);
        assign(key, e);
      }
    }
    const updated: Source[] = [];
    const removed: string[] = [];
    for (const [uri, old] of this.#sources) {
      const now = next.get(uri);
      if (!now || now.key !== old.key) removed.push(uri);
    }
    for (const [uri, now] of next) {
      const old = this.#sources.get(uri);
      if (!old || old.key !== now.key || old.text !== now.text || old.bundled !== now.bundled) updated.push(now);
      else next.set(uri, old);
    }
    this.#sources = next;
    this.#byKey = new Map([...next.values()].map((s) => [s.key, s]));
    this.#sorted = undefined;
    this.#warnings = [...this.#entries.values()].flatMap((e) =>
      e.parsed.warnings.map((w) => ({ uri: e.parsed.uri, ...w })),
    );
    for (const { e, by } of taken) {
      this.#warnings.push({
        uri: e.parsed.uri,
        line: e.parsed.keyLine ?? 0,
        message:
          `key "${e.parsed.requestedKey}" is already used by ${by.parsed.uri}; this source gets the key ` +
          `"${next.get(e.parsed.uri)?.key}" instead`,
      });
    }
    return { updated, removed };
  }
}
