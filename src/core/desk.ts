// The one entry point every host builds: `createBriefingDesk({ store, log })` owns the library (sources, search,
// entities), grounding, citation resolution and the editor features' content. Hosts supply I/O and presentation.
import {
  bytesSource,
  decodeIndexFrom,
  encodeIndex,
  loadStamped,
  readStamped,
  type CachedSource,
  type IndexCacheStore,
  type IndexSnapshot,
  type SavedIndexBytes,
  type SnapshotToSave,
} from './cache';
import { resolveItem, type ResolvedItem } from './citations/resolve';
import type { CiteItem } from './citations/types';
import { textIdentity, type CorpusChange, type ParsedSource, type SavedText, type SourceProblem } from './corpus';
import { isSourceFile, loadSources, readStoredSource, type LoadResult, type SourceStore } from './corpus/load';
import { EntityIndex } from './entities/entityIndex';
import { OVERRIDES_FILE, readOverrides } from './entities/overrides';
import type { EntityCard } from './entities/types';
import { citationHover } from './features/citationHover';
import { completionsAt } from './features/completion';
import { entityHover } from './features/entityHover';
import { definitionAt, type Definition } from './features/navigation';
import type { BriefingText, Completions, HoverContent, LinkTarget } from './features/types';
import { checkBriefing, type CheckOptions } from './grounding/check';
import type { GroundingDiagnostic } from './grounding/types';
import { Library } from './library';
import type { SearchHit, SearchOptions } from './search/types';

/** Where the desk says what it did and what went wrong (VS Code: the output channel; the CLI: standard error). */
export interface DeskLog {
  /** Something worth knowing (a source indexed). */
  info(message: string): void;
  /** Something the user may need to fix (an unreadable file, a bad override). */
  warn(message: string): void;
  /** A failure of Briefing Desk itself. */
  error(message: string, error?: unknown): void;
}

/** What a host hands the desk. */
export interface BriefingDeskOptions {
  /** Where sources (and the entity overrides) are read from. */
  store: SourceStore;
  /** Where to report; silent when omitted. */
  log?: DeskLog;
  /**
   * Awaited between steps of long work (indexing batches, entity extraction) so a shared thread stays responsive,
   * and entities are then extracted in the background after each change. Without it, work runs in one go (the CLI).
   */
  pause?: () => Promise<void>;
  /**
   * Where the index is saved between runs. With it, a source whose stamp (size, mtime, else content hash) matches the
   * saved one is not parsed again, the word index and the entity index are restored, and the index is saved after
   * loading (when anything changed), after entities are extracted, and on `saveIndex()`. A saved index that cannot
   * be used (truncated, corrupt, foreign, another version) is ignored and rebuilt, never trusted.
   */
  cache?: IndexCacheStore;
  /** Sources indexed in one step between pauses (default 25); a worker takes bigger steps than a shared thread. */
  batch?: number;
  /** Hears each step of a load as it happens (the worker times a load's steps for the host's log). */
  mark?: (step: string) => void;
}

/** How `BriefingDesk.load` treats the saved index. */
export interface LoadOptions {
  /** Do not save a changed index after loading: the caller saves it (`entities()` or `saveIndex()`). */
  saveLater?: boolean;
  /**
   * A first load that answers from the saved index at once (a window opening): every saved source as it was saved,
   * its search and entity indexes restored, and the files not yet looked at (`unchecked` in the result). The caller
   * then runs `checkFiles()`, which lists and stats the files and applies what changed since the save (a changed,
   * new or deleted file) as a refresh would. Without a usable saved index, or once the desk holds sources, a load is
   * the whole load as without this option.
   */
  savedFirst?: boolean;
}

/** What a load did: `unchecked` when it answered from the saved index and `checkFiles()` is still to run. */
export interface DeskLoad extends LoadResult {
  unchecked?: boolean;
}

/** What `checkFiles()` found: the files against the saved index a load answered from. */
export interface FilesChecked {
  /** What changed in the library (sources updated, or removed). */
  change: CorpusChange;
  /** Files that cannot be used, with the reason. */
  problems: SourceProblem[];
  /** Source files the store listed. */
  listed: number;
  /** Sources whose file changed since the save (read again), that are new, or that are gone. */
  changed: number;
  added: number;
  gone: number;
}

