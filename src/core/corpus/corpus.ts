// The set of sources a briefing is checked against, kept by URI, with keys assigned deterministically.
import { byCodePoint } from '../text/normalize';
import { baseKeyOf, isValidKey, suffix } from './keys';
import type { ParsedSource } from './ingest';
import { sameText, savedTextOf, useSavedText } from './savedText';
import type { Source, SourceFileWarning } from './types';

interface Entry {
  parsed: ParsedSource;
  bundled: boolean;
  /** The key its title and date suggest (computed once). */
  base: string;
}

/** What a parsed source has that its `Source` does not. */
const PARSE_ONLY = new Set(['requestedKey', 'warnings', 'keyLine']);

/** What changed in the corpus after an update, so indexes can follow. */
export interface CorpusChange {
  /** Sources that are new or whose content or key changed. */
  updated: Source[];
  /** URIs of sources that are gone (or replaced under a new key). */
  removed: string[];
}

/**
 * Points each paragraph's text into the file's text where it is the same characters (most paragraphs), so the corpus
 * holds each text once rather than twice (a slice shares the file text's memory).
 */
function shareParagraphTexts(p: ParsedSource): void {
  if (savedTextOf(p)) return; // restored from the saved index: its paragraphs are slices of its text already
  for (const q of p.paragraphs) {
    if (q.text.length !== q.end - q.start) continue;
    const slice = p.text.slice(q.start, q.end);
    if (slice === q.text) q.text = slice;
  }
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
    let rekey = false;
    const next: Entry[] = [];
    for (const p of parsed) {
      shareParagraphTexts(p);
      const old = this.#entries.get(p.uri);
      if (!old) this.#order = undefined;
      const e: Entry = { parsed: p, bundled, base: baseKeyOf(p) };
      // Keys follow from the path order, the requested keys and the base keys only: when none of those changes,
      // every key stays and only these sources need replacing.
      if (!old || old.base !== e.base || old.parsed.requestedKey !== p.requestedKey) rekey = true;
      this.#entries.set(p.uri, e);
      next.push(e);
    }
    return rekey ? this.#rebuild() : this.#replace(next);
  }

  /** Replaces sources whose keys cannot change (see `set`), touching nothing else. */
  #replace(entries: Entry[]): CorpusChange {
    const updated: Source[] = [];
    for (const e of entries) {
      const old = this.#sources.get(e.parsed.uri)!;
      if (sameText(old, e.parsed) && old.bundled === e.bundled) continue;
      const source = this.#toSource(e, old.key);
      this.#sources.set(source.uri, source);
      this.#byKey.set(source.key, source);
      updated.push(source);
    }
    if (updated.length) this.#sorted = undefined;
    this.#warnings = this.#collectWarnings(this.#taken);
    return { updated, removed: [] };
  }

  /** Files whose front-matter key another file has (URIs), from the last full keying (for the warnings). */
  #taken: Array<{ uri: string; by: string }> = [];

  #toSource(e: Entry, key: string): Source {
    // Field by field, so a saved text stays unread (a spread would read it). A parsed source has its text right after
    // its paragraphs; a restored one holds it as its last field (a getter), and the source gets it where a parsed one has it.
    const source: Record<string, unknown> = {};
    const parsed = e.parsed as unknown as Record<string, unknown>;
    const saved = savedTextOf(e.parsed);
    for (const k of Object.keys(parsed)) {
      if (PARSE_ONLY.has(k) || (saved && k === 'text')) continue;
      source[k] = parsed[k];
      if (saved && k === 'paragraphs') useSavedText(source, saved);
    }
    source.key = key;
    source.bundled = e.bundled;
    return source as unknown as Source;
  }

  #collectWarnings(taken: Array<{ uri: string; by: string }>): SourceFileWarning[] {
    const out: SourceFileWarning[] = [];
    for (const e of this.#entries.values()) for (const w of e.parsed.warnings) out.push({ uri: e.parsed.uri, ...w });
    for (const { uri, by } of taken) {
      const p = this.#entries.get(uri)!.parsed;
      out.push({
        uri,
        line: p.keyLine ?? 0,
        message:
          `key "${p.requestedKey}" is already used by ${by}; this source gets the key ` +
          `"${this.#sources.get(uri)?.key}" instead`,
      });
    }
    return out;
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
    const taken: Array<{ uri: string; by: string }> = [];
    this.#order ??= [...this.#entries.keys()].sort(byCodePoint);
    for (const uri of this.#order) {
      const e = this.#entries.get(uri)!;
      const wanted = e.parsed.requestedKey;
      if (wanted && isValidKey(wanted) && !fixed.has(wanted)) {
        fixed.set(wanted, e);
        continue;
      }
      if (wanted && fixed.has(wanted)) taken.push({ uri, by: fixed.get(wanted)!.parsed.uri });
      const group = groups.get(e.base);
      if (group) group.push(e);
      else groups.set(e.base, [e]);
    }
    const next = new Map<string, Source>();
    const assign = (key: string, e: Entry) => {
      const old = this.#sources.get(e.parsed.uri);
      if (old && old.key === key && sameText(old, e.parsed) && old.bundled === e.bundled) {
        next.set(e.parsed.uri, old); // unchanged: kept as is (the comparison below keeps it too)
        return;
      }
      next.set(e.parsed.uri, this.#toSource(e, key));
    };
    // forEach, not for-of over entries: no [key, value] array made for each of 10,000 sources.
    fixed.forEach((e, key) => assign(key, e));
    groups.forEach((entries, base) => {
      let i = 0;
      for (const e of entries) {
        let key = base + suffix(i++);
        while (fixed.has(key)) key = base + suffix(i++);
        assign(key, e);
      }
    });
    const updated: Source[] = [];
    const removed: string[] = [];
    this.#sources.forEach((old, uri) => {
      const now = next.get(uri);
      if (!now || now.key !== old.key) removed.push(uri);
    });
    next.forEach((now, uri) => {
      const old = this.#sources.get(uri);
      if (!old || old.key !== now.key || !sameText(old, now) || old.bundled !== now.bundled) updated.push(now);
      else next.set(uri, old);
    });
    this.#sources = next;
    const byKey = new Map<string, Source>();
    next.forEach((s) => byKey.set(s.key, s));
    this.#byKey = byKey;
    this.#sorted = undefined;
    this.#taken = taken;
    this.#warnings = this.#collectWarnings(taken);
    return { updated, removed };
  }
}
