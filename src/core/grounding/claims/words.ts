// Words of a claim or passage with offsets, and the number and date forms read from them.
import { keyOf } from '../../entities/lexicon';

/** One word or punctuation mark. */
export interface Word {
  /** As written. */
  text: string;
  /** Folded (`keyOf`): lower case, no diacritics, straight apostrophes, `defense` as `defence`. */
  key: string;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Letters or digits (false for punctuation). */
  word: boolean;
  /** Starts with a capital letter. */
  cap: boolean;
  /** No white space between it and the previous token. */
  joined: boolean;
  /** First word of a sentence (or of a quotation or parenthesis opening one). */
  sentenceStart: boolean;
  /** Followed by a possessive `'s` (which is not a token of its own). */
  possessive: boolean;
}

// One run of letters, marks and digits, or one other visible character: linear.
const TOKEN = /[\p{L}\p{M}\p{N}]+|\S/gu;
const APOSTROPHE = /^['\u2019]$/;
const OPENERS = /^[\u201c\u2018"'([*_]$/;

/** Tokenises `text`; offsets are `base` plus the offset in `text`. */
export function wordsOf(text: string, base = 0): Word[] {
  const out: Word[] = [];
  let atStart = true;
  let m: RegExpExecArray | null;
  TOKEN.lastIndex = 0;
  while ((m = TOKEN.exec(text))) {
    const raw = m[0];
    const at = m.index;
    const prev = out[out.length - 1];
    const joined = !!prev && prev.end - base === at;
    // A possessive 's or s' belongs to the word before it.
    if (APOSTROPHE.test(raw) && prev?.word && joined) {
      const next = /^s(?![\p{L}\p{N}])/u.exec(text.slice(at + 1, at + 3));
      if (next) {
        prev.possessive = true;
        TOKEN.lastIndex = at + 2;
        continue;
      }
      if (/s$/i.test(prev.text) && !/[\p{L}\p{N}]/u.test(text[at + 1] ?? '')) {
        prev.possessive = true;
        continue;
      }
    }
    const word = /[\p{L}\p{N}]/u.test(raw[0]);
    out.push({
      text: raw,
      key: keyOf(raw),
      start: base + at,
      end: base + at + raw.length,
      word,
      cap: /^\p{Lu}/u.test(raw),
      joined,
      sentenceStart: word && atStart,
      possessive: false,
    });
    if (word) atStart = false;
    else if (/^[.!?:]$/.test(raw) && /^(?:\s|$)/.test(text.slice(at + 1, at + 2))) atStart = true;
    else if (!OPENERS.test(raw)) atStart = false;
  }
  return out;
}

/** Text folded for phrase lookups: words only, each folded, possessives and punctuation gone, ` a b c `. */
export function phraseKey(text: string): string {
  const words = wordsOf(text)
    .filter((w) => w.word)
    .map((w) => w.key);
  return words.length ? ` ${words.join(' ')} ` : '';
}

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  hundredth: 100,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  lakh: 1e5,
  crore: 1e7,
};
const CURRENCY = /^[$€£¥₹]$/;

/** Month number (1-12) of a capitalised month name or abbreviation. */
export const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
/** Weekday number (0 Sunday) of a capitalised weekday name. */
export const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** A number read from words: `26`, `twenty-six`, `ten` in `ten-year`, `22nd`, `1,000`, `5 million`. */
export interface NumberRead {
  /** Its value. */
  value: number;
  /** Index of its first word. */
  from: number;
  /** Index just past its last word. */
  to: number;
  /** Written as an ordinal (`22nd`, `third`). */
  ordinal: boolean;
  /** Written in words. */
  spelled: boolean;
}

/** Reads a number starting at word `i`, or undefined. */
export function readNumber(ws: Word[], i: number): NumberRead | undefined {
  const w = ws[i];
  if (!w?.word) return undefined;
  let value: number;
  let to = i + 1;
  let ordinal = false;
  let spelled = false;
  const ord = /^(\d+)(?:st|nd|rd|th)$/i.exec(w.text);
  if (/^\d+$/.test(w.text)) {
    let digits = w.text;
    // 1,000,000 and 2.5
    while (ws[to]?.text === ',' && ws[to].joined && /^\d{3}$/.test(ws[to + 1]?.text ?? '') && ws[to + 1].joined) {
      digits += ws[to + 1].text;
      to += 2;
    }
    if (ws[to]?.text === '.' && ws[to].joined && /^\d+$/.test(ws[to + 1]?.text ?? '') && ws[to + 1].joined) {
      digits += '.' + ws[to + 1].text;
      to += 2;
    }
    value = Number(digits);
  } else if (ord) {
    value = Number(ord[1]);
    ordinal = true;
  } else if (w.key in UNITS || w.key in TENS || w.key in ORDINALS) {
    spelled = true;
    if (w.key in ORDINALS) {
      value = ORDINALS[w.key];
      ordinal = true;
    } else {
      value = UNITS[w.key] ?? TENS[w.key];
      // twenty-six, twenty-first, twenty six
      const hyphen = ws[to]?.text === '-' && ws[to].joined;
      const unit = hyphen ? ws[to + 1] : ws[to];
      if (
        w.key in TENS &&
        unit?.word &&
        (hyphen ? unit.joined : !unit.joined) &&
        (unit.key in UNITS || unit.key in ORDINALS)
      ) {
        const u = UNITS[unit.key] ?? ORDINALS[unit.key];
        if (u > 0 && u < 10) {
          value += u;
          ordinal = unit.key in ORDINALS;
          to += hyphen ? 2 : 1;
        }
      }
    }
  } else return undefined;
  // five hundred, 5 million, two thousand and twelve (only the scale words; `and` ends it)
  while (!ordinal && ws[to]?.word && ws[to].key in SCALES) {
    value *= SCALES[ws[to].key];
    to++;
  }
  return { value, from: i, to, ordinal, spelled };
}

/** True when word `i` reads as a percentage sign or `per cent` after a number. */
export function percentAfter(ws: Word[], i: number): number {
  if (ws[i]?.text === '%') return 1;
  if (ws[i]?.key === 'percent') return 1;
  if (ws[i]?.key === 'per' && ws[i + 1]?.key === 'cent') return 2;
  return 0;
}

/** True when a currency sign stands just before word `i`. */
export function currencyBefore(ws: Word[], i: number): boolean {
  return i > 0 && CURRENCY.test(ws[i - 1].text) && ws[i].joined;
}
