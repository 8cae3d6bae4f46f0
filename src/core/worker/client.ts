// The host's side of the desk protocol: answers the worker's store requests from the host's own store and cache,
// and turns requests into promises. Core only; each host adapts its worker (worker_threads, a web worker) to a Channel.
import type { IndexCacheStore } from '../cache';
import { UnusableEntry } from '../corpus/entry';
import type { SourceStore } from '../corpus/load';
import type {
  Channel,
  FromWorker,
  ListAnswer,
  LocalListing,
  StoreRequest,
  ToWorker,
  WorkerEvent,
  WorkerRequest,
  WorkerResults,
} from '../../protocol/worker';

type Op = WorkerRequest['op'];

/** Why a request was rejected when the worker was stopped (reload, closing the folder): not a failure to report. */
export class WorkerStopped extends Error {
  constructor() {
    super('the index worker was stopped');
    this.name = 'WorkerStopped';
  }
}
type Args<K extends Op> = Omit<Extract<WorkerRequest, { op: K }>, 'id' | 'op'>;

/** A desk running in a worker, seen from the host. */
export class DeskClient {
  #channel: Channel<FromWorker, ToWorker>;
  #store: SourceStore;
  #cache: IndexCacheStore | undefined;
  #listing: (() => LocalListing | undefined) | undefined;
  #next = 1;
  #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #closed = false;
  #drains: Array<() => void> = [];
  /** Called with every event the worker sends (progress, totals, log lines). */
  onEvent: ((event: WorkerEvent) => void) | undefined;

  /**
   * `listing`: the rules a worker that reaches the disk itself lists by (undefined when the host must list, e.g. a
   * folder that is not on disk); asked at every listing, since settings and folders change.
   */
  constructor(
    channel: Channel<FromWorker, ToWorker>,
    store: SourceStore,
    cache?: IndexCacheStore,
    listing?: () => LocalListing | undefined,
  ) {
    this.#channel = channel;
    this.#store = store;
    this.#cache = cache;
    this.#listing = listing;
    channel.listen((m) => this.#receive(m));
  }

  /** Sends a request; resolves with the worker's answer (rejects when it failed or the worker was closed). */
  request<K extends Op>(op: K, args: Args<K>): Promise<WorkerResults[K]> {
    if (this.#closed) return Promise.reject(new WorkerStopped());
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#channel.post({ ...args, id, op } as WorkerRequest);
    });
  }

  /** Rejects every pending request (the host is stopping the worker). */
  close(): void {
    this.#closed = true;
    for (const w of this.#waiting.values()) w.reject(new WorkerStopped());
    this.#waiting.clear();
    for (const d of this.#drains.splice(0)) d();
  }

  /** Resolves once no request is waiting for its answer (at once when none is). */
  drained(): Promise<void> {
    if (!this.#waiting.size || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#drains.push(resolve));
  }

  /** True once `close()` was called (or the worker exited). */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Messages held back after a `sources` chunk that more chunks follow: a port hands over every message queued for it
   * in one go (a warm start's 10,000 sources are five chunks), so each chunk is taken in on a turn of the event loop
   * of its own, and what came after it (in order) only after the last.
   */
  #backlog: FromWorker[] | undefined;

  #receive(m: FromWorker): void {
    if (this.#closed) return;
    if (this.#backlog) return void this.#backlog.push(m);
    this.#take(m);
  }

  #take(m: FromWorker): void {
    if ('event' in m) {
      this.onEvent?.(m);
      if (m.event === 'sources' && !m.last && !this.#backlog) {
        this.#backlog = [];
        setTimeout(() => this.#drain(), 0);
      }
      return;
    }
    if ('store' in m) return void this.#serve(m);
    const w = this.#waiting.get(m.id);
    this.#waiting.delete(m.id);
    if (m.ok) w?.resolve(m.result);
    else w?.reject(new Error(m.error));
    if (!this.#waiting.size) for (const d of this.#drains.splice(0)) d();
  }

  /** Takes in the held messages, up to the next chunk that more follow (which holds the rest for another turn). */
  #drain(): void {
    const held = this.#backlog ?? [];
    this.#backlog = undefined;
    let i = 0;
    while (i < held.length && !this.#backlog && !this.#closed) this.#take(held[i++]);
    // A chunk taken here that more follow set a new backlog: the rest goes before what arrives meanwhile.
    const again = this.#backlog as FromWorker[] | undefined;
    again?.unshift(...held.slice(i));
  }

  async #serve(r: StoreRequest): Promise<void> {
    try {
      const result = await this.#answer(r);
      if (!this.#closed) this.#channel.post({ sid: r.sid, ok: true, result });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (!this.#closed) this.#channel.post({ sid: r.sid, ok: false, error, unusable: e instanceof UnusableEntry });
    }
  }

  async #answer(r: StoreRequest): Promise<unknown> {
    const s = this.#store;
    switch (r.store) {
      case 'list': {
        const local = r.local ? this.#listing?.() : undefined;
        if (local) return { uris: [], bundled: [], skipped: [], local } satisfies ListAnswer;
        const uris = await s.list();
        const answer: ListAnswer = {
          uris,
          bundled: uris.filter((u) => s.isBundled?.(u)),
          skipped: s.skipped?.() ?? [],
        };
        return answer;
      }
      case 'read':
        return s.read(r.uri);
      case 'stat':
        return s.stat?.(r.uri);
      case 'readEntityOverrides':
        return s.readEntityOverrides?.();
      case 'readCache':
        return this.#cache?.read();
      case 'writeCache':
        await this.#cache?.write([r.bytes]);
        return null;
    }
  }
}
