// What the extension host spends its time on while the worker indexes, for the scale suite: the synchronous handling
// of each worker message and each message sent, and the spans of the host's store and cache calls. Off (one check per
// call) until `start()`.
import type { Channel } from '../../protocol/worker';

/** One thing the host did: `ms` of synchronous work (a message), or the span of an asynchronous call. */
export interface TraceEntry {
  what: string;
  /** performance.now() when it began. */
  start: number;
  ms: number;
}

const label = (m: object): string =>
  'event' in m
    ? `event ${String(m.event)}`
    : 'store' in m
      ? `store ${String(m.store)}`
      : 'op' in m
        ? `op ${String(m.op)}`
        : 'answer';

export class HostTrace {
  #entries: TraceEntry[] | undefined;

  /** Begins keeping entries (forgetting earlier ones). */
  start(): void {
    this.#entries = [];
  }

  /** Stops, and returns what was kept. */
  stop(): TraceEntry[] {
    const kept = this.#entries ?? [];
    this.#entries = undefined;
    return kept;
  }

  /** Times the synchronous part of `work`. */
  sync<T>(what: string, work: () => T): T {
    if (!this.#entries) return work();
    const start = performance.now();
    try {
      return work();
    } finally {
      const ms = performance.now() - start;
      this.#entries?.push({ what, start, ms });
    }
  }

  /** Times an asynchronous call from start to settling (always kept). */
  async span<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (!this.#entries) return work();
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.#entries?.push({ what: `${what} (span)`, start, ms: performance.now() - start });
    }
  }

  /** The same channel, with each message handled and sent timed. */
  channel<In extends object, Out extends object>(inner: Channel<In, Out>): Channel<In, Out> {
    return {
      post: (m) => this.sync(`post ${label(m)}`, () => inner.post(m)),
      listen: (handler) => inner.listen((m) => this.sync(`take ${label(m)}`, () => handler(m))),
    };
  }
}
