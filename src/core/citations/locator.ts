// Reading the locator after a citation key: paragraphs (`¶3`, `paras. 3–4`, `¶3, 5`) or another pandoc label (`p. 3`).
import type { InvalidLocator, Locator, OtherLocator } from './types';

/** What follows a key: its locator, if any, and where the rest of the suffix begins. */
export interface LocatorRead {
  /** Paragraphs cited, or null. */
  locator: Locator | null;
  /** A locator naming something other than paragraphs, or null. */
  other: OtherLocator | null;
  /** Document offset where the text after the locator begins. */
  next: number;
  /** A paragraph label whose numbers cannot be read, or null. */
  invalid: InvalidLocator | null;
}

const NUMBERS = String.raw`\d+(?:\s*[-\u2013\u2014]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-\u2013\u2014]\s*\d+)?)*`;
const END = String.raw`(?![\p{L}\p{N}])`;
const PARAGRAPHS = new RegExp(String.raw`^(?:¶¶?|paragraphs?${END}|paras?${END}\.?)\s*(${NUMBERS})${END}`, 'iu');
// Pandoc's other locator terms (CSL): pages, chapters, sections… Cited paragraphs are what a briefing checks.
const LABELS = [
  'book',
  'bk.',
  'chapters?',
  'chap.',
  'chaps.',
  'ch.',
  'columns?',
  'col.',
  'cols.',
  'figures?',
  'fig.',
  'figs.',
  'folios?',
  'fol.',
  'fols.',
  'numbers?',
  'no.',
  'nos.',
  'lines?',
  'l.',
  'll.',
  'notes?',
  'n.',
  'nn.',
  'opus',
  'op.',
  'opp.',
  'pages?',
  'p.',
  'pp.',
  'pg.',
  'parts?',
  'pt.',
  'pts.',
  'sections?',
  'sec.',
  'secs.',
  's.v.',
  's.vv.',
  'verses?',
  'v.',
  'vv.',
  'volumes?',
  'vol.',
  'vols.',
  '§§?',
].map((l) => l.replace(/\./g, '\\.') + (/[a-z?]$/.test(l) ? END : ''));
const OTHER = new RegExp(
  String.raw`^(${LABELS.join('|')})\s*(\d[\p{L}\p{N}]*(?:\s*[-\u2013\u2014,]\s*\d[\p{L}\p{N}]*)*)${END}`,
  'iu',
);
/** A paragraph label alone, to tell a malformed paragraph locator (`¶x`, `para -3`) from a suffix. */
const PARAGRAPH_LABEL = new RegExp(String.raw`^(?:¶¶?|paragraphs?${END}|paras?${END}\.?)`, 'iu');
const BARE = new RegExp(String.raw`^()(${NUMBERS})${END}`, 'u');

/** Parses `3-4, 6` into ranges. */
function ranges(numbers: string): Array<[number, number]> {
  return numbers.split(',').map((part) => {
    const [a, b] = part.split(/[-\u2013\u2014]/).map((s) => Number(s.trim()));
    return [a, b ?? a];
  });
}

/**
 * Reads a locator at `from` (just after a key), not past `to`. A comma may come first; without one, only a labelled
 * locator counts (`[@key ¶3]`, `[@key p. 3]`), as in pandoc.
 */
export function readLocator(md: string, from: number, to: number): LocatorRead {
  const text = md.slice(from, to);
  const lead = /^\s*(,)?\s*/.exec(text)!;
  const rest = text.slice(lead[0].length);
  const at = from + lead[0].length;
  const para = PARAGRAPHS.exec(rest);
  // `¶1.5` reads as ¶1 followed by `.5`: a decimal is no paragraph number.
  if (para && !/^\.\d/.test(rest.slice(para[0].length))) {
    const rs = ranges(para[1]);
    const all = rs.flat();
    const raw = para[0];
    return {
      locator: { from: Math.min(...all), to: Math.max(...all), ranges: rs, raw, start: at, end: at + raw.length },
      other: null,
      next: at + raw.length,
      invalid: null,
    };
  }
  if (PARAGRAPH_LABEL.test(rest)) {
    const comma = rest.indexOf(',');
    const raw = (comma < 0 ? rest : rest.slice(0, comma)).trimEnd();
    const invalid: InvalidLocator = { raw, start: at, end: at + raw.length, ...suggest(raw) };
    return { locator: null, other: null, next: invalid.end, invalid };
  }
  const other = OTHER.exec(rest) ?? (lead[1] ? BARE.exec(rest) : null);
  if (other) {
    const raw = other[0];
    const end = at + raw.length;
    return { locator: null, other: { label: other[1], raw, start: at, end }, next: end, invalid: null };
  }
  return { locator: null, other: null, next: from, invalid: null };
}

/** The obvious repair of a malformed paragraph locator, if there is one: a minus sign dropped (`¶-1`, `para -3`). */
function suggest(raw: string): { suggestion?: string } {
  const m = /^(¶¶?|\p{L}+\.?)\s*[-\u2013\u2212]\s*(\d+)$/u.exec(raw);
  if (!m || Number(m[2]) < 1) return {};
  return { suggestion: `${m[1].startsWith('¶') ? m[1] : m[1] + ' '}${m[2]}` };
}
