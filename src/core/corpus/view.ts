// Reading a corpus without changing it: what hovers, completions, definitions and the preview need. A host's copy of
// a worker's corpus (src/core/worker/mirror.ts) offers exactly this.
import type { Corpus } from './corpus';

/** Lookups by key and URI, the sources sorted by key, and the sources' warnings. */
export type CorpusView = Pick<Corpus, 'get' | 'byUri' | 'sources' | 'size' | 'warnings'>;
