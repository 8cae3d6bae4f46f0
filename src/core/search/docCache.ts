// The search-folded text of passages ranked recently, made on first use and kept (bounded).

/** A passage's folded text, with its source's folded title and key. */
export interface FoldedDoc {
  text: string;
  title: string;
  key: string;
}

const MAX_CACHED = 20_000;

/** Folded passages by id; forgets a source's passages when it changes or leaves. */
export class DocCache {
  #docs = new Map<number, FoldedDoc>();

  /** Forgets passages [lo, hi). */
  forget(lo: number, hi: number): void {
    if (hi - lo > this.#docs.size) {
      for (const id of [...this.#docs.keys()]) if (id >= lo && id < hi) this.#docs.delete(id);
    } else for (let id = lo; id < hi; id++) this.#docs.delete(id);
  }

  /** The passage's folded fields, made by `make` on first use and kept. */
  doc(id: number, make: () => FoldedDoc): FoldedDoc {
    let doc = this.#docs.get(id);
    if (!doc) {
      if (this.#docs.size >= MAX_CACHED) this.#docs.clear();
      doc = make();
      this.#docs.set(id, doc);
    }
    return doc;
  }
}
