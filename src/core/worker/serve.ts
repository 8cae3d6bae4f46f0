// The worker's side of the desk protocol: a desk over a store that asks the host for bytes, answering the host's
// requests and keeping the host's copy of the sources current. Core only (plain messages), so worker_threads, a
// browser's web worker and the extension host itself (in process, over a loopback channel) can all run it.
import { joinChunks, type IndexCacheStore } from '../cache';
import type { CorpusChange, Source, SourceProblem } from '../corpus';
import { UnusableEntry } from '../corpus/entry';
import { isSourceFile, type SourceStore } from '../corpus/load';
import { createBriefingDesk, type BriefingDesk, type DeskLoad, type FilesChecked } from '../desk';
import { entityCardAt } from '../features/entityHover';
import { LoadPhases } from './phases';
import type {
  Channel,
  DeskTotals,
  EntitySummary,
  FromWorker,
  ListAnswer,
  LocalListing,
  PackedSources,
  ParagraphMore,
  ParagraphTexts,
  SourceMore,
  SourceSummary,
  StoreRequest,
  ToWorker,
  WorkerMemory,
  WorkerRequest,
} from '../../protocol/worker';

type Ask = (request: StoreRequest) => Promise<unknown>;

/** The same promise, marked as handled: a file asked for ahead and never used must not count as an unhandled error. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** Files asked for ahead of the one a load reads, so the host's I/O and the messages overlap instead of queueing. */
const AHEAD = 16;

type Stat = { size: number; mtime: number } | undefined;

/**
 * A SourceStore whose every call is a message to the host. During a load it asks ahead: the stats of the next files
 * in the order the load reads them, and their bytes too once the load is reading files (a cold start; a warm start
 * only stats). What was asked ahead is dropped when the load ends, so a later refresh always asks afresh.
 */
