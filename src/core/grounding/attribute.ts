// Which citation a quotation is checked against: the one that closes its sentence, else the next in its paragraph.
import type { Citation } from '../citations/types';
import { mergeSpans, type Block } from '../citations/layout';
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

/** Where a block's sentences end and which citations it holds, read once per block. */
interface BlockFacts {
  /** Its citations, in document order. */
  citations: Citation[];
  /** Offsets of the `.`, `!` or `?` that end its sentences, outside quotations and citations, in order. */
  ends: number[];
}

/** A full stop, `!` or `?` that ends a sentence: followed by white space or the end of the paragraph. */
function endsSentence(md: string, i: number, blockEnd: number): boolean {
  const c = md[i];
  return (c === '.' || c === '!' || c === '?') && (i + 1 >= blockEnd || /\s/.test(md[i + 1]));
}

/** Index of the first element of sorted `xs` for which `below` is false. */
function firstNotBelow<T>(xs: T[], below: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(xs[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function blockFacts(md: string, block: Block, citations: Citation[], quotes: Quotation[]): BlockFacts {
  const from = firstNotBelow(citations, (c) => c.start < block.start);
  const inBlock: Citation[] = [];
  for (let i = from; i < citations.length && citations[i].start < block.end; i++) {
    if (citations[i].end <= block.end) inBlock.push(citations[i]);
  }
  const opaque = mergeSpans([...inBlock, ...quotes.filter((q) => q.block === block)]);
  const ends: number[] = [];
  let o = 0;
  for (let i = block.start; i < block.end; i++) {
    while (o < opaque.length && opaque[o].end <= i) o++;
    if (o < opaque.length && opaque[o].start <= i) {
      i = opaque[o].end - 1;
      continue;
    }
    if (endsSentence(md, i, block.end)) ends.push(i);
  }
  return { citations: inBlock, ends };
}

/** Chooses citations for the quotations of one document; facts about each block are read once, on first use. */
export class Attributor {
  #facts = new Map<Block, BlockFacts>();
  #citations: Citation[];

  constructor(
    private readonly md: string,
    citations: Citation[],
    private readonly quotes: Quotation[],
  ) {
    this.#citations = [...citations].sort((a, b) => a.start - b.start);
  }

  #factsOf(block: Block): BlockFacts {
    let facts = this.#facts.get(block);
    if (!facts) this.#facts.set(block, (facts = blockFacts(this.md, block, this.#citations, this.quotes)));
    return facts;
  }

  /** True when the block holds a citation. */
  hasCitation(block: Block): boolean {
    return this.#factsOf(block).citations.length > 0;
  }

  /** See {@link attribute}. */
  attribute(quote: Quotation): Attribution | undefined {
    const { block } = quote;
    const { citations, ends } = this.#factsOf(block);
    const next = firstNotBelow(citations, (c) => c.start < quote.end);
    const after = citations[next];
    const endAt = firstNotBelow(ends, (e) => e < quote.end);
    const end = endAt < ends.length ? ends[endAt] : block.end;
    if (after && after.start < end) return { citation: after, rule: 'same-sentence-after' };
    const startAt = firstNotBelow(ends, (e) => e < quote.start) - 1;
    const start = startAt >= 0 ? ends[startAt] + 1 : block.start;
    const lastBefore = firstNotBelow(citations, (c) => c.end <= quote.start) - 1;
    const before = citations[lastBefore];
    if (before && before.start >= start) return { citation: before, rule: 'same-sentence-before' };
    if (after) return { citation: after, rule: 'next-in-paragraph' };
    return undefined;
  }
}

const attributors = new WeakMap<Citation[], WeakMap<Quotation[], Attributor>>();

/**
 * Chooses the citation for a quotation, in this order: the first citation after it in the same sentence (the one
 * that closes the sentence, unless another quotation and its citation come between); a citation before it in the
 * same sentence (`@key [¶3] called it “…”`); the next citation in the same paragraph. Undefined when none applies.
 * Linear in the document over all its quotations (see {@link Attributor}).
 */
export function attribute(
  md: string,
  quote: Quotation,
  citations: Citation[],
  quotes: Quotation[],
): Attribution | undefined {
  let byQuotes = attributors.get(citations);
  if (!byQuotes) attributors.set(citations, (byQuotes = new WeakMap()));
  let a = byQuotes.get(quotes);
  if (!a) byQuotes.set(quotes, (a = new Attributor(md, citations, quotes)));
  return a.attribute(quote);
}
