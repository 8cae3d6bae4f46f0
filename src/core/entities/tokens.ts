// Splits a paragraph into word and punctuation tokens with offsets, marking what the extractor needs:
// capitals, acronyms, model numbers, possessives and sentence starts.
import { RANK_NOTES } from './lexicon';

/** One word or punctuation mark of a paragraph. */
export interface Token {
  /** The word as written, possessive `'s` removed. */
  text: string;
  /** Offset in the file's text. */
  start: number;
  /** Offset just past the word (before any possessive). */
  end: number;
  /** True for words (letters or digits), false for punctuation. */
  word: boolean;
  /** Starts with a capital letter. */
  cap: boolean;
  /** Mostly capitals, two letters or more (`ASEAN`, `I2U2`, `MoU`). */
  acronym: boolean;
  /** A model designation with letters and digits (`Barak-8`, `F-35A`, `PAC-3`, `K2`). */
  model: boolean;
  /** Followed by a possessive `'s` or `s'`. */
  possessive: boolean;
  /** First word of a sentence (or of a quotation opening one). */
  sentenceStart: boolean;
  /** Only white space separates it from the previous token (a rank note like `(Res)` counts as space). */
  joined: boolean;
}

const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-\u2010\u2011\u2013'\u2019&.][\p{L}\p{M}\p{N}]+)*|\S/gu;
/** Punctuation that ends a sentence, and that may open one (a quotation or bracket before its first word). */
const STOPS = '.!?:;';
const OPENER_CHARS = '\u201c\u2018"\'([';

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** What {@link measure} found: letters, capital letters, and whether a digit (0-9) is in the word. */
let letters = 0;
let upper = 0;
let digit = false;

/** Counts letters and capitals of `text[from, to)` into {@link letters}/{@link upper}/{@link digit}; ASCII directly. */
function measure(text: string, from: number, to: number): void {
  letters = upper = 0;
  digit = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      const raw = text.slice(from, to);
      const ls = raw.replace(/[^\p{L}]/gu, '');
      letters = ls.length;
      upper = ls.replace(/[^\p{Lu}]/gu, '').length;
      digit = /\d/.test(raw);
      return;
    }
    if (c >= 65 && c <= 90) (letters++, upper++);
    else if (c >= 97 && c <= 122) letters++;
    else if (c >= 48 && c <= 57) digit = true;
  }
}

const isSpaceAscii = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Whether the UTF-16 code unit `c` is white space as `\\s` reads it. */
export function isWhiteSpace(c: number): boolean {
  return c < 128 ? isSpaceAscii(c) : /\s/.test(String.fromCharCode(c));
}

/** How many spaces (U+0020) `s` has: one less than `s.split(' ').length`, without making the pieces. */
export function spaces(s: string): number {
  let n = 0;
  for (let i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

/** True when `text[from, to)` is all white space (as `\\s` reads it). */
function allSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Start and end of the last match found by {@link nextMatch}. */
let matchStart = 0;
let matchEnd = 0;

/**
 * Where {@link WORD} matches at `at` (a printable ASCII character), read without the regular expression: the same
 * three alternatives (capitals with dots, letters and digits joined by `-'&.`, one other character). -1 when a
 * character the match depends on is not ASCII, so that only the regular expression can say.
 */
function asciiMatchEnd(text: string, at: number): number {
  const n = text.length;
  const c = text.charCodeAt(at);
  if (c >= 65 && c <= 90 && text.charCodeAt(at + 1) === 46) {
    // `(?:\p{Lu}\.){2,}`
    let j = at;
    let pairs = 0;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 128) return -1;
      if (d >= 65 && d <= 90 && text.charCodeAt(j + 1) === 46) ((j += 2), pairs++);
      else break;
    }
    if (pairs >= 2) return j;
  }
  if (!isAsciiAlnum(c)) return at + 1;
  // `[\p{L}\p{M}\p{N}]+(?:[-\u2010\u2011\u2013'\u2019&.][\p{L}\p{M}\p{N}]+)*`, greedy (no backtracking can do better).
  let j = at + 1;
  for (;;) {
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 128) return -1;
      if (!isAsciiAlnum(d)) break;
      j++;
    }
    if (j >= n) return j;
    const sep = text.charCodeAt(j);
    if (sep !== 45 && sep !== 39 && sep !== 38 && sep !== 46) return j;
    if (j + 1 >= n) return j;
    const d = text.charCodeAt(j + 1);
    if (d >= 128) return -1;
    if (!isAsciiAlnum(d)) return j;
    j += 2;
  }
}

/** Finds the next match of {@link WORD} from `pos` into `matchStart`/`matchEnd`; false when there is none. */
function nextMatch(text: string, pos: number, fast: boolean): boolean {
  const n = text.length;
  if (fast) {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c >= 128) break;
      if (isSpaceAscii(c)) {
        pos++;
        continue;
      }
      const end = asciiMatchEnd(text, pos);
      if (end < 0) break;
      matchStart = pos;
      matchEnd = end;
      return true;
    }
    if (pos >= n) return false;
  }
  WORD.lastIndex = pos;
  const m = WORD.exec(text);
  if (!m) return false;
  matchStart = m.index;
  matchEnd = m.index + m[0].length;
  return true;
}

