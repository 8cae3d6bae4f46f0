// Reads every paragraph of every source and returns candidate names with their places:
// word statistics first, then runs, segments and classification, acronyms in brackets,
// coordinated names, datelines and attacks named by place or date.
import type { Source } from '../corpus';
import { classify, type Candidate } from './classify';
import { gazetteer } from './gazetteer';
import { CALENDAR, keyOf } from './lexicon';
import { findRuns, segmentRun, type WordStats } from './runs';
import { TokenPool, tokenize, type Token } from './tokens';
import type { EntityType } from './types';

/** A candidate with the source and paragraph it was found in. */
export interface Found extends Candidate {
  /** Citation key of the source. */
  key: string;
  /** URI of the source. */
  uri: string;
  /** Paragraph number. */
  paragraph: number;
  /** The words as written, when `name` is a canonical form (`October 7 attacks`). */
  surface?: string;
  /** The lower-case word just before the name, if any. */
  prev?: string;
  /** For an acronym in brackets after a name (`(SMDA)`), that name. */
  expansionOf?: string;
}

/**
 * `f` with every field of a candidate in one order, those it lacks undefined: all candidates share one shape with their
 * fields inside the object (fields added one by one after creation make a second block per candidate: 334k at 10,000
 * sources), which the clustering reads faster.
 */
export function settled(f: Found): Found {
  return {
    name: f.name,
    type: f.type,
    strength: f.strength,
    start: f.start,
    end: f.end,
    sentenceStart: f.sentenceStart,
    key: f.key,
    uri: f.uri,
    paragraph: f.paragraph,
    prev: f.prev,
    surface: f.surface,
    title: f.title,
    canonical: f.canonical,
    demonymOf: f.demonymOf,
    expansionOf: f.expansionOf,
  };
}

/** One tokenised paragraph of a source. */
export interface Para {
  source: Source;
  n: number;
  tokens: Token[];
}

/**
 * Every paragraph of `sources`, tokenised one at a time (tokens of a whole corpus are never held at once). A
 * paragraph's tokens may be valid only until the next paragraph is read (see {@link TokenPool}).
 */
export function* paragraphs(sources: Source[], read: ReadParagraph): Generator<Para> {
  for (const s of sources)
    for (const p of s.paragraphs) yield { source: s, n: p.n, tokens: read(s.text.slice(p.start, p.end), p.start) };
}

/** Tokenises one paragraph (`text`, first character at file offset `base`). */
export type ReadParagraph = (text: string, base: number) => Token[];

/** Word statistics over tokenised paragraphs. */
export function wordStats(paras: Iterable<{ tokens: Token[] }>): WordStats {
  const raw = rawStats();
  for (const { tokens } of paras) addWordStats(raw, tokens);
  return foldStats(raw);
}

/** Word statistics as written: each distinct spelling is folded once at the end, not every time it is read. */
export type RawStats = { lower: Set<string>; midCaps: Set<string>; standalone: Set<string> };

export const rawStats = (): RawStats => ({ lower: new Set(), midCaps: new Set(), standalone: new Set() });

function foldStats(raw: RawStats): RawStats {
  const fold = (set: Set<string>) => {
    const out = new Set<string>();
    for (const w of set) out.add(keyOf(w));
    return out;
  };
  return { lower: fold(raw.lower), midCaps: fold(raw.midCaps), standalone: fold(raw.standalone) };
}

