// English stop words (a maintained list) and a light stemmer, for what a query word needs to match.
import list from '@stdlib/datasets-stopwords-en/data/words.json';
import { stemmer } from 'stemmer';

const STOP = new Set((list as string[]).map((w) => w.toLowerCase().replace(/'/g, '')));

/** True for a folded word that carries no meaning of its own in a free-text query (the, about, say). */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

const LETTERS = /^[a-z]{3,}$/;

/** The word's stem (Porter): `strikes`, `striking` -> `strike`; words with digits or other letters are kept. */
export function stemOf(word: string): string {
  return LETTERS.test(word) ? stemmer(word) : word;
}
