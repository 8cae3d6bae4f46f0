// Public data types of search: hits, options, and the serialised word index.

/** One passage found by a search. */
export interface SearchHit {
  /** Citation key of the source. */
  key: string;
  /** URI of the source file. */
  uri: string;
  /** Title of the source. */
  title: string;
  /** Publication date of the source (`YYYY-MM-DD`), or null. */
  date: string | null;
  /** Paragraph number (¶n, 1-based). */
  paragraph: number;
  /** The paragraph text. */
  text: string;
  /** Relevance in (0, 1], higher is better; passages with every query word score above 0.5. */
  score: number;
  /** [start, end) offsets into `text` of matched words, sorted and merged, for highlighting. */
  matches: Array<[number, number]>;
  /** Other names that stood in for query words in this passage: "matched Riyadh for Saudi Arabia". */
  notes: string[];
}

/** How to search. */
export interface SearchOptions {
  /** Most hits to return (default 20). */
  limit?: number;
  /** Only search the sources with these citation keys. */
  keys?: string[];
  /** Only sources dated on or after this day (`YYYY-MM-DD`); undated sources are left out by a date filter. */
  from?: string;
  /** Only sources dated on or before this day (`YYYY-MM-DD`). */
  to?: string;
  /** Only these passages (an entity's mentions); with an empty query, these passages in corpus order. */
  passages?: Array<{ key: string; paragraph: number }>;
}

/** What a serialised source records, so a stale copy can be told from a current one. */
export interface SerializedSource {
  /** Source URI. */
  uri: string;
  /** Citation key when indexed. */
  key: string;
  /** Title when indexed. */
  title: string;
  /** Hash of the file text when indexed. */
  fingerprint: string;
  /** Number of passages indexed for it. */
  paragraphs: number;
}

/** The word index as plain JSON-able data (texts are not included; they come from the sources). */
export interface SerializedSearchIndex {
  /** Format version. */
  version: 1;
  /** Indexed sources; passage ordinals number their paragraphs in this order, from 0. */
  sources: SerializedSource[];
  /** Vocabulary. */
  words: string[];
  /** Per word: ascending passage ordinals, delta-encoded (first value absolute). */
  passages: number[][];
  /** Per word: ascending indexes into `sources` whose title or key holds the word, delta-encoded. */
  titles: number[][];
  /**
   * The same lists as saved bytes, instead of `passages` and `titles` (which are then empty): a saved index's lists are
   * decoded one word at a time, on first use, rather than all at once on a warm start.
   */
  packed?: PackedPostings;
}

/**
 * Posting lists as unsigned variable-length integers (7 bits a byte, low bits first), each list its deltas as in
 * `SerializedSearchIndex.passages`. List `2w` is word `w`'s passages, list `2w + 1` its sources. Whoever builds one
 * has checked it: every list lies inside `bytes`, holds `counts[i]` numbers, and its ids ascend from 0 and stay below
 * the number of passages (or sources) of `SerializedSearchIndex.sources`.
 */
export interface PackedPostings {
  bytes: Uint8Array;
  /** Byte offset of each list. */
  at: Int32Array;
  /** Numbers in each list. */
  counts: Int32Array;
}
