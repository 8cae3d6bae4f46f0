// The corpus with its derived indexes (search, entities), kept in step as sources come and go.
import { Corpus, type CorpusChange, type ParsedSource, type Source } from './corpus';
import { EntityIndex, Extraction, type EntityOverrides, type ScanHelper } from './entities';
import { SearchIndex, type SerializedSearchIndex } from './search';
import type { Written } from './search/serialize';

/**
 * One place that owns the corpus and everything derived from it. Hosts hand in parsed sources;
 * the search index follows incrementally, the entity index is rebuilt on first use after a change (at once, or in steps),
 * re-extracting only the sources the change affects (see {@link Extraction}).
 */
export class Library {
  readonly corpus = new Corpus();
  #search = new SearchIndex();
  #entities: EntityIndex | undefined;
  /** A saved entity index over exactly the current sources, read into an index when something first asks for it. */
  #restored: (() => EntityIndex | undefined) | undefined;
  #overrides: EntityOverrides | undefined;
  /** What extraction keeps per source, so that a change re-extracts only what it affects. */
  #extraction = new Extraction();
  #version = 0;

  /** Increases on every change; views use it to know their data is stale. */
  get version(): number {
    return this.#version;
  }

  /** The search index over the current sources. */
  get search(): SearchIndex {
    return this.#search;
  }

  /** The user's entity overrides, as last set. */
  get entityOverrides(): EntityOverrides | undefined {
    return this.#overrides;
  }

  /** The entity index if it is built and current, without building it. */
  get entitiesIfBuilt(): EntityIndex | undefined {
    return this.#current();
  }

  /**
   * Replaces everything with these sources and a saved word index over them (a warm start): sources whose text, key
   * or title differ from what was saved are indexed afresh, the others are restored without re-indexing. `written`:
   * the texts saved in the same checked file as `search` (URI → text), see {@link SearchIndex.deserialize}.
   */
  restore(
    bundled: ParsedSource[],
    own: ParsedSource[],
    search: SerializedSearchIndex,
    written?: Written,
  ): CorpusChange {
    const keep = new Set([...bundled, ...own].map((p) => p.uri));
    const gone = this.corpus.remove(this.corpus.sources.map((s) => s.uri).filter((u) => !keep.has(u)));
    const seeds = this.corpus.set(bundled, true);
    const others = this.corpus.set(own, false);
    this.#search = SearchIndex.deserialize(search, this.corpus.sources, written);
    this.#entities = undefined;
    this.#restored = undefined;
    // The saved extraction state comes with `restoreExtraction`; whatever was kept here may not match these sources.
    this.#extraction = new Extraction();
    this.#version++;
    // Both steps' changes (the seeds' too), each source named once, as it is now.
    const updated = new Set([...seeds.updated, ...others.updated].map((s) => s.uri));
    const all: CorpusChange = {
      updated: [...updated].map((u) => this.corpus.byUri(u)).filter((s): s is Source => !!s),
      removed: [...new Set([...gone.removed, ...seeds.removed, ...others.removed])],
    };
    this.onChange?.(all);
    return all;
  }

  /**
   * Takes a saved entity index (built over exactly the current sources and overrides), or a way to read it: then it
   * is read when something first asks for entities (a warm start that answers searches first never waits for it); a
   * way that gives none means the index is built.
   */
  restoreEntities(index: EntityIndex | (() => EntityIndex | undefined)): void {
    if (typeof index === 'function') {
      this.#entities = undefined;
      this.#restored = index;
    } else {
      this.#entities = index;
      this.#restored = undefined;
    }
  }

  /** The entity index if it is current, reading a restored one now if it has not been read yet. */
  #current(): EntityIndex | undefined {
    if (!this.#entities && this.#restored) {
      const read = this.#restored;
      this.#restored = undefined;
      // Undefined when the saved index cannot be read after all: the entities are then built as if none were saved.
      this.#entities = read();
      if (this.#entities) this.#useAliases(this.#entities);
    }
    return this.#entities;
  }

