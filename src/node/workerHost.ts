// Starts the index worker (worker_threads): the host's end of its channel, and a DeskClient over it for Node hosts.
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { IndexCacheStore } from '../core/cache';
import type { SourceStore } from '../core/corpus/load';
import { DeskClient } from '../core/worker/client';
import type { FromWorker, ToWorker, WorkerPort } from '../protocol/worker';

/** What the worker is told at start (its `workerData`). */
export interface DeskWorkerData {
  /** Whether the host answers `readCache` / `writeCache`. */
  cache: boolean;
  /** The saved index's file, read and written by the worker itself (then the host is not asked for it). */
  cacheFile?: string;
}

/**
 * Starts `script` (default: deskWorker.js beside this file) in a worker thread. A worker that dies (an error, out of
 * memory) reports it as an error log event, then its exit handlers run (pending requests are the client's to reject).
 */
export function startWorkerPort(data: DeskWorkerData, script?: string): WorkerPort {
  const worker = new Worker(script ?? path.join(__dirname, 'deskWorker.js'), { workerData: data });
  const listeners: Array<(m: FromWorker) => void> = [];
  worker.on('message', (m: FromWorker) => listeners.forEach((h) => h(m)));
  worker.on('error', (e) =>
    listeners.forEach((h) => h({ event: 'log', level: 'error', message: `index worker: ${e.message}` })),
  );
  return {
    onExit: (handler) => void worker.on('exit', handler),
    channel: { post: (m: ToWorker) => worker.postMessage(m), listen: (h) => void listeners.push(h) },
    async terminate() {
      await worker.terminate();
    },
  };
}

/** A running index worker. */
export interface DeskWorker {
  client: DeskClient;
  /** Stops the worker; pending requests are rejected. */
  stop(): Promise<void>;
}

/** Starts the index worker serving a desk over `store` (and `cache`), with a client connected to it. */
export function startDeskWorker(store: SourceStore, cache?: IndexCacheStore, script?: string): DeskWorker {
  const port = startWorkerPort({ cache: !!cache }, script);
  const connected = new DeskClient(port.channel, store, cache);
  port.onExit?.(() => connected.close());
  return {
    client: connected,
    async stop() {
      connected.close();
      await port.terminate();
    },
  };
}