export function addWordStats(stats: RawStats, tokens: Token[]): void {
  for (const t of tokens) {
    if (!t.word) continue;
    const c = t.text.charCodeAt(0);
    if (c < 128 ? c >= 97 && c <= 122 : /^\p{Ll}/u.test(t.text)) stats.lower.add(t.text);
    else if (t.cap && !t.sentenceStart) stats.midCaps.add(t.text);
  }
  for (const run of findRuns(tokens))
    if (!run[run.length - 1].possessive || run.length > 1) stats.standalone.add(run[run.length - 1].text);
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const PLACE = String.raw`\p{Lu}[\p{L}\p{M}-]+(?:\s\p{Lu}[\p{L}\p{M}-]+)?`;
const WHAT = 'attacks?|bombings?|massacre|earthquake|blast|explosion';
/** Every match of {@link HEAD} contains one of these (its `WHAT` words, case and all). */
const ATTACK_WORDS = ['attack', 'bombing', 'massacre', 'earthquake', 'blast', 'explosion'];
const HEAD = new RegExp(String.raw`(?<!\p{L})(${WHAT})\s+(?:in|on|at)\s+(${PLACE})`, 'gu');
const DATE = new RegExp(`\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*\\d{4})?,?\\s+`, 'gu');
/** At most two lower-case words between a date and the attack (`October 7 terror attacks`). */
const FILLER = /^(?:[a-z-]+\s+(?:[a-z-]+\s+)?)?$/;
/** How far before the attack word a date is looked for. */
const DATE_REACH = 120;

/** The date (month and day) that stands just before offset `at`, with at most two lower-case words between. */
function dateBefore(text: string, from: number, at: number): { month: string; day: string; start: number } | undefined {
  DATE.lastIndex = Math.max(from, at - DATE_REACH);
  for (let m = DATE.exec(text); m && m.index < at; m = DATE.exec(text)) {
    const end = m.index + m[0].length;
    if (end <= at && FILLER.test(text.slice(end, at))) return { month: m[1], day: m[2], start: m.index };
  }
  return undefined;
}

/**
 * Attacks and disasters named by a town (`Pahalgam attack`) or by a date (`October 7 attacks`). The attack word is
 * found first and the date looked for just before it, so a long paragraph is read in one pass.
 */
function attacks(p: Para): Found[] {
  const out: Found[] = [];
  const text = p.source.text.slice(p.source.paragraphs[p.n - 1].start, p.source.paragraphs[p.n - 1].end);
  const base = p.source.paragraphs[p.n - 1].start;
  // Most paragraphs name no attack: a plain look for the words first (the pattern needs one of them).
  if (!ATTACK_WORDS.some((w) => text.includes(w))) return out;
  let prevEnd = 0;
  for (const m of text.matchAll(HEAD)) {
    const [, head, where] = m;
    const date = dateBefore(text, prevEnd, m.index);
    const place = gazetteer().places.get(keyOf(where));
    const singular = head.replace(/s$/, '');
    let name: string;
    if (place?.kind === 'country' || place?.kind === 'region') {
      if (!date) continue;
      name = `${date.month} ${date.day} ${head}`;
    } else name = `${where} ${singular}`;
    const startAt = date ? date.start : m.index;
    const end = m.index + m[0].length;
    prevEnd = end;
    const surface = text.slice(startAt, end).replace(/\s+/g, ' ');
    out.push({
      name,
      surface,
      type: 'event',
      strength: 3,
      start: base + startAt,
      end: base + end,
      sentenceStart: false,
      key: p.source.key,
      uri: p.source.uri,
      paragraph: p.n,
    });
  }
  return out;
}

/** The token starting at `offset`, else the first ending after it, else -1 (tokens are in order and never overlap). */
function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo < tokens.length ? lo : -1;
}

/** The first token starting at or after `offset`, else -1 (as `findIndex` would say, by binary search). */
function firstFrom(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].start >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo < tokens.length ? lo : -1;
}

/** Paragraphs read between two pauses of {@link scanInSteps}. */
export const STEP = 200;

/** Finds candidate names in all sources (`read`: how paragraphs are tokenised; tests pass the reference). */
export function scan(sources: Source[], read?: ReadParagraph): { found: Found[]; stats: WordStats } {
  return finish(scanInSteps(sources, read));
}