  /**
   * Takes saved extraction state (see {@link extractionPieces}), `changed`: URIs of sources whose content is not what it
   * was when the state was saved (new ones need not be named).
   */
  restoreExtraction(bytes: Uint8Array | (() => Uint8Array) | undefined, changed: Iterable<string>): void {
    this.#extraction = bytes ? Extraction.fromBytes(bytes) : new Extraction();
    this.#extraction.invalidate(changed);
  }

  /** The extraction state to save with the index, as pieces to write one after another (not copied into one block). */
  get extractionPieces(): Uint8Array[] {
    return this.#extraction.pieces;
  }

  /** All sources, sorted by key. */
  get sources(): Source[] {
    return this.corpus.sources;
  }

  /** Adds or replaces sources. */
  set(parsed: ParsedSource[], bundled = false): CorpusChange {
    return this.#apply(this.corpus.set(parsed, bundled));
  }

  /** Removes sources by URI. */
  remove(uris: string[]): CorpusChange {
    return this.#apply(this.corpus.remove(uris));
  }

  /** Replaces the user's entity overrides (`briefing-entities.json`). */
  setEntityOverrides(overrides: EntityOverrides | undefined): void {
    this.#overrides = overrides;
    this.#entities = undefined;
    this.#restored = undefined;
    this.#version++;
  }

  /** Called after every change of the sources, with what changed (a worker mirrors them to its host). */
  onChange: ((change: CorpusChange) => void) | undefined;

  /** Why the last entity extraction failed, if it did (the index is then empty rather than missing). */
  entityError: Error | undefined;

  /** Called when entity extraction fails (hosts log it); the index is then empty. */
  onEntityError: ((error: Error) => void) | undefined;

  #building: { version: number; done: Promise<EntityIndex> } | undefined;

  /** The entity index if it is current, without building it (hosts that cannot wait use what is ready). */
  get entitiesIfReady(): EntityIndex | undefined {
    return this.#current();
  }

  /** The entity index over the current sources, built now if it is stale (for hosts that never pause, as the CLI). */
  get entities(): EntityIndex {
    this.#entities =
      this.#current() ?? this.#guard(() => EntityIndex.build(this.corpus.sources, this.#overrides, this.#extraction));
    return this.#entities;
  }

  /**
   * The entity index, built in steps with `pause()` between them so a shared thread (VS Code's extension host)
   * stays responsive; concurrent callers share one build, and a build overtaken by a change starts again. With a
   * `helper` (another thread), part of the sources is read there.
   */
  async entitiesInSteps(pause: () => Promise<void>, helper?: ScanHelper): Promise<EntityIndex> {
    if (!this.#entities && this.#restored) {
      await pause(); // the caller's turn ends first (a load that restored entities reports its sources ready)
      this.#current();
    }
    while (!this.#entities) {
      const version = this.#version;
      if (this.#building?.version !== version) {
        const sources = this.corpus.sources;
        const overrides = this.#overrides;
        this.#building = {
          version,
          done: EntityIndex.buildInSteps(sources, overrides, pause, this.#extraction, helper).catch((e) =>
            this.#guard(() => {
              throw e;
            }),
          ),
        };
      }
      const index = await this.#building.done;
      if (this.#version === version && !this.#entities) {
        this.#entities = index;
        this.#useAliases(index);
      }
    }
    return this.#entities;
  }

  // Searching for an entity by one of its names finds the others (MoU / Memorandum of Understanding).
  #useAliases(index: EntityIndex): void {
    this.search.setAliases(index.entities.map((e) => [e.name, ...e.aliases]));
  }

  /** Runs an extraction; a failure is reported and gives an empty index, never an exception. */
  #guard(build: () => EntityIndex): EntityIndex {
    try {
      const index = build();
      this.entityError = undefined;
      this.#useAliases(index);
      return index;
    } catch (e) {
      this.entityError = e instanceof Error ? e : new Error(String(e));
      this.onEntityError?.(this.entityError);
      return EntityIndex.build([]);
    }
  }

  #apply(change: CorpusChange): CorpusChange {
    if (change.updated.length || change.removed.length) {
      this.#search.applyChange(change);
      this.#extraction.invalidate([...change.updated.map((s) => s.uri), ...change.removed]);
      this.#entities = undefined;
      this.#restored = undefined;
      this.#version++;
      this.onChange?.(change);
    }
    return change;
  }
}