class RemoteStore implements SourceStore {
  #ask: Ask;
  #localStore: ServeOptions['localStore'];
  /** The worker's own store, while the host's last listing said to list locally. */
  #local: LocalStore | undefined;
  /** The rules to list by that came with the running load. */
  #given: LocalListing | undefined;
  #bundled = new Set<string>();
  #skipped: SourceProblem[] = [];
  #order: string[] = [];
  #at = new Map<string, number>();
  #stats = new Map<string, Promise<Stat>>();
  #reads = new Map<string, Promise<Uint8Array>>();
  #loading = false;
  #reading = false;
  /** Steps of the running load, for the host's log. */
  readonly phases = new LoadPhases();
  constructor(ask: Ask, localStore?: ServeOptions['localStore']) {
    this.#ask = ask;
    this.#localStore = localStore;
  }
  /** True while the worker lists, stats and reads the files itself. */
  get local(): boolean {
    return !!this.#local;
  }
  /**
   * A load starts (`true`) or ends (`false`): asking ahead is for loads only. `local`: the rules to list the files
   * by, when the host sent them with the load (then the worker need not ask for them).
   */
  loading(on: boolean, local?: LocalListing): void {
    this.#loading = on;
    this.#given = on ? local : undefined;
    if (on) this.reads = 0;
    this.#reading = false;
    this.#stats.clear();
    this.#reads.clear();
    if (!on) this.#local?.loaded?.();
  }
  async list(): Promise<string[]> {
    const given = this.#given && this.#localStore;
    const r = given
      ? { local: this.#given }
      : ((await this.#ask({ sid: 0, store: 'list', local: !!this.#localStore })) as ListAnswer);
    this.#local = r.local && this.#localStore?.(r.local);
    if (this.#local) {
      const uris = await this.#listLocally(this.#local);
      this.phases.mark('listed');
      return uris;
    }
    if (!('uris' in r)) throw new Error('the host sent no listing');
    this.#bundled = new Set(r.bundled);
    this.#skipped = r.skipped;
    // The order loads read in (loadSources, loadStamped).
    this.#order = r.uris.filter(isSourceFile).sort();
    this.#at = new Map(this.#order.map((u, i) => [u, i]));
    this.phases.mark('listed');
    return r.uris;
  }
  async #listLocally(local: SourceStore): Promise<string[]> {
    const uris = await local.list();
    this.#bundled = new Set(uris.filter((u) => local.isBundled?.(u)));
    this.#skipped = local.skipped?.() ?? [];
    this.#order = [];
    this.#at.clear();
    return uris;
  }
  skipped(): SourceProblem[] {
    return this.#skipped;
  }
  /** Files read since the last `loading(true)`. */
  reads = 0;
  read(uri: string): Promise<Uint8Array> {
    this.reads++;
    this.phases.mark('read');
    if (this.#local) return this.#local.read(uri);
    this.#reading = true;
    const asked = this.#reads.get(uri) ?? this.#askRead(uri);
    this.#reads.delete(uri);
    this.#ahead(uri);
    return asked;
  }
  listedStat(uri: string): Stat {
    this.phases.mark('stat');
    return this.#local?.listedStat?.(uri);
  }
  stat(uri: string): Promise<Stat> {
    this.phases.mark('stat');
    if (this.#local?.stat) return this.#local.stat(uri);
    const asked = this.#stats.get(uri) ?? this.#askStat(uri);
    this.#stats.delete(uri);
    this.#ahead(uri);
    return asked;
  }
  #askRead(uri: string): Promise<Uint8Array> {
    return this.#ask({ sid: 0, store: 'read', uri }) as Promise<Uint8Array>;
  }
  #askStat(uri: string): Promise<Stat> {
    return this.#ask({ sid: 0, store: 'stat', uri }) as Promise<Stat>;
  }
  #ahead(uri: string): void {
    const i = this.#at.get(uri);
    if (!this.#loading || i === undefined) return;
    for (const next of this.#order.slice(i + 1, i + 1 + AHEAD)) {
      if (!this.#stats.has(next)) this.#stats.set(next, quiet(this.#askStat(next)));
      if (this.#reading && !this.#reads.has(next)) this.#reads.set(next, quiet(this.#askRead(next)));
    }
  }
  isBundled(uri: string): boolean {
    return this.#bundled.has(uri);
  }
  async readEntityOverrides(): Promise<{ uri: string; text: string } | undefined> {
    this.phases.mark('overrides asked');
    const found = (await this.#ask({ sid: 0, store: 'readEntityOverrides' })) as
      { uri: string; text: string } | undefined;
    this.phases.mark('overrides read');
    return found;
  }
}

class RemoteCache implements IndexCacheStore {
  #ask: Ask;
  constructor(ask: Ask) {
    this.#ask = ask;
  }
  async read(): Promise<Uint8Array | undefined> {
    return (await this.#ask({ sid: 0, store: 'readCache' })) as Uint8Array | undefined;
  }
  async write(chunks: Iterable<Uint8Array>): Promise<void> {
    await this.#ask({ sid: 0, store: 'writeCache', bytes: joinChunks(chunks) });
  }
}

/** The same cache, marking in a load's steps when the saved index was opened (or read). */
function markOpened(cache: IndexCacheStore, phases: LoadPhases): IndexCacheStore {
  const opened = <T>(got: T): T => (phases.mark('saved index opened'), got);
  const open = cache.open?.bind(cache);
  return {
    read: async () => opened(await cache.read()),
    write: (chunks) => cache.write(chunks),
    open: open && (async () => opened(await open())),
  };
}

/** What the worker is told when it starts. */
export interface ServeOptions {
  /**
   * The saved index: `true` when the host keeps it (it answers `readCache` / `writeCache`), or a store the worker
   * reaches itself (a Node worker: the file on disk, so the index's bytes never cross to the host and back).
   */
  cache: boolean | IndexCacheStore;
  /**
   * Awaited between steps of long work (indexing batches, entity extraction), so requests (a search, a check) are
   * answered meanwhile from what is indexed so far. Without it, a load runs in one go.
   */
  pause?: () => Promise<void>;
  /** Sources indexed between pauses (the desk's default: 25). */
  batch?: number;
  /** Sources per `sources` event (default {@link MIRROR_CHUNK}). */
  mirrorChunk?: number;
  /** The worker's own heap, when the host can measure it (Node: `process.memoryUsage()`). */
  memory?: () => WorkerMemory;
  /** A full garbage collection, when the host can ask for one: run after heavy steps (a load, entities, a save). */
  collect?: () => void;
  /**
   * A store over the worker's own disk access that lists by the host's rules (a Node worker in a `file:` workspace):
   * the worker then asks the host for no listing, stat or file, and the host only watches for changes.
   */
  localStore?: (listing: LocalListing) => LocalStore;
}

/** The worker's own store; `loaded`: the load that listed is over (what the listing learnt for it is let go). */
export type LocalStore = SourceStore & { loaded?(): void };

/**
 * Sources as the host's copy takes them in (see the `sources` event): each source's metadata, no texts, column by
 * column, and every paragraph's place in one packed array. Field by field: the desk's source and paragraphs may read
 * their texts from the saved index only when asked (getters), which copying them whole would do.
 */
export function mirrorSources(sources: readonly Source[]): PackedSources {
  const count = sources.length;
  const fields: Array<string | null> = new Array(7 * count);
  const bundled = new Uint8Array(count);
  const paragraphs = new Uint32Array(count);
  const places = new Uint32Array(4 * sources.reduce((n, s) => n + s.paragraphs.length, 0));
  const packed: PackedSources = { count, fields, bundled, paragraphs, places };
  let at = 0;
  sources.forEach((s, i) => {
    fields[7 * i] = s.key;
    fields[7 * i + 1] = s.uri;
    fields[7 * i + 2] = s.title;
    fields[7 * i + 3] = s.date;
    fields[7 * i + 4] = s.place;
    fields[7 * i + 5] = s.outlet;
    fields[7 * i + 6] = s.url;
    bundled[i] = s.bundled ? 1 : 0;
    paragraphs[i] = s.paragraphs.length;
    if (s.authors.length) (packed.authors ??= {})[i] = s.authors;
    let more: SourceMore | undefined;
    if (s.format !== undefined) (more ??= {}).format = s.format;
    if (s.pages !== undefined) (more ??= {}).pages = s.pages;
    if (s.language !== undefined) (more ??= {}).language = s.language;
    if (s.accessed !== undefined) (more ??= {}).accessed = s.accessed;
    s.paragraphs.forEach((p, j) => {
      places[at++] = p.n;
      places[at++] = p.start;
      places[at++] = p.end;
      places[at++] = p.line;
      if (p.section === undefined && p.page === undefined && p.pageEnd === undefined) return;
      const extra: ParagraphMore = {};
      if (p.section !== undefined) extra.section = p.section;
      if (p.page !== undefined) extra.page = p.page;
      if (p.pageEnd !== undefined) extra.pageEnd = p.pageEnd;
      ((more ??= {}).paragraphs ??= {})[j] = extra;
    });
    if (more) (packed.more ??= {})[i] = more;
  });
  return packed;
}

/** Sources per `sources` event: packed, 2,000 take the host a few ms to take in (a warm start of 10,000 sends five). */
export const MIRROR_CHUNK = 2000;
/** Files read between two progress events. */
const PROGRESS_EVERY = 100;
/** Files checked between two progress events (a check of an unchanged file takes microseconds). */
const CHECK_PROGRESS_EVERY = 1000;

/** Serves one desk over `channel` until the host terminates the worker (or stops listening). */
export function serveDesk(channel: Channel<ToWorker, FromWorker>, options: ServeOptions): BriefingDesk {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ask: Ask = (request) =>
    new Promise((resolve, reject) => {
      const sid = next++;
      waiting.set(sid, { resolve, reject });
      send({ ...request, sid });
    });
  // Log lines go out together, one message per level and turn: a load logs a line per source, and a host that
  // takes thousands of messages in one go stalls.
  const lines: Record<'info' | 'warn' | 'error', string[]> = { info: [], warn: [], error: [] };
  let flushing = false;
  const flush = () => {
    flushing = false;
    for (const level of ['error', 'warn', 'info'] as const) {
      if (lines[level].length) channel.post({ event: 'log', level, message: lines[level].splice(0).join('\n') });
    }
  };
  /** Everything but log lines: the lines logged before it go first, so the host reads them in order. */
  const send = (message: FromWorker) => {
    if (flushing) flush();
    channel.post(message);
  };
  const log = (level: 'info' | 'warn' | 'error') => (message: string) => {
    lines[level].push(message);
    if (!flushing) {
      flushing = true;
      setTimeout(flush, 0);
    }
  };
  // After a heavy step, once the answers due are sent: what it left behind goes back to the system.
  let collecting: ReturnType<typeof setTimeout> | undefined;
  const collectSoon = () => {
    const collect = options.collect;
    if (!collect || collecting) return;
    collecting = setTimeout(() => {
      collecting = undefined;
      collect();
    }, 0);
  };
  const store = new RemoteStore(ask, options.localStore);
  const cache = typeof options.cache === 'object' ? options.cache : options.cache ? new RemoteCache(ask) : undefined;
  const desk = createBriefingDesk({
    store,
    cache: cache && markOpened(cache, store.phases),
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    pause: options.pause,
    batch: options.batch,
    mark: (step) => store.phases.mark(step),
  });
  const library = desk.library;
  // The host's copy of the sources follows every change, in small chunks.
  let mirrored = -1;
  library.onChange = (change: CorpusChange) => {
    const version = library.version;
    mirrored = version;
    const { updated, removed } = change;
    store.phases.mark('sources changed');
    const chunk = options.mirrorChunk ?? MIRROR_CHUNK;
    for (let i = 0; i === 0 || i < updated.length; i += chunk) {
      const last = i + chunk >= updated.length;
      send({
        event: 'sources',
        version,
        updated: mirrorSources(updated.slice(i, i + chunk)),
        removed: i === 0 ? removed : [],
        warnings: last ? library.corpus.warnings : undefined,
        last,
      });
    }
    store.phases.mark('host copy sent');
  };
  // Tells the host when the entity index is current (the claim check and entity cards wait for it).
  let announced = -1;
  const announceEntities = () => {
    const version = library.version;
    // The version also moves without a change of sources (entity overrides read after every load): the host's copy
    // must carry it, or an entity index announced for it would never look current there.
    if (mirrored !== version) {
      mirrored = version;
      send({ event: 'sources', version, updated: mirrorSources([]), removed: [], last: true });
    }
    void desk.entities().then(
      (index) => {
        if (library.version !== version || announced === version) return;
        announced = version;
        send({ event: 'entities', version, count: index.entities.length });
        collectSoon();
      },
      () => undefined,
    );
  };
  const totals = (problems: DeskTotals['problems'] = []): DeskTotals => ({
    sources: library.sources.length,
    passages: library.search.passageCount,
    problems,
  });
  // Changes run one after another; questions are answered at once, from what is indexed so far.
  let changes: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = changes.then(work, work);
    changes = run.catch(() => undefined);
    return run;
  };
  const change = async (work: () => Promise<DeskTotals>): Promise<DeskTotals> => {
    const result = await inTurn(work);
    announceEntities();
    return result;
  };
  /** Sends `progress` events every `every` files (and for the last), `checking` while files are checked. */
  const progress = (every: number, checking?: true) => {
    let sent = -every;
    return (done: number, total: number) => {
      if (done - sent < every && done !== total - 1) return;
      sent = done;
      send(checking ? { event: 'progress', done, total, checking } : { event: 'progress', done, total });
    };
  };
  /** After a load that answered from the saved index: the files are checked, what changed is applied and mirrored. */
  const checkFiles = async (): Promise<void> => {
    store.phases.begin();
    let found: FilesChecked | undefined;
    try {
      found = await desk.checkFiles(progress(CHECK_PROGRESS_EVERY, true));
    } catch (e) {
      log('error')(`Checking the source files failed (Reload Sources reads them again): ${(e as Error).message}`);
    } finally {
      store.loading(false);
    }
    if (found && store.local) log('info')('The index worker listed and checked the source files on disk itself.');
    const { change: changed, problems } = found ?? { change: { updated: [], removed: [] }, problems: [] };
    send({
      event: 'checked',
      ...totals(problems),
      read: store.reads,
      changed: changed.updated.length + changed.removed.length,
      phases: store.phases.end(),
    });
    announceEntities();
    collectSoon();
  };
  const handle = async (r: WorkerRequest): Promise<unknown> => {
    switch (r.op) {
      case 'load':
        return new Promise<DeskTotals>((answer, fail) => {
          const run = inTurn(async () => {
            store.phases.begin();
            store.loading(true, r.local);
            let result: DeskLoad;
            try {
              result = await desk.load(progress(PROGRESS_EVERY), { savedFirst: r.savedFirst });
            } catch (e) {
              store.loading(false);
              throw e;
            }
            if (!result.unchecked) {
              store.loading(false);
              if (store.local)
                log('info')('The index worker listed, checked and read the source files on disk itself.');
            }
            send({ event: 'indexed', ...totals() });
            const steps = store.phases.end();
            answer({ ...totals(result.problems), read: store.reads, phases: steps, unchecked: result.unchecked });
            announceEntities();
            collectSoon();
            // Answered from the saved index: the files are checked in the same turn, before any change asked since.
            if (result.unchecked) await checkFiles();
          });
          run.catch(fail);
        });
      case 'refresh':
        return change(async () => (await desk.refresh(r.uris), totals()));
      case 'remove':
        return change(async () => (desk.remove(r.uris), totals()));
      case 'reloadEntityOverrides':
        await change(async () => (await desk.reloadEntityOverrides(), totals()));
        return null;
      case 'setEntityOverrides': {
        const problems = desk.setEntityOverrides(r.text);
        announceEntities();
        return problems;
      }
      case 'search': {
        const options = { ...r.options };
        if (r.entity !== undefined) {
          const entity = (await desk.entities()).find(r.entity);
          options.passages = entity ? entity.mentions.map((m) => ({ key: m.key, paragraph: m.paragraph })) : [];
        }
        return desk.search(r.query, options);
      }
      case 'check': {
        const entities = library.entitiesIfReady;
        const claims = r.claims !== false && !!entities;
        return { diagnostics: desk.check(r.markdown, { claims, entities }), claims };
      }
      case 'sources':
        return library.sources.map((s): SourceSummary => ({
          key: s.key,
          uri: s.uri,
          title: s.title,
          date: s.date,
          paragraphs: s.paragraphs.length,
          bundled: s.bundled,
        }));
      case 'entities':
        return (await desk.entities()).entities;
      case 'entityList':
        if (r.ifReady && !library.entitiesIfReady) return null;
        return (await desk.entities()).entities.map((e): EntitySummary => ({
          name: e.name,
          type: e.type,
          mentions: e.mentions.length,
          sources: new Set(e.mentions.map((m) => m.key)).size,
          description: e.description,
        }));
      case 'entityCard':
        return (await desk.entityCard(r.name)) ?? null;
      case 'entityAt':
        return entityCardAt(r.text, r.offset, await desk.entities(), library.sources) ?? null;
      case 'saveIndex':
        await inTurn(async () => {
          if (r.ifDirty) await desk.entities();
          if (!r.ifDirty || desk.indexDirty) {
            await desk.saveIndex();
            collectSoon();
          }
        });
        return null;
      case 'memory':
        return options.memory?.() ?? null;
      case 'sourceText':
        return library.corpus.byUri(r.uri)?.text ?? null;
      case 'paragraphTexts':
        return {
          version: library.version,
          texts: r.uris.map((uri) => library.corpus.byUri(uri)?.paragraphs.map((p) => p.text) ?? null),
        } satisfies ParagraphTexts;
    }
  };
  channel.listen((m) => {
    if ('sid' in m) {
      const w = waiting.get(m.sid);
      waiting.delete(m.sid);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(m.unusable ? new UnusableEntry(m.error) : new Error(m.error));
      return;
    }
    handle(m).then(
      (result) => send({ id: m.id, ok: true, result }),
      (e: unknown) => send({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  return desk;
}