/**
 * The source texts of a snapshot by URI (as `textIdentity`, so none is read): saved in the same file as its word index,
 * so they vouch its fingerprints.
 */
function written(snapshot: IndexSnapshot): Map<string, SavedText | string> {
  const out = new Map<string, SavedText | string>();
  for (const s of snapshot.sources) out.set(s.uri, textIdentity(s.parsed));
  return out;
}

/** The parsed sources of `entries`, the bundled seeds apart from the rest. */
function byOrigin(entries: readonly CachedSource[]): { bundled: ParsedSource[]; own: ParsedSource[] } {
  const bundled: ParsedSource[] = [];
  const own: ParsedSource[] = [];
  for (const e of entries) (e.bundled ? bundled : own).push(e.parsed);
  return { bundled, own };
}

/** Adds `one`'s updated and removed sources to `into`. */
function addChange(into: CorpusChange, one: CorpusChange): void {
  into.updated.push(...one.updated);
  into.removed.push(...one.removed);
}

/** `store.list()`, started now and awaited later (its failure is then the awaiter's, not an unhandled rejection). */
function startListing(store: SourceStore): Promise<string[]> {
  let listing: Promise<string[]>;
  try {
    listing = store.list();
  } catch (e) {
    listing = Promise.reject(e as Error);
  }
  listing.catch(() => undefined);
  return listing;
}

/** Loads of up to this many sources log a line per source. */
const LOG_EACH_UP_TO = 1000;

/** Sources indexed in one go before the desk pauses. */
const BATCH = 25;

const SILENT: DeskLog = { info() {}, warn() {}, error() {} };

/** The entity overrides file as the store gave it (none: undefined), or why it could not be read. */
type OverridesRead = { found: { uri: string; text: string } | undefined } | { error: unknown };

/** Briefing Desk over one store: load and follow sources, check briefings, answer the editor features. */
export class BriefingDesk {
  /** The sources and their search and entity indexes. */
  readonly library = new Library();
  readonly #store: SourceStore;
  readonly #log: DeskLog;
  readonly #pause: (() => Promise<void>) | undefined;
  readonly #cache: IndexCacheStore | undefined;
  readonly #batch: number;
  readonly #mark: (step: string) => void;
  /** With a cache: every loaded source with its stamp, by URI. */
  #entries = new Map<string, CachedSource>();
  /** What the saved index holds: the library version it was written at, and whether it had entities. */
  #saved: { version: number; entities: boolean } | undefined;
  /** After a load that answered from the saved index: its sources by URI, for `checkFiles()` to check the files. */
  #unchecked: { saved: Map<string, CachedSource>; savedAt: number } | undefined;

  constructor(options: BriefingDeskOptions) {
    this.#store = options.store;
    this.#cache = options.cache;
    this.#log = options.log ?? SILENT;
    this.#pause = options.pause;
    this.#batch = options.batch ?? BATCH;
    this.#mark = options.mark ?? (() => undefined);
    this.library.onEntityError = (e) =>
      this.#log.error('Entity extraction failed; entity cards are off until the sources change', e);
  }

