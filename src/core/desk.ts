// The one entry point every host builds: `createBriefingDesk({ store, log })` owns the library (sources, search,
// entities), grounding, citation resolution and the editor features' content. Hosts supply I/O and presentation.
import { resolveItem, type ResolvedItem } from './citations/resolve';
import type { CiteItem } from './citations/types';
import type { CorpusChange, ParsedSource } from './corpus';
import { isSourceFile, loadSources, readStoredSource, type LoadResult, type SourceStore } from './corpus/load';
import type { EntityIndex } from './entities/entityIndex';
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
}

/** Sources indexed in one go before the desk pauses. */
const BATCH = 25;

const SILENT: DeskLog = { info() {}, warn() {}, error() {} };

/** Briefing Desk over one store: load and follow sources, check briefings, answer the editor features. */
export class BriefingDesk {
  /** The sources and their search and entity indexes. */
  readonly library = new Library();
  readonly #store: SourceStore;
  readonly #log: DeskLog;
  readonly #pause: (() => Promise<void>) | undefined;

  constructor(options: BriefingDeskOptions) {
    this.#store = options.store;
    this.#log = options.log ?? SILENT;
    this.#pause = options.pause;
    this.library.onEntityError = (e) =>
      this.#log.error('Entity extraction failed; entity cards are off until the sources change', e);
  }

  /** Reads every source the store lists, replacing what was loaded, then the entity overrides. */
  async load(onRead?: (done: number, total: number) => void): Promise<LoadResult> {
    const result = await loadSources(this.#store, onRead);
    for (const p of result.problems) this.#log.warn(`Skipped ${p.uri}: ${p.reason}`);
    for (const p of result.parsed) this.#warnings(p);
    const keep = new Set(result.parsed.map((p) => p.uri));
    this.library.remove(this.library.sources.map((s) => s.uri).filter((u) => !keep.has(u)));
    const bundled = result.parsed.filter((p) => this.#isBundled(p));
    const own = result.parsed.filter((p) => !this.#isBundled(p));
    for (const [list, isBundled] of [
      [bundled, true],
      [own, false],
    ] as const) {
      for (let i = 0; i < list.length; i += BATCH) {
        this.library.set(list.slice(i, i + BATCH), isBundled);
        await this.#pause?.();
      }
    }
    await this.#readOverrides();
    for (const s of this.library.sources)
      this.#log.info(`Indexed @${s.key}: “${s.title}” (${s.paragraphs.length} ¶) from ${s.uri}`);
    this.#log.info(`${this.library.sources.length} sources ready (${bundled.length} bundled, ${own.length} others).`);
    this.#warm();
    return result;
  }

  /** Reads `uris` again: new or changed sources are indexed, deleted or unreadable ones leave the library. */
  async refresh(uris: string[]): Promise<CorpusChange> {
    const change: CorpusChange = { updated: [], removed: [] };
    for (const uri of uris.filter(isSourceFile)) {
      const r = await readStoredSource(this.#store, uri);
      if ('reason' in r) this.#log.warn(`Skipped ${uri}: ${r.reason}`);
      else this.#warnings(r);
      const one = 'reason' in r ? this.library.remove([uri]) : this.library.set([r], this.#isBundled(r));
      change.updated.push(...one.updated);
      change.removed.push(...one.removed);
    }
    for (const s of change.updated) this.#log.info(`Re-indexed @${s.key} from ${s.uri}`);
    for (const u of change.removed) this.#log.info(`Removed ${u} from the index`);
    if (change.updated.length || change.removed.length) this.#warm();
    return change;
  }

  /** Drops deleted files from the library. */
  remove(uris: string[]): CorpusChange {
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
  entities(): Promise<EntityIndex> {
    return this.#pause ? this.library.entitiesInSteps(this.#pause) : Promise.resolve(this.library.entities);
  }

  /** The card of the entity with this name or alias, or undefined when none has it. */
  async entityCard(name: string): Promise<EntityCard | undefined> {
    const index = await this.entities();
    const entity = index.find(name);
    return entity && index.card(entity, this.library.sources);
  }

  /** Grounding problems in a briefing, in document order, with their quick fixes in `data.fixes`. */
  check(markdown: string, options?: CheckOptions): GroundingDiagnostic[] {
    return checkBriefing(markdown, this.library.corpus, options);
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

  async #readOverrides(): Promise<void> {
    let found: { uri: string; text: string } | undefined;
    try {
      found = await this.#store.readEntityOverrides?.();
    } catch (e) {
      this.#log.warn(`The entity overrides could not be read: ${(e as Error).message}`);
    }
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
