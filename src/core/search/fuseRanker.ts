// fuse.js scoring of a few candidate passages, reusing each passage's fuse index record across keystrokes.
import Fuse from 'fuse.js';

/** The fields fuse.js sees for one passage, all in search-folded form. */
export interface FuseDoc {
  /** Paragraph text. */
  text: string;
  /** Source title. */
  title: string;
  /** Citation key. */
  key: string;
}

type IndexRecord = ReturnType<typeof Fuse.createIndex<FuseDoc>>['records'][number];
type KeyObjects = ReturnType<typeof Fuse.createIndex<FuseDoc>>['keys'];

const KEYS = [
  { name: 'text', weight: 0.8 },
  { name: 'title', weight: 0.12 },
  { name: 'key', weight: 0.08 },
];

/** fuse.js threshold: how many errors per query character a match may have. */
export const FUSE_THRESHOLD = 0.35;

const OPTIONS = {
  keys: KEYS,
  isCaseSensitive: true, // texts and queries are folded already
  ignoreLocation: true,
  includeScore: true,
  threshold: FUSE_THRESHOLD,
  shouldSort: false,
};

const MAX_CACHED = 20_000;

/**
 * Roughly how many character steps fuse.js spends on a text for a query of `queryLength` characters: one
 * pass per tolerated error, or a single pass when the text holds the query exactly (fuse then stops early).
 */
export function fuseCost(textLength: number, queryLength: number, exact: boolean): number {
  if (exact && queryLength <= 32) return textLength;
  const chunk = Math.min(queryLength, 32);
  return textLength * (1 + Math.floor(FUSE_THRESHOLD * chunk)) * Math.ceil(queryLength / 32);
}

/**
 * Scores candidates with fuse.js. Each passage's fuse record (its folded fields and field-length norms) is
 * made once, on first use, and kept; a query wraps the candidates' records in a small index, so no text is
 * re-indexed per keystroke.
 */
export class FuseRanker {
  #keys: KeyObjects = Fuse.createIndex<FuseDoc>(KEYS, []).keys;
  #docs = new Map<number, FuseDoc>();
  #records = new Map<number, IndexRecord>();

  /** Forgets what is kept for passages [lo, hi), after their source changed or left. */
  forget(lo: number, hi: number): void {
    for (const cache of [this.#docs, this.#records]) {
      if (hi - lo > cache.size) {
        for (const id of [...cache.keys()]) if (id >= lo && id < hi) cache.delete(id);
      } else for (let id = lo; id < hi; id++) cache.delete(id);
    }
  }

  /** The passage's folded fields, made by `make` on first use and kept. */
  doc(id: number, make: () => FuseDoc): FuseDoc {
    let doc = this.#docs.get(id);
    if (!doc) {
      if (this.#docs.size >= MAX_CACHED) this.#docs.clear();
      doc = make();
      this.#docs.set(id, doc);
    }
    return doc;
  }

  /** fuse.js relevance in [0, 1] (1 - fuse score; 0 when fuse finds no match) for each candidate, in order. */
  score(query: string, ids: number[], make: (id: number) => FuseDoc): number[] {
    const docs: FuseDoc[] = [];
    const records: IndexRecord[] = [];
    for (const id of ids) {
      const doc = this.doc(id, () => make(id));
      let record = this.#records.get(id);
      if (!record) {
        if (this.#records.size >= MAX_CACHED) this.#records.clear();
        record = Fuse.createIndex<FuseDoc>(KEYS, [doc]).records[0];
        this.#records.set(id, record);
      }
      records.push({ ...record, i: docs.length });
      docs.push(doc);
    }
    const index = Fuse.parseIndex<FuseDoc>({ keys: this.#keys, records });
    const fuse = new Fuse<FuseDoc>(docs, OPTIONS, index);
    const out = new Array<number>(ids.length).fill(0);
    for (const r of fuse.search(query)) out[r.refIndex] = 1 - (r.score ?? 1);
    return out;
  }
}
