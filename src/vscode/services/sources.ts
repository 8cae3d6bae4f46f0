// Keeps the Briefing Desk in step with the bundled seeds and the workspace's sources. The desk runs in the index
// worker (or, when the host has none, on the extension host in steps, over the same protocol); this side answers the
// worker's file requests, keeps a copy of the keyed sources for what must answer at once (hovers, completions, the
// preview), asks the worker everything else, and tells the features when sources change and how indexing goes.
import * as vscode from 'vscode';
import type { IndexCacheStore } from '../../core/cache';
import type { CorpusView, Source } from '../../core/corpus';
import type { EntityCard } from '../../core/entities';
import type { SearchHit, SearchOptions } from '../../core/search/types';
import { DeskClient, WorkerStopped } from '../../core/worker/client';
import { loopback } from '../../core/worker/loopback';
import { SourceMirror } from '../../core/worker/mirror';
import { PassageTexts } from '../../core/worker/passages';
import { LoadPhases, oneTimeline, type LoadSteps } from '../../core/worker/phases';
import { serveDesk } from '../../core/worker/serve';
import type {
  CheckResult,
  DeskTotals,
  EntityAt,
  EntitySummary,
  FromWorker,
  ToWorker,
  WorkerEvent,
  WorkerMemory,
  WorkerPort,
  WorkerRequest,
  WorkerResults,
} from '../../protocol/worker';
import { onSettingChange } from '../config';
import type { Logger } from '../log';
import { progressText, type IndexProgress } from './progress';
import type { DiskEntryLister } from './entries';
import { HostTrace } from './hostTrace';
import { WorkspaceSourceStore } from './workspaceStore';

export { progressText, type IndexProgress } from './progress';

/** Above this many files, indexing shows progress in the window's progress area. */
const PROGRESS_THRESHOLD = 50;

const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Quiet time after a source changed before the saved index is brought up to date. */
const SAVE_DELAY = 5000;

/** While indexing, features hear of new sources at most this often. */
const CHANGE_THROTTLE = 1000;

/**
 * A load that read at least this many files (a cold build) is followed by a fresh worker that starts warm from the
 * index just saved: a desk loaded from the saved index holds much less memory than the one that built it.
 */
export const FRESH_AFTER = 2000;

/** Where the desk runs: the index worker, or (no worker available) the extension host itself. */
export type DeskMode = 'worker' | 'extension host';

/** What the service is handed. */
export interface SourcesServiceOptions {
  extensionUri: vscode.Uri;
  log: Logger;
  /** Where the index is saved between sessions (none: rebuilt every time). */
  cache?: IndexCacheStore;
  /** Starts the index worker; undefined (or returning undefined) runs the desk on the extension host. */
  startWorker?: () => WorkerPort | undefined;
  /** How the desktop host names bad entries on disk (see `WorkspaceSourceStore`). */
  diskLister?: DiskEntryLister;
}

