// The search index: a word index picks a bounded set of candidate passages, BM25 with a few signals ranks them.
import type { CorpusChange } from '../corpus/corpus';
import type { Paragraph, Source } from '../corpus/types';
import { CandidateCollector } from './candidates';
import { DEFAULT_LIMITS, KEYSTROKE_LIMITS, QUALITY, expandWord, uses, type Expansion, type Term } from './expand';
import { searchFold } from './fold';
import { DocCache, type FoldedDoc } from './docCache';
import { matchRanges, type WordMatch } from './highlight';
import { parseQuery } from './query';
import { rank, type TermGroup } from './rank';
import { PassageRegistry } from './registry';
import { decode, encode, type Written } from './serialize';
import { Synonyms, type AltSpan } from './synonyms';
import { words } from './tokenize';
import type { SearchHit, SearchOptions, SerializedSearchIndex } from './types';
import { WordIndex } from './wordIndex';

/** Most query words considered; the rest of a long pasted query is ignored. */
const MAX_TERMS = 12;
/** Most candidates taken from the word index into ranking. */
const MAX_CANDIDATES = 250;
/** Passage ids given out beyond twice the passages held before the index renumbers them. */
const COMPACT_SLACK = 50_000;

/**
 * Passages of a corpus, searchable as you type and tolerant of typos. Sources are added and removed one at a
 * time without touching the others; the word index can be saved and loaded without the texts.
 */
export class SearchIndex {
  #registry = new PassageRegistry();
  #words = new WordIndex();
  #docs = new DocCache();
  #collector = new CandidateCollector();
  #synonyms = new Synonyms();
  /**
   * The saved data this index was restored from, while nothing was indexed or removed since: saving it again writes
   * the same word index, so it is reused (see {@link serialize}) instead of encoding every posting list again.
   */
  #restored: SerializedSearchIndex | undefined;

  /** Number of passages (paragraphs) indexed. */
  get passageCount(): number {
    return this.#registry.count;
  }

