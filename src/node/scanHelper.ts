// A worker thread that reads part of the sources of a large entity extraction (`briefing entities` from scratch),
// so that both cores of a machine work on it. Started when first given sources; ended when the extraction is done.
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { PartMembership, PartNames, PartSource, PartStats, ScanHelper } from '../core/entities';

/** Messages to the worker (dist/scanWorker.js). */
export type ToScanWorker =
  | { type: 'add'; sources: PartSource[] }
  | { type: 'know'; membership: PartMembership }
  | { type: 'stats' }
  | { type: 'names' };

/** Messages from it: pieces of a result, then `done`. */
export type FromScanWorker =
  | { type: 'stats'; r: PartStats }
  | { type: 'names'; r: PartNames }
  | { type: 'done' }
  | { type: 'error'; message: string };

export interface WorkerScanHelperOptions {
  /** The worker's script (by default scanWorker.js beside this bundle). */
  script?: string;
  /** The fewest sources to read afresh for the worker to take a share (default 4000: below, starting it costs about what it saves). */
  minimum?: number;
  /** Its share of them (default one half). */
  share?: number;
}

/** A request under way: the pieces so far. */
interface Waiting {
  type: 'stats' | 'names';
  keys: string[];
  lists: [number[][], Uint8Array[]];
  resolve: (r: PartStats | PartNames) => void;
  reject: (e: Error) => void;
}

export class WorkerScanHelper implements ScanHelper {
  readonly minimum: number;
  readonly share: number;
  /** A thread of this process: it reads saved texts from the open index file itself. */
  readonly readsFiles = true;
  readonly #script: string;
  #worker: Worker | undefined;
  /** Why the worker cannot answer (it failed, exited or was closed). */
  #failed: Error | undefined;
  #waiting: Waiting | undefined;
  /** Requests answered in full (pass 1's statistics, pass 2's names). */
  answered = 0;

  constructor(options: WorkerScanHelperOptions = {}) {
    this.#script = options.script ?? path.join(__dirname, 'scanWorker.js');
    this.minimum = options.minimum ?? 4000;
    this.share = options.share ?? 0.5;
  }

  #fail(e: Error): void {
    this.#failed ??= e;
    const w = this.#waiting;
    this.#waiting = undefined;
    w?.reject(e);
  }

  #message(m: FromScanWorker): void {
    const w = this.#waiting;
    if (m.type === 'error') return this.#fail(new Error(`scan worker: ${m.message}`));
    if (!w || (m.type !== 'done' && m.type !== w.type))
      return this.#fail(new Error(`scan worker: unexpected ${m.type}`));
    if (m.type === 'done') {
      this.#waiting = undefined;
      this.answered++;
      const [a, b] = w.lists;
      w.resolve(w.type === 'stats' ? { keys: w.keys, ids: a } : { keys: w.keys, lookups: a, found: b });
      return;
    }
    for (const k of m.r.keys) w.keys.push(k);
    if (m.type === 'stats') for (const ids of m.r.ids) w.lists[0].push(ids);
    else {
      for (const l of m.r.lookups) w.lists[0].push(l);
      for (const f of m.r.found) w.lists[1].push(f);
    }
  }

  #start(): Worker | undefined {
    if (this.#worker || this.#failed) return this.#worker;
    try {
      this.started = true;
      const worker = new Worker(this.#script);
      worker.on('message', (m: FromScanWorker) => this.#message(m));
      worker.on('error', (e) => this.#fail(e));
      worker.on('exit', () => this.#fail(new Error('scan worker: exited')));
      this.#worker = worker;
    } catch (e) {
      this.#fail(e instanceof Error ? e : new Error(String(e)));
    }
    return this.#worker;
  }

  #post(m: ToScanWorker): void {
    this.#start()?.postMessage(m);
  }

  #ask<T extends PartStats | PartNames>(type: 'stats' | 'names'): Promise<T> {
    const worker = this.#start();
    if (!worker || this.#failed) return Promise.reject(this.#failed ?? new Error('scan worker: not started'));
    if (this.#waiting) return Promise.reject(new Error('scan worker: one request at a time'));
    return new Promise<T>((resolve, reject) => {
      this.#waiting = {
        type,
        keys: [],
        lists: [[], []],
        resolve: resolve as (r: PartStats | PartNames) => void,
        reject,
      };
      worker.postMessage({ type } satisfies ToScanWorker);
    });
  }

  add(sources: PartSource[]): void {
    this.#post({ type: 'add', sources });
  }

  stats(): Promise<PartStats> {
    return this.#ask('stats');
  }

  names(membership: PartMembership[]): Promise<PartNames> {
    for (const piece of membership) this.#post({ type: 'know', membership: piece });
    return this.#ask('names');
  }

  /** Whether a worker was started (the extraction gave it sources). */
  started = false;

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  #closed = false;

  /** Ends the worker; the promise says when it has exited. */
  close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    this.#fail(new Error('scan worker: closed'));
    this.#ended ??= worker ? worker.terminate().then(() => undefined) : Promise.resolve();
    return this.#ended;
  }

  #ended: Promise<void> | undefined;
}