/** The desk over the workspace, loaded in the background once started, and updated as files change. */
export class SourcesService implements vscode.Disposable {
  /** The keyed sources as the desk last reported them: lookups by key and URI, answered at once (no texts). */
  readonly corpus = new SourceMirror();
  /** Paragraph texts of the sources shown last, fetched from the desk (the copy above holds none). */
  readonly texts = new PassageTexts(this.corpus, (uris) => this.#ask('paragraphTexts', { uris }));
  /** What the host spends its time on while the worker indexes (off until the scale suite starts it). */
  readonly trace = new HostTrace();
  readonly #options: SourcesServiceOptions;
  readonly #store: WorkspaceSourceStore;
  readonly #log: Logger;
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly #onDidProgress = new vscode.EventEmitter<IndexProgress | undefined>();
  readonly #disposables: vscode.Disposable[] = [this.#onDidChange, this.#onDidProgress];
  #watchers: vscode.Disposable[] = [];
  #client: DeskClient | undefined;
  #stop: (() => void) | undefined;
  #mode: DeskMode | undefined;
  #disposed = false;
  #ready: Promise<void>;
  #started!: (loaded: Promise<void>) => void;
  #pending = new Map<string, ReturnType<typeof setTimeout>>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #changeTimer: ReturnType<typeof setTimeout> | undefined;
  #progress: IndexProgress | undefined;
  #entitiesVersion = -1;
  /** A fresh worker loading warm to take over from the one that built the index (see FRESH_AFTER). */
  #fresh: { client: DeskClient; stop: () => void; changed: Set<string> } | undefined;
  #settled: Promise<void> = Promise.resolve();
  /** The steps of the running load on the host's side (the worker times its own). */
  #phases = new LoadPhases();
  #lastLoad: Array<[string, number]> | undefined;
  #lastCheck: Array<[string, number]> | undefined;
  /** When the host began the last load (the check's steps are shown on its timeline). */
  #hostBegan: LoadSteps | undefined;
  /** The desk whose first load was asked (a later load of the same desk reads the files before it answers). */
  #loadedBy: DeskClient | undefined;
  /** After a load that answered from the saved index: resolves once its files are checked (see `checked`). */
  #checked = Promise.resolve();
  #checkDone: (() => void) | undefined;

  /** Fires after sources were added, changed or removed, or the entity index became current. */
  readonly onDidChange = this.#onDidChange.event;
  /** Fires as indexing advances, and with undefined when it is done. */
  readonly onDidProgress = this.#onDidProgress.event;

  /** Does no I/O: `start()` begins loading. */
  constructor(options: SourcesServiceOptions) {
    this.#options = options;
    this.#log = options.log;
    this.#store = new WorkspaceSourceStore(options.extensionUri, options.log, options.diskLister, this.trace);
    this.#ready = new Promise<void>((resolve) => (this.#started = (loaded) => resolve(loaded)));
    this.#disposables.push(
      onSettingChange(['sources', 'includeBundledSeeds', 'maxSourceSizeMB'], () => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  /** Where the desk runs, once started. */
  get mode(): DeskMode | undefined {
    return this.#mode;
  }

  /** Increases with every change of the sources. */
  get version(): number {
    return this.corpus.version;
  }

  /** How far the running (re)load has got; undefined when none runs. */
  get progress(): IndexProgress | undefined {
    return this.#progress;
  }

  /** True when the entity index is current for these sources (until then the claim check waits). */
  get entitiesReady(): boolean {
    return this.#entitiesVersion === this.corpus.version;
  }

  /** Resolves once the first load (or the latest reload) has finished. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** Starts the desk (the worker when the host has one) and loads the sources. Called once, after activation. */
  start(): void {
    if (this.#client || this.#disposed) return;
    this.#connect();
    this.#started(this.reload());
  }

  /** Connects a desk: the index worker unless `inHost` (or the host has none), else one on the extension host. */
  #connect(inHost = false): void {
    const { cache } = this.#options;
    let port: WorkerPort | undefined;
    try {
      if (!inHost) port = this.#options.startWorker?.();
    } catch (e) {
      this.#log.error('The index worker could not be started; indexing on the extension host instead', e);
    }
    if (port) {
      const client = this.#workerClient(port);
      this.#stop = () => void Promise.resolve(port.terminate()).catch(() => undefined);
      this.#attach(client, 'worker');
      return;
    }
    const ends = loopback<ToWorker, FromWorker>();
    serveDesk(ends.b, { cache: !!cache, pause: yieldToHost });
    this.#stop = ends.close;
    this.#attach(new DeskClient(ends.a, this.#store, cache), 'extension host');
  }

  /** A client of a worker's port; a worker that exits while it serves the sources is replaced on the host. */
  #workerClient(port: WorkerPort): DeskClient {
    const { cache } = this.#options;
    const trace = this.trace;
    const timedCache: IndexCacheStore | undefined = cache && {
      read: () => trace.span('read cache', () => cache.read()),
      write: (bytes) => trace.span('write cache', () => cache.write(bytes)),
    };
    // A worker that reaches the disk itself lists, stats and reads the files (the host's file search over
    // thousands of files stalls the extension host); the host only watches for changes.
    const client = new DeskClient(trace.channel(port.channel), this.#store, timedCache, () =>
      this.#store.localListing(),
    );
    port.onExit?.(() => this.#workerExited(client));
    return client;
  }

  /**
   * After a cold build: once the entities are extracted and the index saved, a fresh worker loads it warm while the
   * old one keeps answering; then the host's copy of the sources moves over in one change, the old worker finishes
   * the answers it owes and stops. Changes to files meanwhile are read again by the fresh worker before it takes
   * over; a reload, a change of the entity overrides or closing the folder drops it.
   */
  async #refreshWorker(built: DeskClient): Promise<void> {
    await this.#quietly('saveIndex', { ifDirty: true }, null).catch(() => undefined);
    if (this.#disposed || this.#client !== built || this.#fresh) return;
    let port: WorkerPort | undefined;
    try {
      port = this.#options.startWorker?.();
    } catch {
      port = undefined;
    }
    if (!port) return;
    const started = port;
    const client = this.#workerClient(port);
    // It reads the same files, so the host's copy of the sources stays; only the worker's version is followed.
    let version = -1;
    let entities = -1;
    client.onEvent = (e) => {
      if (e.event === 'sources') version = Math.max(version, e.version);
      else if (e.event === 'entities') entities = e.version;
      else if (e.event === 'log' && e.level === 'error') this.#event(e);
    };
    const fresh = {
      client,
      stop: () => void Promise.resolve(started.terminate()).catch(() => undefined),
      changed: new Set<string>(),
    };
    this.#fresh = fresh;
    try {
      await client.request('load', { local: this.#store.localListing() });
      await client.request('entityList', {});
      // Files that changed while it loaded: read again (a deleted one leaves).
      while (fresh.changed.size) {
        const uris = [...fresh.changed];
        fresh.changed.clear();
        await client.request('refresh', { uris });
      }
    } catch {
      if (this.#fresh === fresh) this.#fresh = undefined;
      fresh.stop();
      return;
    }
    if (this.#fresh !== fresh || this.#client !== built || this.#disposed) return fresh.stop();
    this.#fresh = undefined;
    const stopBuilt = this.#stop;
    built.onEvent = undefined;
    this.corpus.continueFrom(version);
    this.#entitiesVersion = this.corpus.versionOf(entities);
    this.#client = client;
    this.#loadedBy = client;
    this.#stop = fresh.stop;
    client.onEvent = (e) => this.#event(e);
    this.#log.info('The index is now served by a fresh index worker, loaded from the saved index (less memory).');
    this.#changedNow();
    // The old worker answers what it was asked before the move, then stops.
    await built.drained();
    built.close();
    stopBuilt?.();
  }

  /** Drops a fresh worker that was loading to take over (a reload or a change of settings came first). */
  #dropFresh(): void {
    const fresh = this.#fresh;
    this.#fresh = undefined;
    fresh?.client.close();
    fresh?.stop();
  }

  /** Where the last load spent its time: the worker's steps and the host's, in ms since the host began it. */
  get lastLoad(): Array<[string, number]> | undefined {
    return this.#lastLoad;
  }

  /** The steps of the last check of the files after a load from the saved index, in ms since the host began the load. */
  get lastCheck(): Array<[string, number]> | undefined {
    return this.#lastCheck;
  }

  /**
   * Resolves once the files have been checked after the latest load: a first load answers from the saved index (its
   * sources as they were saved), then the worker lists and stats the files and applies what changed since (a changed,
   * new or deleted file) as a refresh; at once when the load read the files itself (or the desk stopped).
   */
  get checked(): Promise<void> {
    return this.#checked;
  }

  /** The latest load's check of the files is over (or will not come: a reload, the desk stopped). */
  #checkOver(): void {
    const done = this.#checkDone;
    this.#checkDone = undefined;
    done?.();
  }

  /** Resolves once a fresh worker that is taking over from the one that built the index has done so (or stopped). */
  get settled(): Promise<void> {
    return this.#settled;
  }

  #attach(client: DeskClient, mode: DeskMode): void {
    this.#client = client;
    this.#mode = mode;
    client.onEvent = (e) => this.#event(e);
    this.#log.info(
      mode === 'worker'
        ? 'Indexing in the index worker (off the extension host).'
        : 'Indexing on the extension host, in steps (no index worker here).',
    );
  }

  /** A worker that dies (out of memory, a crash) is replaced by the desk on the extension host. */
  #workerExited(client: DeskClient): void {
    client.close();
    if (this.#disposed || this.#client !== client) return;
    this.#log.error('The index worker stopped unexpectedly; indexing on the extension host instead.');
    this.#client = undefined;
    this.#forget();
    // Not another worker: one that cannot start (its script missing from the package) would fail the same way again.
    this.#connect(true);
    void this.reload();
  }

  #event(e: WorkerEvent): void {
    switch (e.event) {
      case 'sources':
        this.#phases.mark('sources taken');
        this.corpus.apply(e);
        if (e.last) this.#changedSoon();
        return;
      case 'entities':
        this.#entitiesVersion = this.corpus.versionOf(e.version);
        if (this.#entitiesVersion === this.corpus.version) this.#changedSoon();
        return;
      case 'progress':
        this.#setProgress(
          e.checking ? { done: e.done, total: e.total, checking: true } : { done: e.done, total: e.total },
        );
        return;
      case 'checked':
        this.#setProgress(undefined);
        this.#filesChecked(e);
        return;
      case 'indexed':
        return;
      case 'log':
        if (e.level === 'info') this.#log.info(e.message);
        else if (e.level === 'warn') this.#log.warn(e.message);
        else this.#log.error(e.message);
        return;
    }
  }

  #setProgress(p: IndexProgress | undefined): void {
    this.#progress = p;
    this.trace.sync('tell progress', () => this.#onDidProgress.fire(p));
  }

  /** Tells the features soon (at most once a second while indexing), so a large load does not flood them. */
  #changedSoon(): void {
    if (this.#changeTimer) return;
    this.#changeTimer = setTimeout(() => {
      this.#changeTimer = undefined;
      this.trace.sync('tell features', () => this.#onDidChange.fire());
    }, CHANGE_THROTTLE);
  }

  #changedNow(): void {
    clearTimeout(this.#changeTimer);
    this.#changeTimer = undefined;
    this.trace.sync('tell features', () => this.#onDidChange.fire());
  }

  /** Sends a request; rejects with `WorkerStopped` once the service is disposed. */
  #ask<K extends WorkerRequest['op']>(
    op: K,
    args: Omit<Extract<WorkerRequest, { op: K }>, 'id' | 'op'>,
  ): Promise<WorkerResults[K]> {
    if (!this.#client) this.start();
    if (!this.#client) return Promise.reject(new WorkerStopped());
    return this.#client.request(op, args);
  }

  /** Like `#ask`, but a stopped worker gives `fallback` (nothing to show the user). */
  async #quietly<K extends WorkerRequest['op'], F>(
    op: K,
    args: Omit<Extract<WorkerRequest, { op: K }>, 'id' | 'op'>,
    fallback: F,
  ): Promise<WorkerResults[K] | F> {
    try {
      return await this.#ask(op, args);
    } catch (e) {
      if (e instanceof WorkerStopped) return fallback;
      throw e;
    }
  }

  /** Passages that match `query`, best first, from what is indexed so far; `entity`: only passages that mention it. */
  search(query: string, options?: SearchOptions, entity?: string): Promise<SearchHit[]> {
    return this.#quietly('search', { query, options, entity }, []);
  }

  /** Grounding problems in a briefing; claims are checked (unless `claims` is false) once entities are extracted. */
  check(markdown: string, claims = true): Promise<CheckResult> {
    return this.#quietly('check', { markdown, claims }, { diagnostics: [], claims: false });
  }

  /** The entities, once extracted over the current sources (waits for the extraction). */
  async entities(): Promise<EntitySummary[]> {
    await this.#ready;
    return (await this.#quietly('entityList', {}, [])) ?? [];
  }

  /** The entities if they are extracted already, else undefined (a view that must not wait). */
  async entitiesIfReady(): Promise<EntitySummary[] | undefined> {
    return (await this.#quietly('entityList', { ifReady: true }, null)) ?? undefined;
  }

  /** The card of the entity with this name or alias. */
  async entityCard(name: string): Promise<EntityCard | undefined> {
    await this.#ready;
    return (await this.#quietly('entityCard', { name }, null)) ?? undefined;
  }

  /** The card of the entity named at `offset` of `text`, with the name's span. */
  async entityAt(text: string, offset: number): Promise<EntityAt | undefined> {
    await this.#ready;
    return (await this.#quietly('entityAt', { text, offset }, null)) ?? undefined;
  }

  /** A source's file text as the desk read it (the host's copy of the sources does not keep it). */
  async sourceText(uri: string): Promise<string | undefined> {
    return (await this.#quietly('sourceText', { uri }, null)) ?? undefined;
  }

  /**
   * The sources as `corpus` holds them, those with these keys with their paragraph texts (fetched from the desk);
   * `missing` hears of every source looked up in the view without its texts.
   */
  withTexts(keys: Iterable<string>, missing?: (source: Source) => void): Promise<CorpusView> {
    return this.texts.viewWith(keys, missing);
  }

  /** The text of a source's paragraph, from the desk (undefined: no such source or paragraph). */
  async paragraphText(key: string, paragraph: number): Promise<string | undefined> {
    return (await this.withTexts([key])).get(key)?.paragraphs.find((p) => p.n === paragraph)?.text || undefined;
  }

  /** The worker's own heap (undefined on the extension host, or when it cannot tell). */
  async workerMemory(): Promise<WorkerMemory | undefined> {
    if (this.#mode !== 'worker') return undefined;
    return (await this.#quietly('memory', {}, null)) ?? undefined;
  }

  /** Reads every source again (unchanged ones come from the saved index). */
  reload(): Promise<void> {
    if (!this.#client) {
      this.start();
      return this.#ready;
    }
    const client = this.#client;
    this.#dropFresh();
    const loaded: Promise<void> = this.#load().catch((e) => {
      if (!(e instanceof WorkerStopped)) return this.#log.error('Loading sources failed', e);
      // The worker stopped under this load and another desk took over: this load is done when that one's is.
      if (!this.#disposed && this.#client !== client && this.#ready !== loaded) return this.#ready;
    });
    this.#ready = loaded;
    return loaded;
  }

  /**
   * Stops the index worker and starts a fresh one, which loads the sources from the saved index and sends the host a
   * new copy of them: what a window reload does, short of restarting the extension host. Resolves when they are ready
   * (the files are checked after, see `checked`). `whileStopped` runs in between, with no worker and no file watched
   * (as changes made while the window is closed).
   */
  async restart(whileStopped?: () => Promise<void>): Promise<void> {
    if (this.#disposed || !this.#client) return this.reload();
    this.#dropFresh();
    this.#client.close();
    this.#stop?.();
    this.#client = undefined;
    this.#forget();
    if (whileStopped) {
      this.#unwatch();
      await whileStopped();
    }
    this.#connect(this.#mode === 'extension host');
    return this.reload();
  }

  /** Saves the index now if it is behind the sources (after the entities are extracted). */
  async saveIndex(): Promise<void> {
    await this.#quietly('saveIndex', { ifDirty: true }, null);
  }

  /** Forgets the sources of a desk that is gone; the next desk's versions count on from this copy's. */
  #forget(): void {
    this.#checkOver();
    this.corpus.clear();
    this.corpus.continueFrom(0);
    this.texts.clear();
  }

  dispose(): void {
    this.#disposed = true;
    this.#checkOver();
    this.#unwatch();
    clearTimeout(this.#saveTimer);
    clearTimeout(this.#changeTimer);
    this.#client?.close();
    this.#stop?.();
    this.#dropFresh();
    vscode.Disposable.from(...this.#disposables).dispose();
  }

  /** Stops watching the files, dropping the changes heard and not yet applied. */
  #unwatch(): void {
    vscode.Disposable.from(...this.#watchers).dispose();
    this.#watchers = [];
    for (const t of this.#pending.values()) clearTimeout(t);
    this.#pending.clear();
  }

  async #load(): Promise<void> {
    const phases = this.#phases;
    phases.begin();
    this.#watch();
    phases.mark('watching');
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    // The progress area shows only for a large corpus, once the desk knows how many files there are.
    let shown = false;
    const onProgress = this.onDidProgress((p) => {
      if (shown || !p || p.total <= PROGRESS_THRESHOLD) return;
      shown = true;
      const title = 'Briefing Desk';
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (bar) => {
        let reported = 0;
        const follow = this.onDidProgress((q) => {
          if (!q) return;
          bar.report({ message: progressText(q), increment: (100 * (q.done - reported)) / q.total });
          reported = q.done;
        });
        return done.finally(() => follow.dispose());
      });
    });
    const client = this.#client;
    // A desk's first load (a window opening, a fresh worker) answers from the saved index and checks the files after.
    const savedFirst = !!client && this.#loadedBy !== client;
    this.#loadedBy = client;
    this.#lastCheck = undefined;
    this.#checkOver();
    this.#checked = new Promise<void>((resolve) => (this.#checkDone = resolve));
    let totals: DeskTotals;
    try {
      phases.mark('load asked');
      // A worker that reaches the disk lists the files itself, by the rules sent with the load (see localListing).
      totals = await this.#ask('load', { local: this.#store.localListing(), savedFirst: savedFirst || undefined });
      phases.mark('worker answered');
    } catch (e) {
      this.#checkOver();
      throw e;
    } finally {
      onProgress.dispose();
      finished();
      if (!this.#progress?.checking) this.#setProgress(undefined);
    }
    if (!totals.unchecked) this.#checkOver();
    this.#changedNow();
    phases.mark('features told');
    const hostSteps = phases.end();
    this.#hostBegan = hostSteps;
    this.#lastLoad = oneTimeline(hostSteps, totals.phases);
    this.#log.info(`Load steps (ms since the host began): ${this.#lastLoad.map(([s, ms]) => `${s} ${ms}`).join(', ')}`);
    this.#saveSoon();
    if (client && this.#mode === 'worker' && (totals.read ?? 0) >= FRESH_AFTER) {
      this.#settled = this.#refreshWorker(client);
    }
  }

  /** The files were checked after a load from the saved index: what changed is in the copy already (`sources`). */
  #filesChecked(e: Extract<WorkerEvent, { event: 'checked' }>): void {
    if (this.#hostBegan) {
      this.#lastCheck = oneTimeline({ began: this.#hostBegan.began, steps: [] }, e.phases);
      this.#log.info(
        `Check steps (ms since the host began the load): ${this.#lastCheck.map(([s, ms]) => `${s} ${ms}`).join(', ')}`,
      );
    }
    if (e.changed) {
      this.#changedNow();
      this.#saveSoon();
    }
    this.#checkOver();
  }

  #watch(): void {
    vscode.Disposable.from(...this.#watchers).dispose();
    this.#watchers = this.#store.patterns().map((p) => {
      const w = vscode.workspace.createFileSystemWatcher(p);
      w.onDidCreate((u) => this.#changed(u));
      w.onDidChange((u) => this.#changed(u));
      w.onDidDelete((u) => this.#deleted(u));
      return w;
    });
    for (const p of this.#store.overridesPatterns()) {
      const w = vscode.workspace.createFileSystemWatcher(p);
      const again = () => {
        this.#dropFresh();
        void this.#apply(() => this.#ask('reloadEntityOverrides', {}), true);
      };
      w.onDidCreate(again);
      w.onDidChange(again);
      w.onDidDelete(again);
      this.#watchers.push(w);
    }
  }

  /** Runs a change in the desk; tells the features when the sources changed (or always, with `always`). */
  async #apply(work: () => Promise<unknown>, always = false): Promise<void> {
    const before = this.corpus.version;
    try {
      await work();
    } catch (e) {
      if (!(e instanceof WorkerStopped)) this.#log.error('Updating the index failed', e);
      return;
    }
    if (always || this.corpus.version !== before) {
      this.#changedNow();
      this.#saveSoon();
    }
  }

  /** Coalesces bursts of events for one file (editors save in several steps). */
  #changed(uri: vscode.Uri): void {
    const key = uri.toString();
    this.#fresh?.changed.add(key);
    clearTimeout(this.#pending.get(key));
    this.#pending.set(
      key,
      setTimeout(() => {
        this.#pending.delete(key);
        void this.#apply(() => this.#ask('refresh', { uris: [key] }));
      }, 150),
    );
  }

  #deleted(uri: vscode.Uri): void {
    this.#fresh?.changed.add(uri.toString());
    void this.#apply(() => this.#ask('remove', { uris: [uri.toString()] }));
  }

  /** Saves the index once changes have settled (after entities are extracted again, in the desk). */
  #saveSoon(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#quietly('saveIndex', { ifDirty: true }, null).catch((e) => this.#log.warn(`Saving the index failed: ${e}`));
    }, SAVE_DELAY);
  }
}
