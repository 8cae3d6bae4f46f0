// The search index: a word index picks a bounded set of candidate passages, fuse.js helps rank them.
import type { CorpusChange } from '../corpus/corpus';
import type { Source } from '../corpus/types';
import { CandidateCollector, type Candidate } from './candidates';
import { expandWord, type Term } from './expand';
import { searchFold } from './fold';
import { FuseRanker, fuseCost, type FuseDoc } from './fuseRanker';
import { matchRanges } from './highlight';
import { rank, termMasks } from './rank';
import { PassageRegistry, type SourceEntry } from './registry';
import { decode, encode } from './serialize';
import { words } from './tokenize';
import type { SearchHit, SearchOptions, SerializedSearchIndex } from './types';
import { WordIndex } from './wordIndex';

/** Most query words considered; the rest of a long pasted query is ignored. */
const MAX_TERMS = 12;
/** Most candidates taken from the word index into ranking. */
const MAX_CANDIDATES = 250;
/** fuse.js work allowed per query, in character comparisons (see `fuseCost`); keeps a keystroke near 10 ms. */
const FUSE_BUDGET = 150_000;

/**
 * Passages of a corpus, searchable as you type and tolerant of typos. Sources are added and removed one at a
 * time without touching the others; the word index can be saved and loaded without the texts.
 */
export class SearchIndex {
  #registry = new PassageRegistry();
  #words = new WordIndex();
  #fuse = new FuseRanker();
  #collector = new CandidateCollector();

  /** Number of passages (paragraphs) indexed. */
  get passageCount(): number {
    return this.#registry.count;
  }

  /** Indexes a source, replacing any source with the same URI. */
  addSource(source: Source): void {
    this.removeSource(source.uri);
    const entry = this.#registry.add(source);
    source.paragraphs.forEach((p, j) => {
      const id = entry.first + j;
      for (const w of words(searchFold(p.text))) this.#words.addToPassage(w, id);
    });
    for (const w of titleWords(source)) this.#words.addToSource(w, entry.sid);
  }

  /** Drops the source read from `uri`, if indexed. */
  removeSource(uri: string): void {
    const entry = this.#registry.remove(uri);
    if (!entry) return;
    const used = new Set<string>();
    for (const p of entry.source.paragraphs) for (const w of words(searchFold(p.text))) used.add(w);
    this.#words.removePassages(used, entry.first, entry.first + entry.count);
    this.#words.removeSource(titleWords(entry.source), entry.sid);
    this.#fuse.forget(entry.first, entry.first + entry.count);
  }

  /** Follows a corpus update (`Corpus.set` / `Corpus.remove`). */
  applyChange(change: CorpusChange): void {
    for (const uri of change.removed) this.removeSource(uri);
    for (const s of change.updated) this.addSource(s);
  }

  /** Passages matching `query`, best first. An empty query finds nothing. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const folded = searchFold(query);
    const typed = [...new Set(words(folded))].slice(0, MAX_TERMS);
    if (!typed.length || !limit) return [];
    const open = !/\s$/.test(query); // a trailing space means the last word is finished
    const terms = typed.map((w, i) => expandWord(this.#words, w, open && i === typed.length - 1));
    if (terms.every((t) => !t.expansions.length)) return [];
    const allowed = this.#allowedSources(options.keys);
    // One or two letters are a keystroke on the way to a word: the word index alone answers them.
    const quick = typed.length === 1 && typed[0].length <= 2;
    const { candidates, idf, required } = this.#collector.collect(this.#words, this.#registry, terms, quick ? limit : Math.max(limit, MAX_CANDIDATES), allowed);
    const fuseScores = quick ? new Map<number, number>() : this.#fuseScores(terms, candidates, limit);
    const ranked = candidates.filter((c, i) => quick || fuseScores.has(c.id) || i < limit);
    const masks = termMasks(this.#words, terms);
    const results = rank(ranked, idf, required, masks, (id) => this.#doc(id).text, fuseScores).slice(0, limit);
    return results.map(({ id, score }) => {
      const { entry, paragraph } = this.#registry.passage(id)!;
      const s = entry.source;
      const hits = matchRanges(paragraph.text, (w) => masks.has(w));
      return { key: s.key, uri: s.uri, title: s.title, date: s.date, paragraph: paragraph.n, text: paragraph.text, score, matches: hits };
    });
  }

  /** The word index and source fingerprints as plain data (no texts, no fuse.js index). */
  serialize(): SerializedSearchIndex {
    return encode(this.#registry, this.#words);
  }

  /** Rebuilds an index from `serialize()` output and the current sources; changed or new sources are re-indexed. */
  static deserialize(data: SerializedSearchIndex, sources: Source[]): SearchIndex {
    const index = new SearchIndex();
    const stale = decode(data, sources, index.#registry, index.#words);
    for (const s of stale) index.addSource(s);
    return index;
  }

  // fuse.js relevance for the best candidates that fit the work budget (at least `limit` of them).
  #fuseScores(terms: Term[], candidates: Candidate[], limit: number): Map<number, number> {
    const query = terms.map((t) => t.corrected).join(' ');
    const chosen: number[] = [];
    let cost = 0;
    for (const c of candidates) {
      const doc = this.#doc(c.id);
      cost += fuseCost(doc.text.length + doc.title.length + doc.key.length, query.length);
      if (cost > FUSE_BUDGET && chosen.length >= limit) break;
      chosen.push(c.id);
    }
    const scores = this.#fuse.score(query, chosen, (id) => this.#doc(id));
    return new Map(chosen.map((id, i) => [id, scores[i]]));
  }

  #doc(id: number): FuseDoc {
    return this.#fuse.doc(id, () => {
      const { entry, paragraph } = this.#registry.passage(id)!;
      return { text: searchFold(paragraph.text), title: searchFold(entry.source.title), key: searchFold(entry.source.key) };
    });
  }

  #allowedSources(keys: string[] | undefined): Set<number> | null {
    if (!keys) return null;
    const wanted = new Set(keys);
    return new Set(this.#registry.entries.filter((e: SourceEntry) => wanted.has(e.source.key)).map((e) => e.sid));
  }
}

/** Words of a source's title and citation key. */
function titleWords(source: Source): string[] {
  return [...new Set(words(searchFold(`${source.title} ${source.key}`)))];
}