/**
 * Token objects handed out again for each paragraph, for a reader that keeps none of them past the paragraph (entity
 * extraction tokenises a corpus twice: tens of millions of short-lived objects otherwise). One pool per reader.
 */
export class TokenPool {
  /** Every token object made so far. */
  readonly tokens: Token[] = [];
  /** The array returned for the current paragraph. */
  readonly out: Token[] = [];
}

/**
 * Tokenises `text` (a paragraph's slice of the file) whose first character is at file offset `base`. With a `pool`,
 * the array and the tokens are the pool's, valid until its next use.
 */
export function tokenize(text: string, base: number, pool?: TokenPool): Token[] {
  return tokenizeWith(text, base, true, pool);
}

/** {@link tokenize} reading every word with the regular expression alone: the reference the fast path must equal. */
export function referenceTokenize(text: string, base: number): Token[] {
  return tokenizeWith(text, base, false);
}

/** A token to fill: the pool's next one, else a new one. */
function slot(pool: TokenPool | undefined, n: number): Token {
  let t = pool?.tokens[n];
  if (!t) {
    t = {
      text: '',
      start: 0,
      end: 0,
      word: false,
      cap: false,
      acronym: false,
      model: false,
      possessive: false,
      sentenceStart: false,
      joined: false,
    };
    pool?.tokens.push(t);
  }
  return t;
}

function tokenizeWith(text: string, base: number, fast: boolean, pool?: TokenPool): Token[] {
  const out: Token[] = pool ? pool.out : [];
  let count = 0;
  let atStart = true;
  let lastEnd = 0;
  let skipGap = false;
  let pos = 0;
  while (nextMatch(text, pos, fast)) {
    const at = matchStart;
    pos = matchEnd;
    const c0 = text.charCodeAt(at);
    const word = c0 < 128 ? isAsciiAlnum(c0) : /[\p{L}\p{N}]/u.test(text[at]);
    if (!word) {
      const raw = text.slice(at, matchEnd);
      // A rank note such as `(Res)` between a rank and a name is read as a space.
      if (raw === '(') {
        const note = /^\((?:[A-Za-z]{1,7})\.?\)/.exec(text.slice(at, at + 10));
        if (note && RANK_NOTES.test(note[0])) {
          pos = at + note[0].length;
          lastEnd = pos;
          skipGap = true;
          continue;
        }
      }
      const t = slot(pool, count);
      t.text = raw;
      t.start = base + at;
      t.end = base + at + raw.length;
      t.word = t.cap = t.acronym = t.model = t.possessive = t.sentenceStart = t.joined = false;
      out[count++] = t;
      if (raw.length === 1 ? STOPS.includes(raw) : /[.!?:;]/.test(raw)) atStart = true;
      else if (!(raw.length === 1 && OPENER_CHARS.includes(raw))) atStart = false;
      lastEnd = at + raw.length;
      continue;
    }
    // The word is `text[at, end)`: a possessive `'s` and a final full stop are left out (offsets first, one string).
    let possessive = false;
    let end = matchEnd;
    const last = text.charCodeAt(end - 1);
    const beforeLast = text.charCodeAt(end - 2);
    if ((last === 115 || last === 83) && end - at > 2 && (beforeLast === 39 || beforeLast === 0x2019)) {
      end -= 2;
      possessive = true;
    } else if (
      last === 115 &&
      (text[end] === "'" || text[end] === '\u2019') &&
      /^['\u2019](?![\p{L}\p{N}])/u.test(text.slice(end, end + 2))
    ) {
      possessive = true;
      pos = end + 1;
    }
    if (text.charCodeAt(end - 1) === 46 && !/^(?:\p{Lu}\.){2,}$/u.test(text.slice(at, end))) {
      end -= 1;
      pos = end;
    }
    const raw = text.slice(at, end);
    measure(text, at, end);
    const acronym = letters >= 2 && upper >= 2 && upper >= letters * 0.6 && !/\p{L}[-\u2013]\p{L}/u.test(raw);
    const model =
      upper > 0 &&
      digit &&
      /^[\p{Lu}\d][\p{L}\d]*(?:[-\u2010\u2011][\p{L}\d]+)*$/u.test(raw) &&
      !/^\d+(?:st|nd|rd|th|s)?$/.test(raw);
    // Joined: only white space since the previous word (none at all after a skipped rank note).
    const joined = count > 0 && out[count - 1].word && (at > lastEnd ? allSpace(text, lastEnd, at) : skipGap);
    const t = slot(pool, count);
    t.text = raw;
    t.start = base + at;
    t.end = base + end;
    t.word = true;
    t.cap = (c0 < 128 ? c0 >= 65 && c0 <= 90 : /^[\p{Lu}]/u.test(raw)) || model;
    t.acronym = acronym;
    t.model = model;
    t.possessive = possessive;
    t.sentenceStart = atStart;
    t.joined = joined;
    out[count++] = t;
    atStart = false;
    skipGap = false;
    lastEnd = pos;
  }
  out.length = count;
  return out;
}
