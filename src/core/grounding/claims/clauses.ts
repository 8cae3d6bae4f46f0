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
  let text = md.slice(block.start, block.end);
  for (const s of spans) {
    const a = Math.max(s.start, block.start) - block.start;
    const b = Math.min(s.end, block.end) - block.start;
    if (a < b) text = text.slice(0, a) + ' '.repeat(b - a) + text.slice(b);
  }
  return text;
}

/** Offsets where a clause may begin: sentence starts and just after semicolons. */
function boundaries(words: Word[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i].sentenceStart) out.push(words[i].start);
    else if (words[i].text === ';') out.push(words[i].end);
  }
  return out;
}

function hasWords(words: Word[], start: number, end: number): boolean {
  return words.some((w) => w.word && w.start >= start && w.end <= end);
}

/** The paragraphs of a briefing with the clause each of their citations closes. */
export function claimBlocks(md: string, layout: MarkdownLayout, citations: Citation[]): ClaimBlock[] {
  const out: ClaimBlock[] = [];
  for (const block of layout.blocks) {
    if (block.kind !== 'paragraph') continue;
    const inBlock = citations.filter((c) => c.start >= block.start && c.end <= block.end).sort((a, b) => a.start - b.start);
    if (!inBlock.length) continue;
    const text = blank(md, block, [...layout.skipped, ...inBlock]);
    const words = wordsOf(text, block.start);
    const marks = boundaries(words);
    const clauses: Clause[] = [];
    inBlock.forEach((citation, k) => {
      const prevEnd = k ? inBlock[k - 1].end : block.start;
      const nextStart = k + 1 < inBlock.length ? inBlock[k + 1].start : block.end;
      if (citation.inText) {
        const stop = marks.find((m) => m > citation.end) ?? block.end;
        clauses.push({ citation, start: citation.end, end: Math.min(stop, nextStart) });
        return;
      }
      let start = Math.max(prevEnd, ...marks.filter((m) => m <= citation.start));
      // `… ends here. [@key]`: the sentence before the citation.
      if (!hasWords(words, start, citation.start)) start = Math.max(prevEnd, ...marks.filter((m) => m < start));
      clauses.push({ citation, start, end: citation.start });
    });
    out.push({ block, text, words, clauses });
  }
  return out;
}
