// Where a citation leads (Go to Definition) and where a source is cited (Find All References), as offsets.
import type { Span } from '../citations/layout';
import { citationAt, resolveItem, shownParagraphs } from '../citations/resolve';
import type { Citation } from '../citations/types';
import type { CorpusView } from '../corpus/view';
import type { Paragraph, Source } from '../corpus/types';
import type { BriefingText } from './types';

/** The paragraph a citation opens at: the first it names, else the source's first (none for an empty source). */
export interface Definition {
  /** The cited source. */
  source: Source;
  /** The paragraph to reveal; undefined when the source has none. */
  paragraph?: Paragraph;
}

/** The definition of the citation item at `offset`: its source at the first paragraph it names. */
export function definitionAt(doc: BriefingText, offset: number, corpus: CorpusView): Definition | undefined {
  const hit = citationAt(doc.citations, offset);
  const resolved = hit && resolveItem(hit.item, corpus);
  if (!resolved) return undefined;
  return { source: resolved.source, paragraph: shownParagraphs(resolved)[0] ?? resolved.source.paragraphs[0] };
}

/** The key of the citation item at `offset` (known or not), for Find All References. */
export function citedKeyAt(doc: BriefingText, offset: number): string | undefined {
  return citationAt(doc.citations, offset)?.item.key;
}

/** The spans of every key in `citations` that cites `key`, in document order. */
export function keySpans(citations: Citation[], key: string): Span[] {
  return citations.flatMap((c) =>
    c.items.filter((i) => i.key === key).map((i) => ({ start: i.keyStart, end: i.keyEnd })),
  );
}
