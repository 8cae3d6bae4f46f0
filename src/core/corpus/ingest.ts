// Turns one file's text into a source: title, date, dateline place and numbered paragraphs.
import { squeezeSpace } from '../text/normalize';
import { isDateLine, parseDate } from './dates';
import { readFrontMatter } from './frontMatter';
import type { SourceFormat } from '../formats/types';
import { isValidKey } from './keys';
import type { FrontMatter, Paragraph, Source, SourceWarning } from './types';

/** A source before its citation key is assigned by the corpus (which also says whether it is bundled). */
export interface ParsedSource extends Omit<Source, 'key' | 'bundled'> {
  /** The key the front matter asks for, if any. */
  requestedKey: string | null;
  /** Warnings worth showing the user (bad front matter, no paragraphs), each on its line of the file. */
  warnings: SourceWarning[];
  /** 0-based line of the front matter's `key:`, when there is one. */
  keyLine?: number;
  /** How the file was read (absent for Markdown and plain text). */
  format?: SourceFormat;
  /** PDF: number of pages. */
  pages?: number;
  /** Language of the page, when it says. */
  language?: string;
  /** When a web source was read, from front matter. */
  accessed?: string;
}

interface Line {
  text: string;
  start: number;
  end: number;
  index: number;
}

/** Share buttons, bylines of icon fonts and similar page chrome that scrapers keep. Every test is linear. */
const SHARE =
  /^(?:share(?: this(?: article| story)?)?|share on \w+|follow us(?: on \w+)?|advertisement|read more|tweet|print|email)\s*:?$/i;
const ICON = /^icon-[\w-]+$/i;
const NETWORK = /facebook|twitter|whatsapp|linkedin|telegram|email|x/iy;
const NETWORK_GAP = /\s*(?:[|·•]\s*)?/y;

/** `icon-share icon-print`: every word an icon-font class name. */
function isIconLine(t: string): boolean {
  return t.split(/\s/).every((w) => w === '' || ICON.test(w));
}

/** `Facebook | Twitter`, `facebook twitter email`: two or more network names, at most one `|`, `·` or `•` apart. */
function isNetworkLine(t: string): boolean {
  let names = 0;
  let i = 0;
  for (;;) {
    NETWORK.lastIndex = i;
    if (!NETWORK.exec(t)) return false;
    names++;
    if (NETWORK.lastIndex === t.length) return names > 1;
    NETWORK_GAP.lastIndex = NETWORK.lastIndex;
    NETWORK_GAP.exec(t);
    i = NETWORK_GAP.lastIndex;
  }
}

function isChrome(line: string): boolean {
  const t = line.trim();
  return t !== '' && ((/^icon-/i.test(t) && isIconLine(t)) || SHARE.test(t) || isNetworkLine(t));
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  const re = /([^\r\n]*)(?:\r\n|\r|\n|$)/g;
  re.lastIndex = from;
  let index = text.slice(0, from).split(/\r\n|\r|\n/).length - 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length > 0) {
    const content = m[1];
    lines.push({ text: content, start: m.index, end: m.index + content.length, index: index++ });
    if (re.lastIndex >= text.length) break;
  }
  return lines;
}

function isBlank(s: string): boolean {
  return /^[\s\u00a0\ufeff]*$/.test(s);
}

/** A short line with no sentence-final punctuation, as subheadings are. */
function looksLikeHeading(s: string): boolean {
  const t = s.trim();
  if (/^#{1,6}\s/.test(t)) return true;
  if (t.length > 90 || t.split(/\s+/).length > 12) return false;
  return !/[.!?:;,"'\u201d\u2019)]$/.test(t) && /^[\p{Lu}\d‘“'"]/u.test(t);
}

const DATELINE =
  /^\s*([\p{Lu}][\p{L}.'’-]*(?:[ \u00a0][\p{Lu}][\p{L}.'’-]*){0,2})[ \u00a0]*(?:\(([^)]{0,60})\))?[ \u00a0]*[:\u2014\u2013][ \u00a0]/u;

/** A dateline is at most three words and a 60-character date from the start; the pattern reads no further. */
const DATELINE_REACH = 160;

