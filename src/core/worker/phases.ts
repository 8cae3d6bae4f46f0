// A load's steps, timed on each side (the worker's and the host's), so the log says where a slow load spent its time.

/** A side's steps of one load: when it began (ms since 1970, comparable across threads), and each step since then. */
export interface LoadSteps {
  began: number;
  steps: Array<[string, number]>;
}

/**
 * When each step of a load happened, in ms since it began: the first time a step is marked, and for a repeated step
 * (a stat per file, a message taken) also the last.
 */
export class LoadPhases {
  #start = 0;
  /** When each step was first and last marked: ms since the start, and the mark's place in order (for ties). */
  #first: Map<string, [number, number]> | undefined;
  #last = new Map<string, [number, number]>();
  #marks = 0;
  begin(): void {
    this.#start = performance.now();
    this.#first = new Map();
    this.#last.clear();
    this.#marks = 0;
  }
  mark(step: string): void {
    if (!this.#first) return;
    const at: [number, number] = [Math.round(performance.now() - this.#start), this.#marks++];
    if (!this.#first.has(step)) this.#first.set(step, at);
    else this.#last.set(step, at);
  }
  end(): LoadSteps {
    const marks: Array<[string, [number, number]]> = [...(this.#first ?? [])];
    for (const [step, at] of this.#last) marks.push([`last ${step}`, at]);
    marks.push(['answered', [Math.round(performance.now() - this.#start), this.#marks]]);
    this.#first = undefined;
    marks.sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]);
    return { began: performance.timeOrigin + this.#start, steps: marks.map(([step, [at]]) => [step, at]) };
  }
}

/** Both sides' steps on one timeline, in ms since the host began the load, each step named with its side. */
export function oneTimeline(host: LoadSteps, worker: LoadSteps | undefined): Array<[string, number]> {
  const all = host.steps.map(([step, at]): [string, number] => [`host ${step}`, at]);
  if (worker) {
    const shift = worker.began - host.began;
    all.push(['worker began', Math.round(shift)]);
    for (const [step, at] of worker.steps) all.push([`worker ${step}`, Math.round(at + shift)]);
  }
  return all.sort((a, b) => a[1] - b[1]);
}