  /** Indexes a source, replacing any source with the same URI. */
  addSource(source: Source): void {
    this.#restored = undefined;
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
    this.#restored = undefined;
    const used = new Set<string>();
    for (const p of entry.source.paragraphs) for (const w of words(searchFold(p.text))) used.add(w);
    this.#words.removePassages(used, entry.first, entry.first + entry.count);
    this.#words.removeSource(titleWords(entry.source), entry.sid);
    this.#docs.forget(entry.first, entry.first + entry.count);
    // Ids are never reused; when most of the id space is gone, renumber (a rare, linear pass).
    if (this.#registry.capacity > COMPACT_SLACK + 2 * this.#registry.count) this.#compact();
  }

  /** Follows a corpus update (`Corpus.set` / `Corpus.remove`). */
  applyChange(change: CorpusChange): void {
    for (const uri of change.removed) this.removeSource(uri);
    for (const s of change.updated) this.addSource(s);
  }

  /**
   * Passages matching `query`, best first. Stop words of free text are neither required nor highlighted; a
   * quoted phrase must occur word for word. An empty query finds nothing, unless `passages` is given: then
   * those passages come back in corpus order.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const allowed = this.#filter(options);
    const parsed = this.#parse(query);
    if (!limit) return [];
    if (!parsed) return options.passages && !parseQuery(query).words.length ? this.#listed(allowed!, limit) : [];
    const { terms, groups, phrases, quick, classify, altWords, stopWords } = parsed;
    const max = quick ? limit : Math.max(limit, MAX_CANDIDATES);
    const { candidates } = this.#collector.collect(this.#words, this.#registry, terms, { max, fill: limit }, allowed);
    const inputs = candidates.map((c) => ({
      id: c.id,
      sid: this.#registry.sourceOf(c.id),
      text: this.#doc(c.id).text,
    }));
    const stats = { passages: Math.max(1, this.#registry.count), averageLength: this.#registry.averageLength };
    return rank(this.#words, stats, terms, groups, phrases, inputs, stopWords)
      .slice(0, limit)
      .map(({ id, score, notes, alts }) => {
        const extra = new Set(alts.flatMap((t) => altWords.get(t) ?? []));
        return this.#hit(id, score, (w) => (extra.has(w) ? 'strong' : classify(w)), notes);
      });
  }

  /** Groups of names for one thing (an entity's name and aliases); a query naming one also finds the others. */
  setAliases(groups: string[][]): void {
    this.#synonyms.setAliases(groups);
  }

  /**
   * Every passage holding all the words of `text` (whole words as this index splits them), for looking a quotation
   * up across the corpus without scanning it. Undefined when `text` has a word outside plain ASCII letters and digits
   * (folding may differ there) or no word at all: the caller then scans. A superset of the passages containing it.
   */
  passagesWithWords(text: string): Array<{ source: Source; paragraph: Paragraph }> | undefined {
    const ws = [...new Set(words(searchFold(text)))];
    if (!ws.length || ws.some((w) => !/^[a-z0-9]+$/.test(w))) return undefined;
    const wordIds: number[] = [];
    for (const w of ws) {
      const id = this.#words.id(w);
      if (id === undefined || !this.#words.passageCount(id)) return [];
      wordIds.push(id);
    }
    // Rarest words first; only the lists intersected are read (a saved list is decoded when first read).
    wordIds.sort((a, b) => this.#words.passageCount(a) - this.#words.passageCount(b));
    let ids = this.#words.passages(wordIds[0]);
    for (const w of wordIds.slice(1, 4)) {
      const has = new Set(this.#words.passages(w));
      ids = ids.filter((id) => has.has(id));
      if (ids.length <= 2) break;
    }
    const out: Array<{ source: Source; paragraph: Paragraph }> = [];
    for (const id of ids) {
      const p = this.#registry.passage(id);
      if (p) out.push({ source: p.entry.source, paragraph: p.paragraph });
    }
    return out;
  }

  /** The word index and source fingerprints as plain data (no texts); `packed`: the lists as bytes (to be saved). */
  serialize(options: { packed?: boolean } = {}): SerializedSearchIndex {
    const restored = this.#restored;
    if (options.packed && restored?.packed && this.#describes(restored)) return restored;
    return encode(this.#registry, this.#words, options.packed);
  }

  /** Whether `data`'s sources are this index's, in its order, with the same keys, titles and paragraph counts. */
  #describes(data: SerializedSearchIndex): boolean {
    const entries = this.#registry.entries;
    return (
      entries.length === data.sources.length &&
      entries.every((e, i) => {
        const d = data.sources[i];
        return (
          d.uri === e.source.uri && d.key === e.source.key && d.title === e.source.title && d.paragraphs === e.count
        );
      })
    );
  }

  /**
   * Rebuilds an index from `serialize()` output and the current sources; changed or new sources are re-indexed.
   * `written`: only the source texts saved in the same checked file as `data` (URI → text), never texts from elsewhere.
   */
  static deserialize(data: SerializedSearchIndex, sources: Source[], written?: Written): SearchIndex {
    const index = new SearchIndex();
    const stale = decode(data, sources, index.#registry, index.#words, written);
    for (const s of stale) index.addSource(s);
    if (!stale.length && data.packed) index.#restored = data;
    return index;
  }

  #compact(): void {
    const data = encode(this.#registry, this.#words);
    const sources = this.#registry.entries.map((e) => e.source);
    this.#registry = new PassageRegistry();
    this.#words = new WordIndex();
    this.#docs = new DocCache();
    for (const s of decode(data, sources, this.#registry, this.#words)) this.addSource(s);
  }

  // Query words and what they stand for; undefined when nothing in the index could match.
  #parse(query: string): ParsedSearch | undefined {
    const parsed = parseQuery(query);
    const seen = new Set<string>();
    const typed = parsed.words.filter((w) => !w.stop && !seen.has(w.word) && !!seen.add(w.word)).slice(0, MAX_TERMS);
    if (!typed.length) return;
    const last = parsed.words[parsed.words.length - 1];
    // One or two letters are a keystroke on the way to a word: the word index alone answers them.
    const quick = typed.length === 1 && typed[0].word.length <= 2 && !parsed.phrases.length;
    const limits = quick ? KEYSTROKE_LIMITS : DEFAULT_LIMITS;
    const terms: Term[] = typed.map((w) =>
      w.phrase >= 0
        ? exactTerm(this.#words, w.word)
        : expandWord(this.#words, w.word, parsed.open && w === last, limits),
    );
    // Other names attach to runs of free words.
    const free = typed.filter((w) => w.phrase < 0);
    const spans = quick
      ? []
      : this.#synonyms.find(
          free.map((w) => w.word),
          free.map(() => false),
        );
    const groups: TermGroup[] = [];
    const inSpan = new Map<number, AltSpan>();
    for (const sp of spans) for (let i = sp.start; i < sp.end; i++) inSpan.set(typed.indexOf(free[i]), sp);
    const altWords = new Map<number, string[]>();
    for (let i = 0; i < typed.length; i++) {
      const sp = inSpan.get(i);
      if (!sp) {
        groups.push({ words: [i], alts: [], typed: typed[i].raw });
        continue;
      }
      if (typed.indexOf(free[sp.start]) !== i) continue;
      const words = free.slice(sp.start, sp.end).map((w) => typed.indexOf(w));
      const group: TermGroup = {
        words,
        alts: [],
        typed: query.slice(typed[words[0]].start, typed[words[words.length - 1]].end),
      };
      for (const alt of sp.alts) {
        const term = this.#altTerm(alt.words, alt.quality);
        if (!term) continue;
        altWords.set(terms.length, alt.words);
        group.alts.push({ term: terms.length, label: alt.label, words: alt.words.filter((w) => w !== term.word) });
        terms.push(term);
      }
      groups.push(group);
    }
    if (terms.every((t) => !t.expansions.length)) return;
    // Highlights: what the words typed and their other names matched; stop words only inside a quoted phrase.
    const strong = new Set<string>();
    terms.forEach((t, i) => altWords.has(i) || t.expansions.forEach((e) => strong.add(this.#words.word(e.id))));
    const phraseWords = new Set(parsed.phrases.flat());
    const classify = (w: string): WordMatch => (strong.has(w) ? 'strong' : phraseWords.has(w) ? 'weak' : 'none');
    const stopWords = [...new Set(parsed.words.filter((w) => w.stop).map((w) => w.word))];
    return { terms, groups, phrases: parsed.phrases, quick, classify, altWords, stopWords };
  }

  // Another name as one term: its rarest word in the corpus stands for it.
  #altTerm(words: string[], quality: number): Term | undefined {
    let best: number | undefined;
    for (const w of words) {
      const id = this.#words.id(w);
      if (id === undefined || !this.#words.live(id)) return undefined;
      if (best === undefined || uses(this.#words, id) < uses(this.#words, best)) best = id;
    }
    if (best === undefined) return undefined;
    const word = this.#words.word(best);
    const expansions: Expansion[] = [{ id: best, quality, kind: 'alias' }];
    for (const id of this.#words.sameStem(word))
      expansions.push({ id, quality: quality * QUALITY.variant, kind: 'alias' });
    return { word, expansions, corrected: word };
  }

  #hit(id: number, score: number, classify: (word: string) => WordMatch, notes: string[]): SearchHit {
    const { entry, paragraph } = this.#registry.passage(id)!;
    const s = entry.source;
    const matches = matchRanges(paragraph.text, classify);
    return {
      key: s.key,
      uri: s.uri,
      title: s.title,
      date: s.date,
      paragraph: paragraph.n,
      text: paragraph.text,
      score,
      matches,
      notes,
    };
  }

  // Passages that pass the filters, in corpus order (a filter without a query).
  #listed(allowed: (id: number) => boolean, limit: number): SearchHit[] {
    const out: SearchHit[] = [];
    for (const e of this.#registry.entries) {
      for (let id = e.first; id < e.first + e.count && out.length < limit; id++) {
        if (allowed(id)) out.push(this.#hit(id, 1, () => 'none', []));
      }
    }
    return out;
  }

  // Source, date and passage filters as one test on passage ids; null when nothing is filtered.
  #filter(options: SearchOptions): ((id: number) => boolean) | null {
    const { keys, from, to, passages } = options;
    if (!keys && !from && !to && !passages) return null;
    const sids = new Set<number>();
    const wanted = keys && new Set(keys);
    for (const e of this.#registry.entries) {
      const d = e.source.date;
      if (wanted && !wanted.has(e.source.key)) continue;
      if ((from || to) && !d) continue;
      if ((from && d! < from) || (to && d! > to)) continue;
      sids.add(e.sid);
    }
    const ids = passages && new Set(passages.map((p) => `${p.key}#${p.paragraph}`));
    return (id) => {
      if (!sids.has(this.#registry.sourceOf(id))) return false;
      if (!ids) return true;
      const p = this.#registry.passage(id)!;
      return ids.has(`${p.entry.source.key}#${p.paragraph.n}`);
    };
  }

  #doc(id: number): FoldedDoc {
    return this.#docs.doc(id, () => {
      const { entry, paragraph } = this.#registry.passage(id)!;
      return {
        text: searchFold(paragraph.text),
        title: searchFold(entry.source.title),
        key: searchFold(entry.source.key),
      };
    });
  }
}

/** A query word inside quotes: itself only. */
function exactTerm(index: WordIndex, word: string): Term {
  const id = index.id(word);
  return {
    word,
    expansions: id !== undefined && index.live(id) ? [{ id, quality: QUALITY.exact, kind: 'exact' }] : [],
    corrected: word,
  };
}

/** A parsed query, ready for candidate selection and ranking. */
interface ParsedSearch {
  terms: Term[];
  groups: TermGroup[];
  phrases: string[][];
  quick: boolean;
  classify: (word: string) => WordMatch;
  /** Per other-name term: its words, highlighted only where it stood in for the words typed. */
  altWords: Map<number, string[]>;
  /** The query's stop words of free text: neither required nor highlighted, a little weight in ranking. */
  stopWords: string[];
}

/** Words of a source's title and citation key. */
function titleWords(source: Source): string[] {
  return [...new Set(words(searchFold(`${source.title} ${source.key}`)))];
}
