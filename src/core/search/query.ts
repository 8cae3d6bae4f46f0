// Reading a query: free words (stop words marked), quoted phrases, and whether the last word is still being typed.
import { searchFoldWithMap } from './fold';
import { isStopWord } from './stopWords';
import { forEachWord } from './tokenize';

/** One word of a query. */
export interface QueryWord {
  /** Folded index form. */
  word: string;
  /** As typed. */
  raw: string;
  /** [start, end) in the query. */
  start: number;
  end: number;
  /** A stop word of free text: neither required nor highlighted. */
  stop: boolean;
  /** Index into `ParsedQuery.phrases` when the word is inside quotes, else -1. */
  phrase: number;
}

/** A query taken apart. */
export interface ParsedQuery {
  /** Words in order (phrase words included). */
  words: QueryWord[];
  /** Quoted phrases, as folded word lists, matched word for word. */
  phrases: string[][];
  /** The last word may be unfinished (no trailing space or closing quote). */
  open: boolean;
}

/** A quote opens or closes a phrase; an unclosed quote runs to the end. Linear: one pass, no backtracking. */
const QUOTE = /["\u201c\u201d\u201e]/;
const ALL_CAPS = /^[A-Z]{2,}$/;

/** Splits `query` into words and quoted phrases. */
export function parseQuery(query: string): ParsedQuery {
  const words: QueryWord[] = [];
  const phrases: string[][] = [];
  let inQuote = false;
  let part = '';
  let partStart = 0;
  const flush = () => {
    const folded = searchFoldWithMap(part);
    const phrase = inQuote ? phrases.push([]) - 1 : -1;
    forEachWord(folded.text, (word, start, end) => {
      const raw = part.slice(folded.map[start], folded.map[end]);
      const at = partStart + folded.map[start];
      // "US" typed in capitals is the country, not the pronoun.
      words.push({
        word,
        raw,
        start: at,
        end: at + raw.length,
        stop: phrase < 0 && isStopWord(word) && !ALL_CAPS.test(raw),
        phrase,
      });
      if (phrase >= 0) phrases[phrase].push(word);
    });
    if (phrase >= 0 && !phrases[phrase].length) phrases.pop();
    part = '';
  };
  for (let i = 0; i < query.length; i++) {
    if (QUOTE.test(query[i])) {
      flush();
      inQuote = !inQuote;
      partStart = i + 1;
    } else part += query[i];
  }
  const closed = !inQuote && QUOTE.test(query.trimEnd().slice(-1));
  flush();
  // A query of stop words only ("to be or not to be") searches for them.
  if (words.length && words.every((w) => w.stop || w.phrase >= 0) && !phrases.length)
    for (const w of words) w.stop = false;
  return { words, phrases, open: !closed && !/\s$/.test(query) };
}
