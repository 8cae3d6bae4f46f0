// The corpus with its derived indexes (search, entities), kept in step as sources come and go.
import { Corpus, type CorpusChange, type ParsedSource, type Source } from './corpus';
import { EntityIndex, type EntityOverrides } from './entities';
import { SearchIndex } from './search';

/**
 * One place that owns the corpus and everything derived from it. Hosts hand in parsed sources;
 * the search index follows incrementally, the entity index is rebuilt lazily on first use after a change.
 */
export class Library {
  readonly corpus = new Corpus();
  readonly search = new SearchIndex();
  #entities: EntityIndex | undefined;
  #overrides: EntityOverrides | undefined;
  #version = 0;

  /** Increases on every change; views use it to know their data is stale. */
  get version(): number {
    return this.#version;
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
    this.#version++;
  }

  /** Why the last entity extraction failed, if it did (the index is then empty rather than missing). */
  entityError: Error | undefined;

  /** Called when entity extraction fails (hosts log it); the index is then empty. */
  onEntityError: ((error: Error) => void) | undefined;

  /** The entity index over the current sources (built on first use after a change). */
  get entities(): EntityIndex {
    if (!this.#entities) {
      try {
        this.#entities = EntityIndex.build(this.corpus.sources, this.#overrides);
        this.entityError = undefined;
      } catch (e) {
        this.entityError = e instanceof Error ? e : new Error(String(e));
        this.#entities = EntityIndex.build([]);
        this.onEntityError?.(this.entityError);
      }
    }
    return this.#entities;
  }

  #apply(change: CorpusChange): CorpusChange {
    if (change.updated.length || change.removed.length) {
      this.search.applyChange(change);
      this.#entities = undefined;
      this.#version++;
    }
    return change;
  }
}
