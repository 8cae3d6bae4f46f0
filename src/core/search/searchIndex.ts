// The search index: a word index picks a bounded set of candidate passages, fuse.js helps rank them.
import type { CorpusChange } from '../corpus/corpus';
import type { Source } from '../corpus/types';
import { CandidateCollector, type Candidate } from './candidates';
import { DEFAULT_LIMITS, KEYSTROKE_LIMITS, expandWord, type Term } from './expand';
import { searchFold } from './fold';
import { FuseRanker, fuseCost, type FuseDoc } from './fuseRanker';
import { matchRanges, type WordMatch } from './highlight';
import { proximity, rank, termMasks } from './rank';
import { PassageRegistry, type SourceEntry } from './registry';
import { decode, encode } from './serialize';
import { words } from './tokenize';
import type { SearchHit, SearchOptions, SerializedSearchIndex } from './types';
import { WordIndex } from './wordIndex';

/** Most query words considered; the rest of a long pasted query is ignored. */
const MAX_TERMS = 12;
/** Most candidates taken from the word index into ranking. */
const MAX_CANDIDATES = 250;
/** fuse.js work allowed per query, in character comparisons (see `fuseCost`); keeps a keystroke well under 16 ms on 2 cores. */
const FUSE_BUDGET = 100_000;
/** Passage ids given out beyond twice the passages held before the index renumbers them. */
const COMPACT_SLACK = 50_000;
/** fuse.js ranks at least this many candidates (or `limit`, when smaller), whatever the budget. */
const MIN_FUSED = 10;

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

  /** Groups of names for one thing (an entity's name and aliases); a query naming one also finds the others. */
  setAliases(groups: string[][]): void {
    void groups;
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
    // Ids are never reused; when most of the id space is gone, renumber (a rare, linear pass).
    if (this.#registry.capacity > COMPACT_SLACK + 2 * this.#registry.count) this.#compact();
  }

  /** Follows a corpus update (`Corpus.set` / `Corpus.remove`). */
  applyChange(change: CorpusChange): void {
    for (const uri of change.removed) this.removeSource(uri);
    for (const s of change.updated) this.addSource(s);
  }

  /** Passages matching `query`, best first. An empty query finds nothing. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const parsed = this.#parse(query);
    if (!parsed || !limit) return [];
    const { terms, quick } = parsed;
    const allowed = this.#allowedSources(options.keys);
    const max = quick ? limit : Math.max(limit, MAX_CANDIDATES);
    const { candidates, idf, required } = this.#collector.collect(this.#words, this.#registry, terms, { max, fill: limit }, allowed);
    const masks = termMasks(this.#words, terms);
    const details = new Map(candidates.map((c) => [c.id, proximity(this.#doc(c.id).text, masks, terms.length)]));
    // Phrase order decides which candidates fuse.js gets to rank.
    const phrase = (id: number) => details.get(id)!.phrase;
    candidates.sort((a, b) => b.matched - a.matched || phrase(b.id) - phrase(a.id) || b.prescore - a.prescore || a.id - b.id);
    const fuseScores = quick ? new Map<number, number>() : this.#fuseScores(terms, candidates, limit);
    const ranked = candidates.filter((c, i) => quick || fuseScores.has(c.id) || i < limit);
    const keyWords = required.reduce((m, r, i) => (r ? m | (1 << i) : m), 0);
    const classify = (w: string): WordMatch => {
      const m = masks.get(w) ?? 0;
      return m & keyWords ? 'strong' : m ? 'weak' : 'none';
    };
    return rank(ranked, idf, required, details, fuseScores)
      .slice(0, limit)
      .map(({ id, score }) => this.#hit(id, score, classify));
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

  #compact(): void {
    const data = encode(this.#registry, this.#words);
    const sources = this.#registry.entries.map((e) => e.source);
    this.#registry = new PassageRegistry();
    this.#words = new WordIndex();
    this.#fuse = new FuseRanker();
    for (const s of decode(data, sources, this.#registry, this.#words)) this.addSource(s);
  }

  // Query words and what they stand for; undefined when nothing in the index could match.
  #parse(query: string): { terms: Term[]; quick: boolean } | undefined {
    const typed = [...new Set(words(searchFold(query)))].slice(0, MAX_TERMS);
    if (!typed.length) return;
    const open = !/\s$/.test(query); // a trailing space means the last word is finished
    // One or two letters are a keystroke on the way to a word: the word index alone answers them.
    const quick = typed.length === 1 && typed[0].length <= 2;
    const limits = quick ? KEYSTROKE_LIMITS : DEFAULT_LIMITS;
    const terms = typed.map((w, i) => expandWord(this.#words, w, open && i === typed.length - 1, limits));
    if (terms.every((t) => !t.expansions.length)) return;
    return { terms, quick };
  }

  #hit(id: number, score: number, classify: (word: string) => WordMatch): SearchHit {
    const { entry, paragraph } = this.#registry.passage(id)!;
    const s = entry.source;
    const matches = matchRanges(paragraph.text, classify);
    return { key: s.key, uri: s.uri, title: s.title, date: s.date, paragraph: paragraph.n, text: paragraph.text, score, matches };
  }

  // fuse.js relevance for the best candidates that fit the work budget (at least MIN_FUSED of them).
  #fuseScores(terms: Term[], candidates: Candidate[], limit: number): Map<number, number> {
    const query = terms.map((t) => t.corrected).join(' ');
    const chosen: number[] = [];
    let cost = 0;
    for (const c of candidates) {
      const doc = this.#doc(c.id);
      cost += fuseCost(doc.text.length + doc.title.length + doc.key.length, query.length, doc.text.includes(query));
      if (cost > FUSE_BUDGET && chosen.length >= Math.min(limit, MIN_FUSED)) break;
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
