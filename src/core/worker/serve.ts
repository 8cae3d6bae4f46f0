// The worker's side of the desk protocol: a desk over a store that asks the host for bytes, answering the host's
// requests. Core only (plain messages), so worker_threads and a browser's web worker can both run it.
import type { IndexCacheStore } from '../cache';
import type { SourceStore } from '../corpus/load';
import { createBriefingDesk, type BriefingDesk } from '../desk';
import type {
  Channel,
  DeskTotals,
  FromWorker,
  SourceSummary,
  StoreRequest,
  StoreResponse,
  ToWorker,
  WorkerRequest,
} from '../../protocol/worker';

type Ask = (request: StoreRequest) => Promise<unknown>;

/** A SourceStore whose every call is a message to the host. */
class RemoteStore implements SourceStore {
  #ask: Ask;
  #bundled = new Set<string>();
  constructor(ask: Ask) {
    this.#ask = ask;
  }
  async list(): Promise<string[]> {
    const r = (await this.#ask({ sid: 0, store: 'list' })) as { uris: string[]; bundled: string[] };
    this.#bundled = new Set(r.bundled);
    return r.uris;
  }
  async read(uri: string): Promise<Uint8Array> {
    return (await this.#ask({ sid: 0, store: 'read', uri })) as Uint8Array;
  }
  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    return (await this.#ask({ sid: 0, store: 'stat', uri })) as { size: number; mtime: number } | undefined;
  }
  isBundled(uri: string): boolean {
    return this.#bundled.has(uri);
  }
  async readEntityOverrides(): Promise<{ uri: string; text: string } | undefined> {
    return (await this.#ask({ sid: 0, store: 'readEntityOverrides' })) as { uri: string; text: string } | undefined;
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
  async write(bytes: Uint8Array): Promise<void> {
    await this.#ask({ sid: 0, store: 'writeCache', bytes });
  }
}

/** What the worker is told when it starts. */
export interface ServeOptions {
  /** Whether the host keeps a saved index (it answers `readCache` / `writeCache`). */
  cache: boolean;
  /** Awaited between steps of long work; a worker has its own thread, so the default does not pause. */
  pause?: () => Promise<void>;
}

/** Serves one desk over `channel` until the host terminates the worker. */
export function serveDesk(channel: Channel<ToWorker, FromWorker>, options: ServeOptions): BriefingDesk {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ask: Ask = (request) =>
    new Promise((resolve, reject) => {
      const sid = next++;
      waiting.set(sid, { resolve, reject });
      channel.post({ ...request, sid });
    });
  const log = (level: 'info' | 'warn' | 'error') => (message: string) => channel.post({ event: 'log', level, message });
  const desk = createBriefingDesk({
    store: new RemoteStore(ask),
    cache: options.cache ? new RemoteCache(ask) : undefined,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    pause: options.pause,
  });
  const totals = (problems: DeskTotals['problems'] = []): DeskTotals => ({
    sources: desk.library.sources.length,
    passages: desk.library.search.passageCount,
    problems,
  });
  let lastProgress = 0;
  const handle = async (r: WorkerRequest): Promise<unknown> => {
    switch (r.op) {
      case 'load': {
        const result = await desk.load((done, total) => {
          if (done === 0 || done - lastProgress >= 100 || done === total - 1) {
            lastProgress = done;
            channel.post({ event: 'progress', done, total });
          }
        });
        channel.post({ event: 'indexed', ...totals() });
        return totals(result.problems);
      }
      case 'refresh':
        await desk.refresh(r.uris);
        return totals();
      case 'remove':
        desk.remove(r.uris);
        return totals();
      case 'search':
        return desk.search(r.query, r.options);
      case 'check':
        return desk.check(r.markdown);
      case 'sources':
        return desk.library.sources.map((s): SourceSummary => ({
          key: s.key,
          uri: s.uri,
          title: s.title,
          date: s.date,
          paragraphs: s.paragraphs.length,
          bundled: s.bundled,
        }));
      case 'entities':
        return (await desk.entities()).entities;
      case 'setEntityOverrides':
        return desk.setEntityOverrides(r.text);
      case 'saveIndex':
        await desk.saveIndex();
        return null;
    }
  };
  channel.listen((m) => {
    if ('sid' in m) {
      const w = waiting.get(m.sid);
      waiting.delete(m.sid);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(new Error(m.error));
      return;
    }
    handle(m).then(
      (result) => channel.post({ id: m.id, ok: true, result }),
      (e: unknown) => channel.post({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  return desk;
}

export type { StoreResponse };
