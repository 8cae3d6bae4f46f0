// Completion in briefings: source keys after `[@` or `; @`, paragraphs (with their first words) after `, ¶`.
import type { CorpusView } from '../corpus/view';
import type { Paragraph, Source } from '../corpus/types';
import type { CompletionData, Completions } from './types';

// Both read only the current line up to the cursor, so each runs over a short, bounded string.
const KEY_CONTEXT = /(?:\[(?:[^\]@\n]*?\s)?-?|;\s*-?)@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;
/** How much of the line before the cursor the completion contexts read. */
const CONTEXT_REACH = 300;
const PARAGRAPH_CONTEXT = /@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*?),\s*¶¶?\s*(\d*)$/u;

/** Words shown after a paragraph number in the list. */
const FIRST_WORDS = 8;

/** The first `count` words of `text`, with `…` when there are more. */
export function firstWords(text: string, count = FIRST_WORDS): string {
  const words = text.trim().split(/\s+/);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

function paragraphItem(source: Source, p: Paragraph): CompletionData {
  return {
    kind: 'paragraph',
    label: String(p.n),
    labelDetail: firstWords(p.text),
    description: p.section,
    detail: `¶${p.n} of ${source.title}`,
    documentation: p.text,
    filterText: `${p.n} ${p.text}`,
    sortText: String(p.n).padStart(5, '0'),
  };
}

function keyItem(s: Source): CompletionData {
  const first = s.paragraphs[0];
  return {
    kind: 'key',
    label: s.key,
    description: s.date ?? undefined,
    detail: [s.title, s.date].filter(Boolean).join(' — '),
    passage: first ? { key: s.key, paragraph: first.n } : undefined,
    filterText: `${s.key} ${s.title}`,
  };
}

/** What is being completed at a cursor: a key (`typed` so far), or a paragraph number of the source `key`. */
export type CompletionContext = { kind: 'key'; typed: string } | { kind: 'paragraph'; key: string; typed: string };

/** The completion context at `offset` of `text`, if any (reads the line before the cursor only). */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  // Only the end of the line can hold the context, and the patterns are bounded by reading no more of it.
  const before = text.slice(Math.max(lineStart, offset - CONTEXT_REACH), offset);
  const para = PARAGRAPH_CONTEXT.exec(before);
  if (para) return { kind: 'paragraph', key: para[1], typed: para[2] };
  const key = KEY_CONTEXT.exec(before);
  return key ? { kind: 'key', typed: key[1] } : undefined;
}

/**
 * What to offer at `offset` of `text`: keys after `[@`, paragraphs of a known source after `, ¶`; else undefined.
 * Paragraph items read the paragraphs' texts (a host's copy of the sources without texts hands in a view that has
 * the cited source's); key items only name their opening passage (`passage`), fetched when an item is resolved.
 */
export function completionsAt(text: string, offset: number, corpus: CorpusView): Completions | undefined {
  const context = completionContext(text, offset);
  if (!context) return undefined;
  const start = offset - context.typed.length;
  if (context.kind === 'key') return { start, end: offset, items: corpus.sources.map(keyItem) };
  const source = corpus.get(context.key);
  if (!source) return undefined;
  return { start, end: offset, items: source.paragraphs.map((p) => paragraphItem(source, p)) };
}
