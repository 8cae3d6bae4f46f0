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
const OPENERS = /^[\u201c\u2018"'([]$/;

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Letters, capital letters, and whether a digit (0-9) is in a word; ASCII counted directly, the rest by regex. */
function shape(raw: string): { letters: number; upper: number; digit: boolean } {
  let letters = 0;
  let upper = 0;
  let digit = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128) {
      const ls = raw.replace(/[^\p{L}]/gu, '');
      return { letters: ls.length, upper: ls.replace(/[^\p{Lu}]/gu, '').length, digit: /\d/.test(raw) };
    }
    if (c >= 65 && c <= 90) (letters++, upper++);
    else if (c >= 97 && c <= 122) letters++;
    else if (c >= 48 && c <= 57) digit = true;
  }
  return { letters, upper, digit };
}

/** Tokenises `text` (a paragraph's slice of the file) whose first character is at file offset `base`. */
export function tokenize(text: string, base: number): Token[] {
  const out: Token[] = [];
  let m: RegExpExecArray | null;
  let atStart = true;
  let lastEnd = 0;
  let skipGap = false;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text))) {
    let raw = m[0];
    const at = m.index;
    const c0 = raw.charCodeAt(0);
    const word = c0 < 128 ? isAsciiAlnum(c0) : /[\p{L}\p{N}]/u.test(raw[0]);
    if (!word) {
      // A rank note such as `(Res)` between a rank and a name is read as a space.
      const note = /^\((?:[A-Za-z]{1,7})\.?\)/.exec(text.slice(at, at + 10));
      if (raw === '(' && note && RANK_NOTES.test(note[0])) {
        WORD.lastIndex = at + note[0].length;
        lastEnd = WORD.lastIndex;
        skipGap = true;
        continue;
      }
      out.push({
        text: raw,
        start: base + at,
        end: base + at + raw.length,
        word: false,
        cap: false,
        acronym: false,
        model: false,
        possessive: false,
        sentenceStart: false,
        joined: false,
      });
      if (/[.!?:;]/.test(raw)) atStart = true;
      else if (!OPENERS.test(raw)) atStart = false;
      lastEnd = at + raw.length;
      continue;
    }
    let possessive = false;
    let end = at + raw.length;
    const lastCh = raw[raw.length - 1];
    if ((lastCh === 's' || lastCh === 'S') && /['\u2019]s$/i.test(raw)) {
      raw = raw.slice(0, -2);
      end -= 2;
      possessive = true;
    } else if (
      lastCh === 's' &&
      (text[end] === "'" || text[end] === '\u2019') &&
      /^['\u2019](?![\p{L}\p{N}])/u.test(text.slice(end, end + 2))
    ) {
      possessive = true;
      WORD.lastIndex = end + 1;
    }
    if (raw.endsWith('.') && !/^(?:\p{Lu}\.){2,}$/u.test(raw)) {
      raw = raw.slice(0, -1);
      end -= 1;
      WORD.lastIndex = end;
    }
    const gap = at - lastEnd === 1 && text[lastEnd] === ' ' ? ' ' : text.slice(lastEnd, at);
    const { letters, upper, digit } = shape(raw);
    const acronym = letters >= 2 && upper >= 2 && upper >= letters * 0.6 && !/\p{L}[-\u2013]\p{L}/u.test(raw);
    const model =
      upper > 0 &&
      digit &&
      /^[\p{Lu}\d][\p{L}\d]*(?:[-\u2010\u2011][\p{L}\d]+)*$/u.test(raw) &&
      !/^\d+(?:st|nd|rd|th|s)?$/.test(raw);
    out.push({
      text: raw,
      start: base + at,
      end: base + end,
      word: true,
      cap: (c0 < 128 ? c0 >= 65 && c0 <= 90 : /^[\p{Lu}]/u.test(raw)) || model,
      acronym,
      model,
      possessive,
      sentenceStart: atStart,
      joined:
        out.length > 0 &&
        out[out.length - 1].word &&
        (gap === ' ' || /^\s+$/.test(gap) || (skipGap && /^\s*$/.test(gap))),
    });
    atStart = false;
    skipGap = false;
    lastEnd = WORD.lastIndex;
  }
  return out;
}
