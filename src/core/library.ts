// The corpus with its derived indexes (search, entities), kept in step as sources come and go.
import { Corpus, type CorpusChange, type ParsedSource, type Source } from './corpus';
import { EntityIndex, type EntityOverrides } from './entities';
import { SearchIndex } from './search';

/**
 * One place that owns the corpus and everything derived from it. Hosts hand in parsed sources;
 * the search index follows incrementally, the entity index is rebuilt on first use after a change (at once, or in steps).
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

  #building: { version: number; done: Promise<EntityIndex> } | undefined;

  /** The entity index if it is current, without building it (hosts that cannot wait use what is ready). */
  get entitiesIfReady(): EntityIndex | undefined {
    return this.#entities;
  }

  /** The entity index over the current sources, built now if it is stale (for hosts that never pause, as the CLI). */
  get entities(): EntityIndex {
    this.#entities ??= this.#guard(() => EntityIndex.build(this.corpus.sources, this.#overrides));
    return this.#entities;
  }

  /**
   * The entity index, built in steps with `pause()` between them so a shared thread (VS Code's extension host)
   * stays responsive; concurrent callers share one build, and a build overtaken by a change starts again.
   */
  async entitiesInSteps(pause: () => Promise<void>): Promise<EntityIndex> {
    while (!this.#entities) {
      const version = this.#version;
      if (this.#building?.version !== version) {
        const sources = this.corpus.sources;
        const overrides = this.#overrides;
        this.#building = {
          version,
          done: EntityIndex.buildInSteps(sources, overrides, pause).catch((e) =>
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
      this.search.applyChange(change);
      this.#entities = undefined;
      this.#version++;
    }
    return change;
  }
}
