// The clause each citation closes: back to the previous citation, the sentence start or a semicolon; for an in-text
// citation (`@key [¶3] says…`), forward to the next of these. The words of the whole paragraph are read once.
import type { Block, MarkdownLayout, Span } from '../../citations/layout';
import type { Citation } from '../../citations/types';
import { wordsOf, type Word } from './words';

/** A citation with the stretch of its paragraph it vouches for. */
export interface Clause {
  /** The citation. */
  citation: Citation;
  /** Offset of the clause's first character. */
  start: number;
  /** Offset just past it. */
  end: number;
}

/** One prose paragraph of the briefing with its citations, read as words. */
export interface ClaimBlock {
  /** The block. */
  block: Block;
  /** The block's text with citations and skipped spans blanked (same offsets). */
  text: string;
  /** Its words; `start`/`end` are document offsets. */
  words: Word[];
  /** Its clauses, in order. */
  clauses: Clause[];
}

function blank(md: string, block: Block, spans: Span[]): string {
  // One pass over the spans in order (they may overlap), so a paragraph with many citations stays linear.
  const sorted = spans.filter((s) => s.end > block.start && s.start < block.end).sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = block.start;
  for (const s of sorted) {
    const a = Math.max(s.start, at);
    const b = Math.min(s.end, block.end);
    if (a >= b) continue;
    parts.push(md.slice(at, a), ' '.repeat(b - a));
    at = b;
  }
  parts.push(md.slice(at, block.end));
  return parts.join('');
}

/** Offsets where a clause may begin: sentence starts and just after semicolons (ascending). */
function boundaries(words: Word[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i].sentenceStart) out.push(words[i].start);
    else if (words[i].text === ';') out.push(words[i].end);
  }
  return out;
}

/** The first index in 0..n for which `below` is false, where `below` holds for a prefix (binary search). */
function firstNot(n: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Answers "is there a word (not punctuation) wholly inside start..end?" in logarithmic time. */
function wordFinder(words: Word[]): (start: number, end: number) => boolean {
  const before = new Int32Array(words.length + 1);
  for (let i = 0; i < words.length; i++) before[i + 1] = before[i] + (words[i].word ? 1 : 0);
  return (start, end) => {
    const i = firstNot(words.length, (k) => words[k].start < start);
    const j = firstNot(words.length, (k) => words[k].end <= end);
    return j > i && before[j] - before[i] > 0;
  };
}

/** The paragraphs of a briefing with the clause each of their citations closes. */
export function claimBlocks(md: string, layout: MarkdownLayout, citations: Citation[]): ClaimBlock[] {
  const out: ClaimBlock[] = [];
  const sorted = [...citations].sort((x, y) => x.start - y.start);
  let first = 0;
  for (const block of layout.blocks) {
    if (block.kind !== 'paragraph') continue;
    while (first < sorted.length && sorted[first].start < block.start) first++;
    let last = first;
    while (last < sorted.length && sorted[last].start < block.end) last++;
    const inBlock = sorted.slice(first, last).filter((c) => c.end <= block.end);
    if (!inBlock.length) continue;
    const text = blank(md, block, [...layout.skipped, ...inBlock]);
    const words = wordsOf(text, block.start);
    const marks = boundaries(words);
    const hasWords = wordFinder(words);
    /** The last mark at or before `offset` (strictly before with `strict`), else -Infinity. */
    const markBefore = (offset: number, strict: boolean): number => {
      const i = firstNot(marks.length, (k) => (strict ? marks[k] < offset : marks[k] <= offset));
      return i > 0 ? marks[i - 1] : -Infinity;
    };
    const clauses: Clause[] = [];
    inBlock.forEach((citation, k) => {
      const prevEnd = k ? inBlock[k - 1].end : block.start;
      const nextStart = k + 1 < inBlock.length ? inBlock[k + 1].start : block.end;
      if (citation.inText) {
        const i = firstNot(marks.length, (m) => marks[m] <= citation.end);
        const stop = i < marks.length ? marks[i] : block.end;
        clauses.push({ citation, start: citation.end, end: Math.min(stop, nextStart) });
        return;
      }
      let start = Math.max(prevEnd, markBefore(citation.start, false));
      // `… ends here. [@key]`: the sentence before the citation.
      if (!hasWords(start, citation.start)) start = Math.max(prevEnd, markBefore(start, true));
      clauses.push({ citation, start, end: citation.start });
    });
    out.push({ block, text, words, clauses });
  }
  return out;
}
