// Starts the index worker (worker_threads) and connects a DeskClient to it; stopping it is one call.
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { IndexCacheStore } from '../core/cache';
import type { SourceStore } from '../core/corpus/load';
import { DeskClient } from '../core/worker/client';
import type { FromWorker, ToWorker } from '../protocol/worker';

/** A running index worker. */
export interface DeskWorker {
  client: DeskClient;
  /** Stops the worker; pending requests are rejected. */
  stop(): Promise<void>;
}

/** Starts `script` (default: deskWorker.js beside this file) serving a desk over `store` (and `cache`). */
export function startDeskWorker(store: SourceStore, cache?: IndexCacheStore, script?: string): DeskWorker {
  const worker = new Worker(script ?? path.join(__dirname, 'deskWorker.js'), { workerData: { cache: !!cache } });
  const client = new DeskClient(
    { post: (m: ToWorker) => worker.postMessage(m), listen: (h: (m: FromWorker) => void) => worker.on('message', h) },
    store,
    cache,
  );
  worker.on('error', (e) => client.onEvent?.({ event: 'log', level: 'error', message: `index worker: ${e.message}` }));
  worker.on('exit', () => client.close());
  return {
    client,
    async stop() {
      client.close();
      await worker.terminate();
    },
  };
}
