// Splits folded text into index words: runs of letters and digits; hyphens split ("barak-8" -> barak, 8).
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return LETTER_OR_DIGIT.test(text[i]);
}

/** One word of a text, with its place in that text. */
export interface Token {
  /** The index form: apostrophes removed, a possessive `'s` dropped (pakistan's -> pakistan, don't -> dont). */
  word: string;
  /** Offset of the word's first character in the tokenised text. */
  start: number;
  /** Offset just past the word (a dropped `'s` included). */
  end: number;
}

/** Calls `visit` for each word of `text` (already folded), in order. */
export function forEachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i), text, i)) {
      i++;
      continue;
    }
    const start = i;
    let apostrophe = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWordChar(c, text, i)) i++;
      else if (c === 39 && i + 1 < n && isWordChar(text.charCodeAt(i + 1), text, i + 1)) {
        apostrophe = true;
        i++;
      } else break;
    }
    let word = text.slice(start, i);
    if (apostrophe) word = word.replace(/'s$/, '').replace(/'/g, '');
    if (word) visit(word, start, i);
  }
}

/** The words of `text` (already folded), in order, with their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachWord(text, (word, start, end) => out.push({ word, start, end }));
  return out;
}

/** The words of `text` (already folded), in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (word) => out.push(word));
  return out;
}