  /**
   * Reads every source the store lists, replacing what was loaded, then the entity overrides. With a cache the index
   * is saved after a load that changed anything, unless `saveLater`: a caller that extracts entities next (the CLI's
   * `entities`, `check`, `search`) saves once, with them, instead of twice (`entities()` saves a dirty index).
   */
  async load(onRead?: (done: number, total: number) => void, options: LoadOptions = {}): Promise<DeskLoad> {
    this.#unchecked = undefined;
    if (this.#cache) {
      const savedFirst = !!options.savedFirst && this.library.sources.length === 0;
      return this.#loadCached(this.#cache, onRead, options.saveLater ?? false, savedFirst);
    }
    const result = await loadSources(this.#store, onRead);
    for (const p of result.problems) this.#log.warn(`Skipped ${p.uri}: ${p.reason}`);
    for (const p of result.parsed) this.#warnings(p);
    const keep = new Set(result.parsed.map((p) => p.uri));
    this.library.remove(this.library.sources.map((s) => s.uri).filter((u) => !keep.has(u)));
    const bundled = result.parsed.filter((p) => this.#isBundled(p));
    const own = result.parsed.filter((p) => !this.#isBundled(p));
    await this.#index(bundled, own);
    await this.#readOverrides();
    this.#ready(bundled.length, own.length);
    return result;
  }

  async #index(bundled: ParsedSource[], own: ParsedSource[]): Promise<void> {
    for (const [list, isBundled] of [
      [bundled, true],
      [own, false],
    ] as const) {
      // Without pauses (the CLI, a worker) one update keys the corpus once, instead of once per batch.
      const step = this.#pause ? this.#batch : Math.max(1, list.length);
      for (let i = 0; i < list.length; i += step) {
        this.library.set(list.slice(i, i + step), isBundled);
        await this.#pause?.();
      }
    }
  }

  #ready(bundled: number, own: number): void {
    const sources = this.library.sources;
    // A line per source, made only for a log that keeps them (not 10,000 strings for none), and not for thousands
    // (megabytes of log on every start, for a host to take in and keep).
    if (this.#log !== SILENT && sources.length <= LOG_EACH_UP_TO)
      for (const s of sources)
        this.#log.info(`Indexed @${s.key}: “${s.title}” (${s.paragraphs.length} ¶) from ${s.uri}`);
    const each = sources.length > LOG_EACH_UP_TO ? `; over ${LOG_EACH_UP_TO}, not listed one by one` : '';
    this.#log.info(`${sources.length} sources ready (${bundled} bundled, ${own} others${each}).`);
    this.#warm();
  }

  /** `load` with a saved index: unchanged sources, the word index and (when nothing changed) entities are reused. */
  async #loadCached(
    cache: IndexCacheStore,
    onRead: ((done: number, total: number) => void) | undefined,
    saveLater: boolean,
    savedFirst: boolean,
  ): Promise<DeskLoad> {
    // The store lists (and stats) its files while the saved index is read: the two waits overlap. Not when the load
    // may answer from the saved index first: then the files are listed after it answered (`checkFiles`).
    let listing = savedFirst ? undefined : startListing(this.#store);
    // The entity overrides are asked for now too (a host answers while the saved index is read), applied after.
    const overrides = this.#askOverrides();
    const snapshot = await this.#readSnapshot(cache);
    let saved: Map<string, CachedSource> | undefined;
    if (snapshot) {
      saved = new Map();
      for (const s of snapshot.sources) saved.set(s.uri, s);
      if (savedFirst) return this.#fromSaved(snapshot, saved, overrides);
    }
    listing ??= startListing(this.#store);
    const r = await loadStamped(this.#store, saved, onRead, snapshot?.savedAt, listing);
    for (const p of r.problems) this.#log.warn(`Skipped ${p.uri}: ${p.reason}`);
    for (const p of r.parsed) this.#warnings(p);
    this.#entries = r.entries;
    const entries = [...r.entries.values()];
    const { bundled, own } = byOrigin(entries);
    // The snapshot's texts and word index come from one checksummed file, written together by saveIndex.
    if (snapshot) {
      this.library.restore(bundled, own, snapshot.search, written(snapshot));
      // Extraction state is kept for sources whose content hash is still the saved one.
      const changed = entries.filter((e) => saved?.get(e.uri)?.stamp.hash !== e.stamp.hash).map((e) => e.uri);
      this.library.restoreExtraction(snapshot.extraction, changed);
    } else {
      this.library.remove(this.library.sources.map((s) => s.uri).filter((u) => !r.entries.has(u)));
      await this.#index(bundled, own);
    }
    await this.#readOverrides(overrides);
    const unchanged = !!snapshot && r.reused === entries.length && entries.length === snapshot.sources.length;
    const e = snapshot?.entities;
    if (unchanged && e && e.overrides === this.#overridesKey()) this.#restoreEntities(e);
    this.#log.info(`Index: ${r.reused} of ${entries.length} sources reused from the saved index.`);
    if (unchanged) this.#saved = { version: this.library.version, entities: !!e };
    else if (!saveLater) await this.saveIndex();
    this.#ready(bundled.length, own.length);
    return { parsed: r.parsed, problems: r.problems, listed: r.listed };
  }

  /**
   * Restores the saved entities, read into an index when first asked for (the sources are ready before the saved
   * entities are read). If they cannot be read then, they are extracted again, and the next save writes them.
   */
  #restoreEntities(e: NonNullable<IndexSnapshot['entities']>): void {
    this.library.restoreEntities(() => {
      try {
        return EntityIndex.fromData(e.entities, e.problems);
      } catch (err) {
        this.#log.warn(`Saved entities not used (${(err as Error).message}); they are extracted again.`);
        if (this.#saved) this.#saved = { ...this.#saved, entities: false };
        return undefined;
      }
    });
  }

  /** A load that answers from the saved index (`savedFirst`): every saved source as saved; the files are checked next. */
  async #fromSaved(
    snapshot: IndexSnapshot,
    saved: Map<string, CachedSource>,
    overrides: Promise<OverridesRead>,
  ): Promise<DeskLoad> {
    const parsed = snapshot.sources.map((s) => s.parsed);
    for (const p of parsed) this.#warnings(p);
    this.#entries = new Map(saved);
    const { bundled, own } = byOrigin(snapshot.sources);
    this.library.restore(bundled, own, snapshot.search, written(snapshot));
    this.library.restoreExtraction(snapshot.extraction, []);
    await this.#readOverrides(overrides);
    const e = snapshot.entities;
    if (e && e.overrides === this.#overridesKey()) this.#restoreEntities(e);
    this.#saved = { version: this.library.version, entities: !!e };
    this.#unchecked = { saved, savedAt: snapshot.savedAt ?? 0 };
    this.#log.info(`Index: ${parsed.length} sources from the saved index; the files are checked next.`);
    this.#ready(bundled.length, own.length);
    return { parsed, problems: [], listed: parsed.length, unchecked: true };
  }

  /**
   * After a load that answered from the saved index (`savedFirst`): lists and stats the files, reads those that are
   * new or changed since the save (a file whose size, mtime or content is not the saved one), and applies the changes
   * (updated, new and deleted sources) to the library as a refresh would. The saved index was only a head start: after
   * this the library holds what a whole load would. Nothing to do after any other load (or a second call). The caller
   * saves the index (`saveIndex`) when this changed anything.
   */
  async checkFiles(onRead?: (done: number, total: number) => void): Promise<FilesChecked> {
    const unchecked = this.#unchecked;
    this.#unchecked = undefined;
    const none: FilesChecked = {
      change: { updated: [], removed: [] },
      problems: [],
      listed: 0,
      changed: 0,
      added: 0,
      gone: 0,
    };
    if (!unchecked) return none;
    const { saved, savedAt } = unchecked;
    const r = await loadStamped(this.#store, saved, onRead, savedAt, startListing(this.#store));
    for (const p of r.problems) this.#log.warn(`Skipped ${p.uri}: ${p.reason}`);
    const updated: CachedSource[] = [];
    let changed = 0;
    let added = 0;
    for (const entry of r.entries.values()) {
      const prev = saved.get(entry.uri);
      if (prev === entry) continue;
      // Read again: new, or its stamp changed (its content too, unless only its mtime moved).
      if (!prev) added++;
      if (prev?.parsed === entry.parsed) continue;
      if (prev) changed++;
      this.#warnings(entry.parsed);
      updated.push(entry);
    }
    const goneUris = [...saved.keys()].filter((u) => !r.entries.has(u));
    this.#entries = r.entries;
    const change: CorpusChange = { updated: [], removed: [] };
    if (goneUris.length) addChange(change, this.library.remove(goneUris));
    const { bundled, own } = byOrigin(updated);
    if (bundled.length) addChange(change, this.library.set(bundled, true));
    if (own.length) addChange(change, this.library.set(own, false));
    const gone = goneUris.length;
    this.#log.info(
      `Files checked against the saved index: ${r.listed} listed; ${changed} changed, ${added} new, ${gone} gone.`,
    );
    if (change.updated.length || change.removed.length) this.#warm();
    return { change, problems: r.problems, listed: r.listed, changed, added, gone };
  }

  async #readSnapshot(cache: IndexCacheStore): Promise<IndexSnapshot | undefined> {
    let src: SavedIndexBytes | undefined;
    try {
      if (cache.open) src = await cache.open();
      else {
        const bytes = await cache.read();
        src = bytes && bytesSource(bytes);
      }
    } catch {
      src = undefined;
    }
    if (!src) return undefined;
    let decoded: ReturnType<typeof decodeIndexFrom>;
    try {
      decoded = decodeIndexFrom(src);
    } catch (e) {
      decoded = { problem: `it could not be read: ${(e as Error).message}` };
    }
    this.#mark('saved index decoded');
    if ('problem' in decoded) {
      this.#log.info(`Saved index not used (${decoded.problem}); rebuilding it.`);
      return undefined;
    }
    return decoded.snapshot;
  }

  #overridesKey(): string | null {
    const o = this.library.entityOverrides;
    return o === undefined ? null : JSON.stringify(o);
  }

  /** Saves the index now (with a cache; otherwise nothing). A failed write is logged, never thrown. */
  async saveIndex(): Promise<void> {
    if (!this.#cache) return;
    const built = this.library.entitiesIfBuilt;
    const snapshot: SnapshotToSave = {
      savedAt: Date.now(),
      sources: this.library.sources.map((s) => this.#entries.get(s.uri)).filter((e): e is CachedSource => !!e),
      search: this.library.search.serialize({ packed: true }),
      entities: built && { overrides: this.#overridesKey(), entities: built.entities, problems: built.problems },
      extraction: this.library.extractionPieces,
    };
    const version = this.library.version;
    try {
      await this.#cache.write(encodeIndex(snapshot));
      this.#saved = { version, entities: !!built };
    } catch (e) {
      this.#log.warn(`The index could not be saved: ${(e as Error).message}`);
    }
  }

  /** True when the saved index is behind the library (a host may call `saveIndex`). */
  get indexDirty(): boolean {
    if (!this.#cache) return false;
    const s = this.#saved;
    return !s || s.version !== this.library.version || (!s.entities && !!this.library.entitiesIfBuilt);
  }

  /** Reads `uris` again: new or changed sources are indexed, deleted or unreadable ones leave the library. */
  async refresh(uris: string[]): Promise<CorpusChange> {
    const change: CorpusChange = { updated: [], removed: [] };
    for (const uri of uris.filter(isSourceFile)) {
      const r = await this.#read(uri);
      if ('reason' in r) this.#log.warn(`Skipped ${uri}: ${r.reason}`);
      else this.#warnings(r);
      addChange(change, 'reason' in r ? this.library.remove([uri]) : this.library.set([r], this.#isBundled(r)));
    }
    for (const s of change.updated) this.#log.info(`Re-indexed @${s.key} from ${s.uri}`);
    for (const u of change.removed) this.#log.info(`Removed ${u} from the index`);
    if (change.updated.length || change.removed.length) this.#warm();
    return change;
  }

  async #read(uri: string): Promise<ParsedSource | SourceProblem> {
    if (!this.#cache) return readStoredSource(this.#store, uri);
    const r = await readStamped(this.#store, uri, this.#entries.get(uri));
    if ('reason' in r) {
      this.#entries.delete(uri);
      return r;
    }
    this.#entries.set(uri, r.entry);
    return r.entry.parsed;
  }

  /** Drops deleted files from the library. */
  remove(uris: string[]): CorpusChange {
    for (const u of uris) this.#entries.delete(u);
    const change = this.library.remove(uris);
    for (const u of change.removed) this.#log.info(`Removed ${u} from the index`);
    if (change.removed.length) this.#warm();
    return change;
  }

  /** Reads the entity overrides from the store again (after the file changed). */
  async reloadEntityOverrides(): Promise<void> {
    await this.#readOverrides();
    this.#warm();
  }

  /** Applies entity overrides given as text (`undefined` clears them); returns the problems found, also logged. */
  setEntityOverrides(text: string | undefined, from: string = OVERRIDES_FILE): string[] {
    if (text === undefined) {
      this.library.setEntityOverrides(undefined);
      return [];
    }
    const { overrides, problems } = readOverrides(text);
    for (const p of problems) this.#log.warn(`${from}: ${p}`);
    this.library.setEntityOverrides(overrides);
    this.#log.info(`Entity overrides read from ${from}`);
    return problems;
  }

  /** The entity index over the current sources (built in steps when the host pauses, else at once). */
  async entities(): Promise<EntityIndex> {
    const index = this.#pause ? await this.library.entitiesInSteps(this.#pause) : this.library.entities;
    if (this.#cache && !this.#pause && this.indexDirty) await this.saveIndex();
    return index;
  }

  /** The card of the entity with this name or alias, or undefined when none has it. */
  async entityCard(name: string): Promise<EntityCard | undefined> {
    const index = await this.entities();
    const entity = index.find(name);
    return entity && index.card(entity, this.library.sources);
  }

  /** Grounding problems in a briefing, in document order, with their quick fixes in `data.fixes`. */
  check(markdown: string, options?: CheckOptions): GroundingDiagnostic[] {
    const search = this.library.search;
    const candidates = (pieces: string[]) => search.passagesWithWords(pieces.join(' '));
    return checkBriefing(markdown, this.library.corpus, { candidates, ...options });
  }

  /** Passages that match `query`, best first. */
  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.library.search.search(query, options);
  }

  /** The source a citation item names and the paragraphs it cites; undefined for an unknown key. */
  resolve(item: CiteItem): ResolvedItem | undefined {
    return resolveItem(item, this.library.corpus);
  }

  /** The citation card at `offset` of a briefing, if a citation is there. */
  citationHover(doc: BriefingText, offset: number, link: LinkTarget): HoverContent | undefined {
    return citationHover(doc, offset, this.library.corpus, link);
  }

  /** The entity card for a name at `offset` of a briefing, if a known name is there. */
  async entityHover(text: string, offset: number, link: LinkTarget): Promise<HoverContent | undefined> {
    return entityHover(text, offset, await this.entities(), this.library.sources, link);
  }

  /** Where the citation at `offset` leads: its source at the first paragraph it names. */
  definition(doc: BriefingText, offset: number): Definition | undefined {
    return definitionAt(doc, offset, this.library.corpus);
  }

  /** Keys or paragraphs to offer at `offset`. */
  completions(text: string, offset: number): Completions | undefined {
    return completionsAt(text, offset, this.library.corpus);
  }

  #warnings(p: ParsedSource): void {
    for (const w of p.warnings) this.#log.warn(`${p.uri}:${w.line + 1}: ${w.message}`);
  }

  #isBundled(p: ParsedSource): boolean {
    return this.#store.isBundled?.(p.uri) ?? false;
  }

  /** Asks the store for the entity overrides file (never rejects: a failure is in the result). */
  #askOverrides(): Promise<OverridesRead> {
    let asked: Promise<{ uri: string; text: string } | undefined>;
    try {
      asked = Promise.resolve(this.#store.readEntityOverrides?.());
    } catch (e) {
      asked = Promise.reject(e as Error);
    }
    return asked.then(
      (found) => ({ found }),
      (error: unknown) => ({ error }),
    );
  }

  /** Reads the entity overrides (or takes those asked for earlier) and applies them. */
  async #readOverrides(asked: Promise<OverridesRead> = this.#askOverrides()): Promise<void> {
    const read = await asked;
    if ('error' in read) this.#log.warn(`The entity overrides could not be read: ${(read.error as Error).message}`);
    const found = 'found' in read ? read.found : undefined;
    this.setEntityOverrides(found?.text, found?.uri);
  }

  /** Starts extracting entities in the background, so hovers find them ready (hosts that pause only). */
  #warm(): void {
    if (this.#pause) void this.library.entitiesInSteps(this.#pause);
  }
}

/** Builds a Briefing Desk over `store`; call `load()` to read the sources. */
export function createBriefingDesk(options: BriefingDeskOptions): BriefingDesk {
  return new BriefingDesk(options);
}
