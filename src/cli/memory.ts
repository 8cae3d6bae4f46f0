// Full garbage collections for a CLI command that works through a large corpus in steps (`briefing entities`).
import * as v8 from 'v8';
import { collector } from '../node/collector';

const used = () => v8.getHeapStatistics().used_heap_size;

/**
 * Full collections now, or as needed: whenever the heap has grown by `growth` bytes since the last. V8 lets the heap
 * grow to about twice what was live at its last full collection, so the garbage of one step (the saved index read
 * whole, the tokens of every paragraph, the pieces of the file written) would otherwise lie under the next step's
 * allocations, and that sets the process's peak.
 */
export class Collections {
  readonly #collect: () => void;
  readonly #growth: number;
  #after = 0;

  private constructor(collect: () => void, growth: number) {
    this.#collect = collect;
    this.#growth = growth;
  }

  /** Undefined where the host cannot collect on request. */
  static start(growth: number): Collections | undefined {
    const collect = collector();
    return collect && new Collections(collect, growth);
  }

  /** A full collection now. */
  now(): void {
    this.#collect();
    this.#after = used();
  }

  /** A collection if the heap has grown by `growth` bytes (by default the one given at the start) since the last. */
  asNeeded(growth = this.#growth): void {
    if (used() > this.#after + growth) this.now();
  }
}
