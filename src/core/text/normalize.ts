// Loose text matching: fold case, quote and dash forms and whitespace, keeping a map back to the original.

const FOLD: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '`': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\uff02': '"',
  '\uff07': "'",
  '\u2039': "'",
  '\u203a': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
};

const SPACE = /\s/;
// ignoreBOM keeps a leading U+FEFF as text (by default the decoder drops it, and offsets would shift by one).
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Text folded for loose comparison, with the original offset of every folded character. */
export interface FoldedText {
  /** Lower-cased text with curly quotes straightened, dashes unified and whitespace runs as one space. */
  text: string;
  /** `map[i]` is the offset in the original string of folded character `i`; `map[text.length]` is the original length. */
  map: ArrayLike<number>;
}

/**
 * Builds folded text one UTF-16 unit at a time in typed arrays, so that folding is linear and cheap on megabytes (a
 * string grown by `+=` is a chain of millions of pieces, and reading from it flattens it again and again).
 */
export class FoldBuilder {
  #codes: Uint16Array;
  #map: Int32Array;
  /** Number of units written. */
  length = 0;

  constructor(capacity: number) {
    this.#codes = new Uint16Array(Math.max(16, capacity));
    this.#map = new Int32Array(Math.max(16, capacity) + 1);
  }

  /** Appends one UTF-16 unit that stands for the original character at offset `at`. */
  push(code: number, at: number): void {
    if (this.length === this.#codes.length) {
      const codes = new Uint16Array(this.#codes.length * 2);
      codes.set(this.#codes);
      this.#codes = codes;
      const map = new Int32Array(this.#codes.length + 1);
      map.set(this.#map);
      this.#map = map;
    }
    this.#codes[this.length] = code;
    this.#map[this.length++] = at;
  }

  /** The last unit written, or -1. */
  get last(): number {
    return this.length ? this.#codes[this.length - 1] : -1;
  }

  /** Removes the last unit. */
  pop(): void {
    if (this.length) this.length--;
  }

  /** The folded text; `end` is the original offset just past the last character. */
  done(end: number): FoldedText {
    const text = UTF16.decode(this.#codes.subarray(0, this.length));
    this.#map[this.length] = end;
    return { text, map: this.#map.subarray(0, this.length + 1) };
  }
}

/** Folds `s` for loose matching (case, quotes, apostrophes, dashes, whitespace) and keeps offsets; linear in `s`. */
export function foldWithMap(s: string): FoldedText {
  const out = new FoldBuilder(s.length);
  let lastSpace = true;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (!lastSpace) (out.push(32, i), (lastSpace = true));
        continue;
      }
      out.push(code >= 65 && code <= 90 ? code + 32 : code === 96 ? 39 : code, i);
      lastSpace = false;
      continue;
    }
    const ch = s[i];
    if (SPACE.test(ch)) {
      if (!lastSpace) (out.push(32, i), (lastSpace = true));
      continue;
    }
    const f = FOLD[ch] ?? ch.toLowerCase();
    for (let k = 0; k < f.length; k++) out.push(f.charCodeAt(k), i);
    lastSpace = false;
  }
  if (out.last === 32) out.pop();
  return out.done(s.length);
}

/** Folds `s` for loose comparison; see `foldWithMap`. */
export function fold(s: string): string {
  return foldWithMap(s).text;
}

/** Folds whitespace only: line breaks and runs of spaces (including no-break spaces) become one space. */
export function squeezeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Orders strings by Unicode code point, the same on every machine (`localeCompare` follows the user's locale, so
 * `LC_ALL=sv_SE.UTF-8` and `LC_ALL=C` would sort `ä` and `z` differently).
 */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  // Code units first: where the first difference is between two characters outside the surrogate range, their code
  // units are their code points (sorting 10,000 paths with long common prefixes, most comparisons end here).
  let d = 0;
  while (d < n && a.charCodeAt(d) === b.charCodeAt(d)) d++;
  if (d === n) return a.length - b.length;
  const cu = a.charCodeAt(d);
  const cv = b.charCodeAt(d);
  if ((cu < 0xd800 || cu > 0xdfff) && (cv < 0xd800 || cv > 0xdfff)) return cu - cv;
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
