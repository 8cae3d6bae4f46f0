// Finding pandoc citations in a Markdown briefing: `[see @a, ¶2; -@b]` and in-text `@a [¶2]`, with offsets.
import { KEY_PATTERN } from '../corpus/keys';
import { scanMarkdown, spanAt, type MarkdownLayout, type Span } from './layout';
import { readLocator } from './locator';
import type { Citation, CiteItem } from './types';

// Pandoc's key rule (KEY_PATTERN), plus the `:/` and `//` runs pandoc lets through (`@http://x.invalid`).
const KEY = new RegExp(KEY_PATTERN.source.replace(/\)\*$/, String.raw`|[:/](?=\/))*`), 'uy');
/** Pandoc reads no citation right after a word character or a full stop (`a@b`, `1@k`, `x.@k`): an address. */
const AFTER_WORD = /[\p{L}\p{N}.]/u;
/** After a bracket, these make it a link, reference link or span rather than a citation: `[@a](…)`, `[@a][r]`. */
const NOT_AFTER_CITATION = new Set(['(', '[', '{']);

const MAX_BRACED = 500;

interface KeyRead {
  key: string;
  start: number;
  end: number;
  /** Offset after the key and its closing brace, if braced. */
  after: number;
}

/** True when a citation key may begin at `at` (its `@` or `-`): not glued to a word before it. */
function keyMayStart(md: string, at: number, from: number): boolean {
  return at <= from || !AFTER_WORD.test(md[at - 1]);
}

