// Where the prose of a Markdown briefing is: its blocks, and the spans (code, comments, URLs…) that hold no citations or quotes.

/** A half-open range of document offsets. */
export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** A block of prose: a paragraph (list item, table row) or a heading. */
export interface Block extends Span {
  /** Headings hold citations but their quotes are not checked. */
  kind: 'paragraph' | 'heading';
}

/** What the citation and quote scanners need to know about a Markdown document. */
export interface MarkdownLayout {
  /** Prose blocks in document order; code blocks and front matter are not blocks. */
  blocks: Block[];
  /** Sorted, non-overlapping spans to pass over: front matter, code, comments, HTML tags, URLs, link destinations, escapes. */
  skipped: Span[];
  /**
   * The same spans without bare URLs: pandoc's Markdown does not link bare URLs, so `https://x.invalid/@name` cites
   * `name` there as it does in pandoc, while quotes still pass over the URL.
   */
  citationSkipped: Span[];
  /** Link texts (`[text](url)`), where an `@` names a handle, not a source. */
  linkTexts: Span[];
}

interface Line extends Span {
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const REF_DEF = /^ {0,3}\[(?!\^)([^\]]+)\]:[ \t]*\S/;
/** A reference definition whose label holds a key (`[see @a]: …`) is a citation to pandoc, not a definition. */
const LABEL_KEY = /(?:^|[^\p{L}\p{N}.])@[\p{L}\p{N}_{]/u;
const INDENTED = /^(?: {4}|\t)/;
const BLANK = /^[ \t]*(?:>[ \t]*)*$/;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
// An autolink's URI may hold a `<` (pandoc reads `<https://x.invalid/@a<b>` as one link).
/** `<scheme:`, the start of a URI autolink; its end is the next white space or `>` (see `autolinkEnd`). */
const SCHEME = /<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:/y;
const EMAIL_AUTOLINK = /<[^\s<>@]+@[^\s<>@]+>/y;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;
const URL = /(?:(?:https?|ftp):\/\/|www\.)[^\s<>]*[^\s<>.,;:!?'")\]]/iy;

function splitLines(md: string): Line[] {
  const lines: Line[] = [];
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(md))) {
    lines.push({ start: m.index, end: m.index + m[1].length, text: m[1] });
    if (!m[2]) break;
  }
  return lines;
}

/** Finds the line that closes a fence opened with `marker`, or the last line when it is never closed. */
function fenceEnd(lines: Line[], from: number, marker: string): number {
  const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  for (let j = from + 1; j < lines.length; j++) if (close.test(lines[j].text)) return j;
  return lines.length - 1;
}

/** Splits `md` into blocks and collects the spans that code, comments and front matter cover. */
function scanLines(md: string, skipped: Span[]): Block[] {
  const lines = splitLines(md);
  const blocks: Block[] = [];
  let i = 0;
  if (lines.length > 1 && /^---[ \t]*$/.test(lines[0].text)) {
    const j = lines.findIndex((l, k) => k > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l.text));
    if (j > 0) (skipped.push({ start: 0, end: lines[j].end }), (i = j + 1));
  }
  let cur: Block | undefined;
  let prevBlank = true;
  let inList = false;
  const close = () => {
    if (cur) blocks.push(cur);
    cur = undefined;
  };
  for (; i < lines.length; i++) {
    const { text, start, end } = lines[i];
    if (BLANK.test(text)) {
      close();
      prevBlank = true;
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence && !(fence[1][0] === '`' && text.slice(fence[0].length).includes('`'))) {
      close();
      const j = fenceEnd(lines, i, fence[1]);
      skipped.push({ start, end: lines[j].end });
      i = j;
      prevBlank = false;
      continue;
    }
    if (!cur && prevBlank && !inList && INDENTED.test(text)) {
      let last = i;
      for (let j = i + 1; j < lines.length && (BLANK.test(lines[j].text) || INDENTED.test(lines[j].text)); j++) {
        if (!BLANK.test(lines[j].text)) last = j;
      }
      skipped.push({ start, end: lines[last].end });
      i = last;
      prevBlank = false;
      continue;
    }
    const content = start + (text.length - text.trimStart().length);
    prevBlank = false;
    const def = cur ? null : REF_DEF.exec(text);
    if (def && !LABEL_KEY.test(def[1])) {
      skipped.push({ start, end });
      continue;
    }
    if (HEADING.test(text)) {
      close();
      blocks.push({ start: content, end, kind: 'heading' });
      continue;
    }
    if (cur && SETEXT.test(text)) {
      cur.kind = 'heading';
      close();
      continue;
    }
    if (RULE.test(text)) {
      close();
      continue;
    }
    if (LIST_ITEM.test(text)) (close(), (inList = true));
    else if (!cur && !/^\s/.test(text)) inList = false;
    if (/^\s*\|/.test(text)) {
      close();
      blocks.push({ start: content, end, kind: 'paragraph' });
      continue;
    }
    if (cur) cur.end = end;
    else cur = { start: content, end, kind: 'paragraph' };
  }
  close();
  return blocks;
}

function comments(md: string, fences: Span[]): Span[] {
  const out: Span[] = [];
  let i = md.indexOf('<!--');
  while (i >= 0) {
    const inFence = spanAt(fences, i);
    if (inFence) {
      i = md.indexOf('<!--', inFence.end);
      continue;
    }
    const close = md.indexOf('-->', i + 4);
    const end = close < 0 ? md.length : close + 3;
    out.push({ start: i, end });
    i = md.indexOf('<!--', end);
  }
  return out;
}