/** Runs `steps` to their end without pausing, for hosts that never pause; their result. */
export function finish<T>(steps: Generator<unknown, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** The same work as {@link scan}, pausing (`yield`) every few hundred paragraphs so a host can let others run. */
export function* scanInSteps(
  sources: Source[],
  read?: ReadParagraph,
): Generator<void, { found: Found[]; stats: WordStats }> {
  // Two passes over the paragraphs (statistics, then names), tokenising each time: re-reading is cheaper than holding
  // every token of a large corpus in memory.
  const raw = rawStats();
  // Nothing below keeps a token past its paragraph (candidates copy offsets and strings): one pool per scan.
  const pool = new TokenPool();
  read ??= (text, base) => tokenize(text, base, pool);
  let i = 0;
  for (const p of paragraphs(sources, read)) {
    if (++i % STEP === 0) yield;
    addWordStats(raw, p.tokens);
  }
  yield;
  const stats = foldStats(raw);
  const found: Found[] = [];
  i = 0;
  for (const p of paragraphs(sources, read)) {
    if (++i % STEP === 0) yield;
    namesIn(p, stats, found);
  }
  return { found, stats };
}

/** Pass 2 over one paragraph: the names it holds, added to `found` (`stats`: the corpus's word statistics). */
export function namesIn(p: Para, stats: WordStats, found: Found[]): void {
  // Names found in this paragraph, with the indexes of their first token and of their segment's last token.
  const here: Found[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  const tokens = p.tokens;
  const indexAt = (offset: number) => tokenAt(tokens, offset);
  for (const run of findRuns(tokens, stats)) {
    for (const seg of segmentRun(run, stats)) {
      const at = indexAt(seg[0].start);
      const endAt = indexAt(seg[seg.length - 1].start);
      for (const c of classify(seg, tokens, at, stats)) {
        const first = indexAt(c.start);
        const prev = tokens[first - 1];
        const name =
          c.demonymOf || c.name.includes(' ') ? p.source.text.slice(c.start, c.end).replace(/\s+/g, ' ') : c.name;
        // `c` is new from classify: completed in place rather than copied.
        const f = c as Found;
        f.name = name;
        f.key = p.source.key;
        f.uri = p.source.uri;
        f.paragraph = p.n;
        if (prev?.word && !prev.cap) f.prev = prev.text;
        here.push(f);
        firsts.push(first);
        lasts.push(endAt);
      }
    }
  }
  // The dateline (`ISLAMABAD:`) names the place the source reports from.
  const place = p.source.place;
  if (p.n === 1 && place && here[0] && keyOf(here[0].name) === keyOf(place)) {
    const g = gazetteer().places.get(keyOf(place));
    Object.assign(here[0], { type: 'place', strength: 3, canonical: g?.name ?? place });
  }
  for (let i = 0; i < here.length; i++) {
    const c = here[i];
    // `Strategic Military Defence Agreement (SMDA)`: the acronym names the same thing.
    const prev = here[i - 1];
    if (
      prev &&
      tokens[firsts[i] - 1]?.text === '(' &&
      tokens[firsts[i] - 2]?.end === prev.end &&
      tokens[lasts[i] + 1]?.text === ')' &&
      (/^\p{Lu}[\p{L}\d&]+$/u.test(c.name) ||
        (/^(?:\p{Lu}[\p{L}\d&-]* ){1,2}\p{Lu}[\p{L}\d&]+$/u.test(c.name) && /\p{Lu}{2}/u.test(c.name))) &&
      c.name.length <= 14
    ) {
      c.expansionOf = prev.canonical ?? prev.name;
      c.type = prev.type;
      c.strength = prev.strength;
      if (c.demonymOf) delete c.demonymOf;
    }
  }
  // `Palestine or Kashmir`, `Bosch, NXP and Infineon`: coordinated names share a type.
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < here.length; i++) {
      const c = here[i];
      if (c.type !== null || c.demonymOf) continue;
      for (const j of [i - 1, i + 1]) {
        const o = here[j];
        if (!o || o.type === null || o.demonymOf || o.type === 'person') continue;
        const [a, b] = j < i ? [o, c] : [c, o];
        const between = tokens
          .slice(firstFrom(tokens, a.end), firstFrom(tokens, b.start))
          .map((t) => t.text)
          .join(' ');
        if (/^(?:,|and|or|, and|, or)$/.test(between)) {
          c.type = o.type as EntityType;
          c.strength = 1;
          break;
        }
      }
    }
  }
  for (const f of here) if (!CALENDAR.has(keyOf(f.name))) found.push(settled(f));
  for (const f of attacks(p)) found.push(settled(f));
}