/** Reads a key just after an `@`: `doe:2020` or braced `{doe:2020.}` (balanced braces, no white space, as pandoc). */
function readKey(md: string, at: number, limit: number): KeyRead | undefined {
  if (md[at] === '{') {
    let depth = 0;
    // Keys are short; a cap keeps a long run of `@{` without white space from costing quadratic time.
    for (let i = at; i < Math.min(limit, at + MAX_BRACED); i++) {
      if (/\s/.test(md[i])) return undefined;
      if (md[i] === '{') depth++;
      else if (md[i] === '}' && --depth === 0) {
        return i > at + 1 ? { key: md.slice(at + 1, i), start: at + 1, end: i, after: i + 1 } : undefined;
      }
    }
    return undefined;
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

/** One block's brackets: the offset of the `]` matching each `[` (innermost first), code and escapes passed over. */
function bracketPairs(md: string, block: Span, layout: MarkdownLayout): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = block.start; i < block.end; i++) {
    const skip = spanAt(layout.citationSkipped, i);
    if (skip) i = skip.end - 1;
    else if (md[i] === '[') open.push(i);
    else if (md[i] === ']' && open.length) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/** Walks [from, to) outside skipped spans and nested brackets, calling `visit` on each offset left. */
function walkTop(md: string, from: number, to: number, ctx: Scan, visit: (i: number) => boolean | void): void {
  for (let i = from; i < to; i++) {
    const skip = spanAt(ctx.layout.citationSkipped, i);
    if (skip) {
      i = skip.end - 1;
      continue;
    }
    if (md[i] === '[' && ctx.pairs.has(i)) {
      i = ctx.pairs.get(i)!;
      continue;
    }
    if (visit(i) === false) return;
  }
}

interface Scan {
  layout: MarkdownLayout;
  pairs: Map<number, number>;
}

/** Parses one `;`-separated part of a bracketed citation; undefined when it holds no key. */
function parseItem(md: string, from: number, to: number, ctx: Scan): CiteItem | undefined {
  let found: CiteItem | undefined;
  walkTop(md, from, to, ctx, (p) => {
    if (md[p] !== '@') return;
    // `-@key` suppresses the author when the dash stands alone; `see-@key` is an `@key` after a dash.
    const dash = p - 1 >= from && md[p - 1] === '-' && keyMayStart(md, p - 1, from);
    if (!dash && !keyMayStart(md, p, from)) return;
    const key = readKey(md, p + 1, to);
    if (!key) return;
    const read = readLocator(md, key.after, to);
    const span = trimmedSpan(md, from, to);
    found = {
      key: key.key,
      keyStart: key.start,
      keyEnd: key.end,
      prefix: md.slice(from, dash ? p - 1 : p).trim(),
      suffix: md.slice(read.next, to).trim(),
      locator: read.locator,
      otherLocator: read.other,
      ...(read.invalid ? { invalidLocator: read.invalid } : {}),
      suppressAuthor: dash,
      start: span.start,
      end: span.end,
    };
    return false;
  });
  return found;
}

/** Offsets of the `;` that separate items in [from, to); one inside a braced key (`@{k;1}`) does not. */
function separators(md: string, from: number, to: number, ctx: Scan): number[] {
  const out: number[] = [];
  let braced = -1;
  walkTop(md, from, to, ctx, (i) => {
    if (md[i] === '@' && md[i + 1] === '{' && i > braced) braced = readKey(md, i + 1, to)?.after ?? -1;
    if (md[i] === ';' && i >= braced) out.push(i);
  });
  return out;
}

/** The `;`-separated items in [from, to), or undefined unless every part holds a key (as pandoc's citation list). */
function parseItems(md: string, from: number, to: number, ctx: Scan): CiteItem[] | undefined {
  const items: CiteItem[] = [];
  for (const end of [...separators(md, from, to, ctx), to]) {
    const item = parseItem(md, from, end, ctx);
    if (!item) return undefined;
    items.push(item);
    from = end + 1;
  }
  return items;
}

/** The bracketed citation `[…]` from `open` to `close`, if the bracket holds one (every `;`-part has a key). */
function bracketed(md: string, open: number, close: number, ctx: Scan): Citation | undefined {
  // `![…]` is an image, `^[…]` an inline note, `[^…]` a note mark; `[…](`, `[…][`, `[…]{` a link or span.
  if (md[open - 1] === '!' || md[open - 1] === '^' || md[open + 1] === '^') return undefined;
  if (NOT_AFTER_CITATION.has(md[close + 1])) return undefined;
  const items = parseItems(md, open + 1, close, ctx);
  return items && { start: open, end: close + 1, inText: false, items };
}

/** Offset just past the key of `item` (and its closing brace). */
function afterKey(md: string, item: CiteItem): number {
  return md[item.keyStart - 1] === '{' ? item.keyEnd + 1 : item.keyEnd;
}

/** True when `at` is free for a citation: outside `c`, or in the suffix of one of its items (`[@a, see @b]`). */
function inSuffix(md: string, c: Citation | undefined, at: number): boolean {
  if (!c || at < c.start || at >= c.end) return true;
  let lo = 0;
  let hi = c.items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.items[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  const item = c.items[lo];
  return afterKey(md, item) <= at && at < item.end;
}

/** The innermost of the nested `open` citations (sorted by start) that still reach `at`; pops those that end before. */
function innermost(open: Citation[], at: number): Citation | undefined {
  while (open.length && open[open.length - 1].end <= at) open.pop();
  return open[open.length - 1];
}

/**
 * The in-text citation whose `@` is at `at`, with the bracket after it if pandoc reads one there: `@key [¶3]`, or
 * `@key [p. 3; @other]` (a suffix, then more items). A bracket that is a citation by itself (`@a [see @b]`) is left to
 * be one, and a link or note is no locator.
 */
function inText(md: string, at: number, block: Span, ctx: Scan): Citation | undefined {
  if (!keyMayStart(md, at, block.start)) return undefined;
  const key = readKey(md, at + 1, block.end);
  if (!key) return undefined;
  let end = key.after;
  let itemEnd = end;
  let read = readLocator(md, end, end);
  let suffix = '';
  let more: CiteItem[] = [];
  const gap = /^[ \t]*(?:\r?\n[ \t]*)?\[/.exec(md.slice(end, end + 40));
  const open = gap ? end + gap[0].length - 1 : -1;
  const close = gap ? (ctx.pairs.get(open) ?? -1) : -1;
  if (close >= 0 && md[open + 1] !== '^' && md[close + 1] !== '(' && md[close + 1] !== '[') {
    const cut = separators(md, open + 1, close, ctx)[0] ?? close;
    const rest = cut < close ? parseItems(md, cut + 1, close, ctx) : [];
    // Before `{` (a span) the bracket is the key's suffix even when it reads as a citation: `@a [@b]{.x}`.
    if (rest && (md[close + 1] === '{' || !parseItems(md, open + 1, close, ctx))) {
      read = readLocator(md, open + 1, cut);
      suffix = md.slice(read.next, cut).trim();
      more = rest;
      end = close + 1;
      itemEnd = rest.length ? Math.max(key.after, trimmedSpan(md, open + 1, cut).end) : end;
    }
  }
  const item: CiteItem = {
    key: key.key,
    keyStart: key.start,
    keyEnd: key.end,
    prefix: '',
    suffix,
    locator: read.locator,
    otherLocator: read.other,
    ...(read.invalid ? { invalidLocator: read.invalid } : {}),
    suppressAuthor: false,
    start: at,
    end: itemEnd,
  };
  return { start: at, end, inText: true, items: [item, ...more] };
}

/** A paragraph or list item opening with `(@label)`, `@label)` or `@label.`: an item of pandoc's example lists. */
const EXAMPLE = /^(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:\(@([\p{L}\p{N}_-]+)\)|@([\p{L}\p{N}_-]+)[.)])(?:[ \t]|$)/u;

/** Labels of pandoc example-list items; `@label` anywhere in the document then numbers the example, cites nothing. */
function exampleLabels(md: string, layout: MarkdownLayout): Set<string> {
  const labels = new Set<string>();
  for (const block of layout.blocks) {
    const line = block.kind === 'paragraph' ? md.slice(block.start, md.indexOf('\n', block.start) >>> 0) : '';
    const m = EXAMPLE.exec(line);
    if (m) labels.add(m[1] ?? m[2]);
  }
  return labels;
}

/**
 * Where a reference definition opening `block` ends, or -1. `[label]: destination` defines a link unless its label
 * reads as a citation (`[see @a]: …` cites `a` in pandoc); one whose label has a key but is no citation
 * (`[see @a;]:`) cites nothing, and pandoc takes the rest of its line (or the next line, when that is empty) as the
 * destination.
 */
function referenceDefinitionEnd(md: string, block: Span, ctx: Scan): number {
  // It may open a list item or a footnote's text: `- [label]: …`, `[^1]: [label]: …`.
  const lead = /^(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|\[\^[^\]\s]+\]:[ \t]*)*/.exec(md.slice(block.start, block.start + 100));
  const at = block.start + lead![0].length;
  const close = md[at] === '[' ? ctx.pairs.get(at) : undefined;
  if (close === undefined || md[close + 1] !== ':' || md[at + 1] === '^') return -1;
  if (parseItems(md, at + 1, close, ctx)) return -1;
  const eol = (from: number) => {
    const nl = md.indexOf('\n', from);
    return nl < 0 || nl > block.end ? block.end : nl;
  };
  let end = eol(close + 2);
  if (!md.slice(close + 2, end).trim() && end < block.end) end = eol(end + 1);
  // As pandoc: no definition when a title follows the destination, or a bracket (not a note mark) after the label.
  const rest = md.slice(close + 2, end);
  return /["'(]/.test(/^\s*\S*[ \t]*(\S?)/.exec(rest)![1]) || /\[(?!\^)/.test(rest) ? -1 : end;
}

/** Finds the citations in a document whose layout is known; see `parseCitations`. */
export function parseCitationsIn(md: string, layout: MarkdownLayout): Citation[] {
  const found: Citation[] = [];
  const examples = exampleLabels(md, layout);
  // The prose of each block (past a reference definition), and the notes referred to from prose.
  const read = layout.blocks.map((whole) => {
    const ctx: Scan = { layout, pairs: bracketPairs(md, whole, layout) };
    const defined = referenceDefinitionEnd(md, whole, ctx);
    return { ctx, block: defined < 0 ? whole : { ...whole, start: defined } };
  });
  const definitions = read.flatMap(({ block }, i) =>
    block === layout.blocks[i] ? [] : [{ ...layout.blocks[i], end: block.start }],
  );
  const referred = new Set<string>();
  for (const m of md.matchAll(/\[\^([^\][\s]+)\](?!:)/g)) {
    if (!spanAt(layout.citationSkipped, m.index) && !spanAt(definitions, m.index)) referred.add(m[1]);
  }
  for (const { ctx, block } of read) {
    // Pandoc drops a note no text refers to, citations and all.
    const note = /^\[\^([^\]\s]+)\]:/.exec(md.slice(block.start, block.start + 100));
    if (note && !referred.has(note[1])) continue;
    // Bracketed citations, in order of their `[`; one may stand in the suffix of another (`[@a, see [@b]](…)`).
    const brackets: Citation[] = [];
    let open: Citation[] = [];
    let nextAt = -1;
    for (let i = md.indexOf('[', block.start); i >= 0 && i < block.end; i = md.indexOf('[', i + 1)) {
      const close = ctx.pairs.get(i);
      if (nextAt < i && nextAt !== Infinity) nextAt = md.indexOf('@', i) < 0 ? Infinity : md.indexOf('@', i);
      if (close === undefined || nextAt > close || !inSuffix(md, innermost(open, i), i)) continue;
      const c = bracketed(md, i, close, ctx);
      if (c) (brackets.push(c), open.push(c));
    }
    // In-text citations: in prose, link text and notes, and in the suffix of a bracketed item (`[@a, see @b]`).
    const inBlock = [...brackets];
    open = [];
    let k = 0;
    let last: Citation | undefined;
    for (let i = md.indexOf('@', block.start); i >= 0 && i < block.end; i = md.indexOf('@', i + 1)) {
      while (k < brackets.length && brackets[k].start <= i) open.push(brackets[k++]);
      if (spanAt(layout.citationSkipped, i) || !inSuffix(md, innermost(open, i), i) || !inSuffix(md, last, i)) continue;
      const c = inText(md, i, block, ctx);
      // Its bracket may hold keys of its own items (passed over) or, in its suffix, further in-text citations.
      if (c && !examples.has(c.items[0].key)) (inBlock.push(c), (last = c), (i = c.items[0].keyEnd - 1));
    }
    for (const c of inBlock.sort((a, b) => a.start - b.start)) found.push(c); // no spread: blocks may hold 100k
  }
  return found;
}

/**
 * Finds pandoc citations in Markdown, in document order: bracketed (`[@key]`, `[see @a, ¶2; -@b, paras. 3-4]`) and
 * in-text (`@key`, `@key [¶3]`), as pandoc reads them. Code, comments, autolinks, link destinations, e-mail addresses
 * and `\@` are passed over.
 */
export function parseCitations(markdown: string): Citation[] {
  return parseCitationsIn(markdown, scanMarkdown(markdown));
}