function runLength(md: string, i: number, ch: string): number {
  let n = 0;
  while (md[i + n] === ch) n++;
  return n;
}

/** The runs of backticks of one block: for each length, the offsets where runs of exactly that length start. */
function backtickRuns(md: string, block: Span): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let i = block.start; i < block.end;) {
    if (md[i] !== '`') {
      i++;
      continue;
    }
    const n = Math.min(runLength(md, i, '`'), block.end - i);
    const list = runs.get(n);
    if (list) list.push(i);
    else runs.set(n, [i]);
    i += n;
  }
  return runs;
}

/** Offset of the first run of exactly `n` backticks at or after `from` (runs from {@link backtickRuns}), or -1. */
function closingRun(runs: Map<number, number[]>, from: number, n: number): number {
  const list = runs.get(n) ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : -1;
}

/**
 * Matching brackets and parentheses of one block, found in one pass (a backslash escapes the next character): for
 * each `]` the offset of its `[`, for each `(` the offset of its `)`.
 */
function pairsIn(md: string, block: Span): { openerOf: Map<number, number>; closerOf: Map<number, number> } {
  const openerOf = new Map<number, number>();
  const closerOf = new Map<number, number>();
  const brackets: number[] = [];
  const parens: number[] = [];
  for (let i = block.start; i < block.end; i++) {
    const c = md[i];
    if (c === '\\') i++;
    else if (c === '[') brackets.push(i);
    else if (c === ']' && brackets.length) openerOf.set(i, brackets.pop()!);
    else if (c === '(') parens.push(i);
    else if (c === ')' && parens.length) closerOf.set(parens.pop()!, i);
  }
  return { openerOf, closerOf };
}

/**
 * End of the URI autolink `<scheme:…>` at `i`, or -1. The URI runs to the next white space or `>`, found once and
 * kept in `stop` for the next `<` of the block, so many `<a:` without a close cost linear time, not quadratic.
 */
function autolinkEnd(md: string, i: number, end: number, stop: { at: number }): number {
  const from = sticky(SCHEME, md, i);
  if (from < 0) return -1;
  if (stop.at < from) {
    stop.at = from;
    while (stop.at < end && md[stop.at] !== '>' && !/\s/.test(md[stop.at])) stop.at++;
  }
  return stop.at < end && md[stop.at] === '>' ? stop.at + 1 : -1;
}

function sticky(re: RegExp, md: string, i: number): number {
  re.lastIndex = i;
  return re.exec(md) ? re.lastIndex : -1;
}

/** Collects the inline spans of one block that hold no prose: code spans, tags, autolinks, URLs, link destinations, escapes. */
function scanInline(md: string, block: Span, notes: Span[], skipped: Span[], linkTexts: Span[], urls: Span[]): void {
  let pairs: ReturnType<typeof pairsIn> | undefined;
  let runs: Map<number, number[]> | undefined;
  const stop = { at: -1 };
  let i = block.start;
  while (i < block.end) {
    const note = spanAt(notes, i);
    if (note) {
      i = note.end;
      continue;
    }
    const c = md[i];
    let end = -1;
    if (c === '\\' && ESCAPABLE.test(md[i + 1] ?? '')) end = i + 2;
    else if (c === '`') {
      const n = runLength(md, i, '`');
      const close = closingRun((runs ??= backtickRuns(md, block)), i + n, n);
      if (close < 0) {
        i += n;
        continue;
      }
      end = close + n;
    } else if (c === '<') {
      end = Math.max(autolinkEnd(md, i, block.end, stop), sticky(EMAIL_AUTOLINK, md, i), sticky(TAG, md, i));
    } else if (c === ']' && md[i + 1] === '(') {
      pairs ??= pairsIn(md, block);
      const close = pairs.closerOf.get(i + 1);
      if (close !== undefined) {
        const open = pairs.openerOf.get(i);
        if (open !== undefined) linkTexts.push({ start: open, end: i + 1 });
        skipped.push({ start: i + 1, end: close + 1 });
        i = close + 1;
        continue;
      }
    } else if (/[hfw]/i.test(c) && !/[\p{L}\p{N}]/u.test(md[i - 1] ?? '')) {
      end = sticky(URL, md, i);
      if (end > i) {
        urls.push({ start: i, end: Math.min(end, block.end) });
        i = end;
        continue;
      }
    }
    if (end > i) {
      skipped.push({ start: i, end: Math.min(end, block.end) });
      i = end;
    } else i++;
  }
}

/** Sorts spans and joins those that overlap. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Reads the layout of a Markdown document. */
export function scanMarkdown(md: string): MarkdownLayout {
  const lineSkips: Span[] = [];
  const blocks = scanLines(md, lineSkips);
  const notes = comments(md, lineSkips);
  const inline: Span[] = [];
  const linkTexts: Span[] = [];
  const urls: Span[] = [];
  for (const b of blocks) scanInline(md, b, notes, inline, linkTexts, urls);
  const citationSkipped = mergeSpans([...lineSkips, ...notes, ...inline]);
  const skipped = mergeSpans([...citationSkipped, ...urls]);
  return { blocks, skipped, citationSkipped, linkTexts: mergeSpans(linkTexts) };
}

/** The span in sorted, non-overlapping `spans` that contains `offset`, if any. */
export function spanAt(spans: Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
