// Which citation a quotation is checked against: the one that closes its sentence, else the next in its paragraph.
import type { Citation } from '../citations/types';
import type { Quotation } from './quotes';

/** Why a citation was chosen for a quotation. */
export type AttributionRule = 'same-sentence-after' | 'same-sentence-before' | 'next-in-paragraph';

/** The citation a quotation is checked against, and the rule that chose it. */
export interface Attribution {
  /** The chosen citation. */
  citation: Citation;
  /** The rule that chose it. */
  rule: AttributionRule;
}

interface Opaque {
  start: number;
  end: number;
}

/** A full stop, `!` or `?` that ends a sentence: followed by white space or the end of the paragraph. */
function endsSentence(md: string, i: number, blockEnd: number): boolean {
  return /[.!?]/.test(md[i]) && (i + 1 >= blockEnd || /\s/.test(md[i + 1]));
}

function opaqueAt(spans: Opaque[], i: number): Opaque | undefined {
  return spans.find((s) => s.start <= i && i < s.end);
}

/** Offset of the end of the sentence that goes on at `from`; full stops inside quotations and citations do not count. */
function sentenceEnd(md: string, from: number, blockEnd: number, opaque: Opaque[]): number {
  for (let i = from; i < blockEnd; i++) {
    const o = opaqueAt(opaque, i);
    if (o) i = o.end - 1;
    else if (endsSentence(md, i, blockEnd)) return i;
  }
  return blockEnd;
}

/** Offset where the sentence that holds `from` starts. */
function sentenceStart(md: string, from: number, block: Opaque, opaque: Opaque[]): number {
  for (let i = from - 1; i >= block.start; i--) {
    const o = opaqueAt(opaque, i);
    if (o) i = o.start;
    else if (endsSentence(md, i, block.end)) return i + 1;
  }
  return block.start;
}

/**
 * Chooses the citation for a quotation, in this order: the first citation after it in the same sentence (the one
 * that closes the sentence, unless another quotation and its citation come between); a citation before it in the
 * same sentence (`@key [¶3] called it “…”`); the next citation in the same paragraph. Undefined when none applies.
 */
export function attribute(md: string, quote: Quotation, citations: Citation[], quotes: Quotation[]): Attribution | undefined {
  const { block } = quote;
  const inBlock = citations.filter((c) => c.start >= block.start && c.end <= block.end);
  const opaque: Opaque[] = [...inBlock, ...quotes.filter((q) => q.block === block)];
  const after = inBlock.filter((c) => c.start >= quote.end);
  const end = sentenceEnd(md, quote.end, block.end, opaque);
  if (after.length && after[0].start < end) return { citation: after[0], rule: 'same-sentence-after' };
  const start = sentenceStart(md, quote.start, block, opaque);
  const before = inBlock.filter((c) => c.end <= quote.start && c.start >= start);
  if (before.length) return { citation: before[before.length - 1], rule: 'same-sentence-before' };
  if (after.length) return { citation: after[0], rule: 'next-in-paragraph' };
  return undefined;
}