/** Finds a dateline (`ISLAMABAD:`, `Islamabad : `, `ISLAMABAD (Saturday, November 1, 2025):`). */
export function readDateline(paragraph: string): { place: string; date: string | null } | null {
  const m = DATELINE.exec(paragraph.slice(0, DATELINE_REACH));
  if (!m) return null;
  const place = m[1].trim();
  const caps = place === place.toUpperCase();
  if (!caps && !/:/.test(m[0])) return null;
  if (/^(?:However|But|And|Note|Update|Editor|Photo|Image|Source|Read|Also)$/i.test(place)) return null;
  const name = caps
    ? place.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())
    : place;
  return { place: name, date: m[2] ? parseDate(m[2]) : null };
}

/** Parses one source file. `uri` is kept as given; `markdown` selects Markdown paragraph rules. */
export function parseSource(uri: string, rawText: string): ParsedSource {
  const text = rawText;
  const fm = readFrontMatter(text);
  const warnings: SourceWarning[] = [...fm.warnings];
  const meta: FrontMatter = fm.data;
  if (meta.key !== undefined && !isValidKey(meta.key)) {
    warnings.push({
      line: fm.keyLine ?? 0,
      message:
        `key "${meta.key}" is not a valid citation key (letters, digits and _, no spaces; ` +
        'inner :.#$%&-+?<>~/ allowed); the key is made from the title instead',
    });
  }
  const markdown = /\.(md|markdown)$/i.test(uri);

  const lines = splitLines(text, fm.bodyStart).filter((l) => !isChrome(l.text));
  // Prose whose lines are not hard-wrapped (scraped articles) has one paragraph per line.
  const longest = lines.reduce((n, l) => Math.max(n, l.text.trim().length), 0);
  const linePerParagraph = !markdown && longest > 160;

  // Group lines into blocks.
  const blocks: Line[][] = [];
  let cur: Line[] = [];
  for (const l of lines) {
    if (isBlank(l.text)) {
      if (cur.length) (blocks.push(cur), (cur = []));
      continue;
    }
    const heading = markdown && /^#{1,6}\s/.test(l.text.trim());
    if (linePerParagraph || heading) {
      if (cur.length) (blocks.push(cur), (cur = []));
      blocks.push([l]);
    } else cur.push(l);
  }
  if (cur.length) blocks.push(cur);

  let title = meta.title ?? null;
  let date = meta.date ? (parseDate(meta.date) ?? null) : null;
  let place: string | null = null;
  const paragraphs: Paragraph[] = [];
  let section: string | undefined;
  let seenBody = false;

  for (const block of blocks) {
    const first = block[0];
    const last = block[block.length - 1];
    const joined = squeezeSpace(block.map((l) => l.text).join(' '));
    if (title === null) {
      title = joined.replace(/^#{1,6}\s+/, '');
      continue;
    }
    if (isDateLine(joined)) {
      date ??= parseDate(joined);
      continue;
    }
    if (looksLikeHeading(joined)) {
      if (seenBody || /^#/.test(joined)) section = joined.replace(/^#{1,6}\s+/, '');
      continue;
    }
    const start = first.start + (first.text.length - first.text.trimStart().length);
    const end = last.start + last.text.trimEnd().length;
    if (place === null && paragraphs.length < 2) {
      const dl = readDateline(joined);
      if (dl) {
        place = dl.place;
        date ??= dl.date;
      }
    }
    seenBody = true;
    paragraphs.push({
      n: paragraphs.length + 1,
      text: joined,
      start,
      end,
      line: first.index,
      ...(section ? { section } : {}),
    });
  }
  if (date === null) {
    // A date in the opening lines, when no line held it alone.
    const head = paragraphs
      .slice(0, 1)
      .map((p) => p.text.slice(0, 120))
      .join(' ');
    date = parseDate(head);
  }
  if (!paragraphs.length) warnings.push({ line: 0, message: 'no body paragraphs found' });

  return {
    uri,
    title: title ?? '',
    date,
    place,
    outlet: meta.outlet ?? null,
    url: meta.url ?? null,
    authors: meta.authors ?? [],
    paragraphs,
    text,
    requestedKey: meta.key ?? null,
    warnings,
    ...(meta.accessed ? { accessed: parseDate(meta.accessed) ?? meta.accessed } : {}),
    ...(fm.keyLine !== undefined ? { keyLine: fm.keyLine } : {}),
  };
}
