// Finding pandoc citations in a Markdown briefing: `[see @a, ¶2; -@b]` and in-text `@a [¶2]`, with offsets.
import { KEY_PATTERN } from '../corpus/keys';
import { scanMarkdown, spanAt, type MarkdownLayout, type Span } from './layout';
import { readLocator } from './locator';
import type { Citation, CiteItem } from './types';

const KEY = new RegExp(KEY_PATTERN.source, 'uy');
/** Characters that may stand just before an in-text `@key`; anything else (a letter, `.`, `/`) means an address or handle. */
const BEFORE_IN_TEXT = /[\s([{"'“‘«—–;:,*>]/u;

interface KeyRead {
  key: string;
  start: number;
  end: number;
  /** Offset after the key and its closing brace, if braced. */
  after: number;
}

/** Reads a key just after an `@`: `doe:2020` or braced `{Doe 2020}`. */
function readKey(md: string, at: number, limit: number): KeyRead | undefined {
  if (md[at] === '{') {
    const close = md.indexOf('}', at);
    const key = md.slice(at + 1, close);
    if (close < 0 || close >= limit || !key.trim() || /[\r\n{]/.test(key)) return undefined;
    return { key, start: at + 1, end: close, after: close + 1 };
  }
  KEY.lastIndex = at;
  const m = KEY.exec(md);
  if (!m || at + m[0].length > limit) return undefined;
  return { key: m[0], start: at, end: at + m[0].length, after: at + m[0].length };
}

function trimmedSpan(md: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(md[s])) s++;
  while (e > s && /\s/.test(md[e - 1])) e--;
  return { start: s, end: e };
}

/** Parses one `;`-separated part of a bracketed citation; undefined when it holds no key. */
function parseItem(md: string, from: number, to: number, layout: MarkdownLayout): CiteItem | undefined {
  for (let p = md.indexOf('@', from); p >= 0 && p < to; p = md.indexOf('@', p + 1)) {
    if (spanAt(layout.skipped, p)) continue;
    const dash = md[p - 1] === '-' && p - 1 >= from;
    const before = dash ? p - 2 : p - 1;
    if (before >= from && !/\s/.test(md[before])) continue;
    const key = readKey(md, p + 1, to);
    if (!key) continue;
    const read = readLocator(md, key.after, to);
    const span = trimmedSpan(md, from, to);
    return {
      key: key.key,
      keyStart: key.start,
      keyEnd: key.end,
      prefix: md.slice(from, dash ? p - 1 : p).trim(),
      suffix: md.slice(read.next, to).trim(),
      locator: read.locator,
      otherLocator: read.other,
      suppressAuthor: dash,
      start: span.start,
      end: span.end,
    };
  }
  return undefined;
}

/** Offset of the `]` closing the `[` at `open` in the same block, or -1 (nested brackets and blank lines end the search). */
function closingBracket(md: string, open: number, limit: number, layout: MarkdownLayout): number {
  for (let i = open + 1; i < limit; i++) {
    const skip = spanAt(layout.skipped, i);
    if (skip) {
      i = skip.end - 1;
      continue;
    }
    if (md[i] === '[') return -1;
    if (md[i] === ']') return i;
  }
  return -1;
}

/** The bracketed citation opening at `open`, if the bracket holds one. */
function bracketed(md: string, open: number, close: number, layout: MarkdownLayout): Citation | undefined {
  if (md[close + 1] === '(' || md[open - 1] === '!') return undefined;
  const items: CiteItem[] = [];
  let from = open + 1;
  for (let i = open + 1; i <= close; i++) {
    if (i < close && (md[i] !== ';' || spanAt(layout.skipped, i))) continue;
    const item = parseItem(md, from, i, layout);
    if (!item) return undefined;
    items.push(item);
    from = i + 1;
  }
  return { start: open, end: close + 1, inText: false, items };
}

/** The in-text citation whose `@` is at `at`, with a bracketed locator after it (`@key [¶3]`) if there is one. */
function inText(md: string, at: number, limit: number, layout: MarkdownLayout): Citation | undefined {
  if (at > 0 && !BEFORE_IN_TEXT.test(md[at - 1])) return undefined;
  const key = readKey(md, at + 1, limit);
  if (!key) return undefined;
  let end = key.after;
  let read = readLocator(md, end, end);
  let suffix = '';
  const gap = /^[ \t]*\[/.exec(md.slice(end, end + 40));
  if (gap) {
    const open = end + gap[0].length - 1;
    const close = closingBracket(md, open, limit, layout);
    const inside = close < 0 ? '' : md.slice(open + 1, close);
    if (close >= 0 && !inside.includes('@') && !/\n\s*\n/.test(inside) && md[close + 1] !== '(') {
      read = readLocator(md, open + 1, close);
      suffix = md.slice(read.next, close).trim();
      end = close + 1;
    }
  }
  const item: CiteItem = {
    key: key.key, keyStart: key.start, keyEnd: key.end, prefix: '', suffix, locator: read.locator,
    otherLocator: read.other, suppressAuthor: false, start: at, end,
  };
  return { start: at, end, inText: true, items: [item] };
}

/** Finds the citations in a document whose layout is known; see `parseCitations`. */
export function parseCitationsIn(md: string, layout: MarkdownLayout): Citation[] {
  const found: Citation[] = [];
  for (const block of layout.blocks) {
    const inBlock: Citation[] = [];
    for (let i = md.indexOf('[', block.start); i >= 0 && i < block.end; i = md.indexOf('[', i + 1)) {
      if (spanAt(layout.skipped, i)) continue;
      const close = closingBracket(md, i, block.end, layout);
      if (close < 0 || !md.slice(i, close).includes('@')) continue;
      const c = bracketed(md, i, close, layout);
      if (c) inBlock.push(c), (i = close);
    }
    const taken = [...inBlock];
    for (let i = md.indexOf('@', block.start); i >= 0 && i < block.end; i = md.indexOf('@', i + 1)) {
      if (spanAt(layout.skipped, i) || spanAt(layout.linkTexts, i) || taken.some((c) => c.start <= i && i < c.end)) continue;
      const c = inText(md, i, block.end, layout);
      if (c) inBlock.push(c), taken.push(c), (i = c.end - 1);
    }
    found.push(...inBlock.sort((a, b) => a.start - b.start));
  }
  return found;
}

/**
 * Finds pandoc citations in Markdown, in document order: bracketed (`[@key]`, `[see @a, ¶2; -@b, paras. 3-4]`) and
 * in-text (`@key`, `@key [¶3]`). Code, comments, URLs, link destinations, e-mail addresses and `\@` are passed over.
 */
export function parseCitations(markdown: string): Citation[] {
  return parseCitationsIn(markdown, scanMarkdown(markdown));
}
