// Search folding: the loose text form (case, quotes, dashes, accents) that queries and passages are compared in.
import { foldWithMap, type FoldedText } from '../text/normalize';

const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}/gu;

/** Strips accents (Türkiye -> turkiye) and compatibility forms from already folded text, keeping the offset map. */
function stripMarks(folded: FoldedText): FoldedText {
  if (ASCII.test(folded.text)) return folded;
  let text = '';
  const map: number[] = [];
  const src = folded.text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const out = ch.charCodeAt(0) < 0x80 ? ch : ch.normalize('NFKD').replace(MARKS, '');
    for (let k = 0; k < out.length; k++) map.push(folded.map[i]);
    text += out;
  }
  map.push(folded.map[src.length]);
  return { text, map };
}

/** ASCII text whose only whitespace is single spaces between words folds to the same length. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SPACE_RUN_OR_EDGE = / {2}|^ | $/;

/** Folds `s` for search and keeps, for every folded character, its offset in `s`. */
export function searchFoldWithMap(s: string): FoldedText {
  if (PRINTABLE_ASCII.test(s) && !SPACE_RUN_OR_EDGE.test(s)) {
    const map = new Array<number>(s.length + 1);
    for (let i = 0; i <= s.length; i++) map[i] = i;
    return { text: s.toLowerCase().replace(/`/g, "'"), map };
  }
  return stripMarks(foldWithMap(s));
}

/**
 * Folds `s` for search without an offset map. Plain ASCII (most text) takes a fast path that gives the same
 * words as `searchFoldWithMap`; whitespace may differ, which no caller depends on.
 */
export function searchFold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase().replace(/`/g, "'");
  return searchFoldWithMap(s).text;
}
