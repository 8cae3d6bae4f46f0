// Loose text matching: fold case, quote and dash forms and whitespace, keeping a map back to the original.

const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '`': "'", '\u00b4': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
};

/** Text folded for loose comparison, with the original offset of every folded character. */
export interface FoldedText {
  /** Lower-cased text with curly quotes straightened, dashes unified and whitespace runs as one space. */
  text: string;
  /** `map[i]` is the offset in the original string of folded character `i`; `map[text.length]` is the original length. */
  map: number[];
}

/** Folds `s` for loose matching (case, quotes, apostrophes, dashes, whitespace) and keeps offsets. */
export function foldWithMap(s: string): FoldedText {
  let text = '';
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      if (!lastSpace) { text += ' '; map.push(i); lastSpace = true; }
      continue;
    }
    const f = FOLD[ch] ?? ch.toLowerCase();
    for (const c of f) { text += c; map.push(i); }
    lastSpace = false;
  }
  if (text.endsWith(' ')) { text = text.slice(0, -1); map.pop(); }
  map.push(s.length);
  return { text, map };
}

/** Folds `s` for loose comparison; see `foldWithMap`. */
export function fold(s: string): string {
  return foldWithMap(s).text;
}

/** Folds whitespace only: line breaks and runs of spaces (including no-break spaces) become one space. */
export function squeezeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
