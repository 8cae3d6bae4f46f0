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
    const word = /[\p{L}\p{N}]/u.test(raw[0]);
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
    if (/['\u2019]s$/i.test(raw)) {
      raw = raw.slice(0, -2);
      end -= 2;
      possessive = true;
    } else if (/s$/.test(raw) && /^['\u2019](?![\p{L}\p{N}])/u.test(text.slice(end, end + 2))) {
      possessive = true;
      WORD.lastIndex = end + 1;
    }
    if (raw.endsWith('.') && !/^(?:\p{Lu}\.){2,}$/u.test(raw)) {
      raw = raw.slice(0, -1);
      end -= 1;
      WORD.lastIndex = end;
    }
    const gap = text.slice(lastEnd, at);
    const letters = raw.replace(/[^\p{L}]/gu, '');
    const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
    const acronym =
      letters.length >= 2 && upper >= 2 && upper >= letters.length * 0.6 && !/\p{L}[-\u2013]\p{L}/u.test(raw);
    const model =
      /\p{Lu}/u.test(raw) &&
      /\d/.test(raw) &&
      /^[\p{Lu}\d][\p{L}\d]*(?:[-\u2010\u2011][\p{L}\d]+)*$/u.test(raw) &&
      !/^\d+(?:st|nd|rd|th|s)?$/.test(raw);
    out.push({
      text: raw,
      start: base + at,
      end: base + end,
      word: true,
      cap: /^[\p{Lu}]/u.test(raw) || model,
      acronym,
      model,
      possessive,
      sentenceStart: atStart,
      joined: out.length > 0 && out[out.length - 1].word && (/^\s+$/.test(gap) || (skipGap && /^\s*$/.test(gap))),
    });
    atStart = false;
    skipGap = false;
    lastEnd = WORD.lastIndex;
  }
  return out;
}
