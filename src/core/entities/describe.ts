// One-line descriptions taken from the sources: an appositive after the name (`Masood Khan, former
// ambassador of Pakistan to the United States,`), one before it, a defining sentence, else the title used.
import { forEachText, type Source } from '../corpus';
import { HONORIFICS, TITLE_HEADS, keyOf } from './lexicon';
import type { Cluster } from './resolve';
import type { Found } from './scan';
import { isWhiteSpace, spaces } from './tokens';

const MAX = 200;

function clip(s: string): string {
  const t = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,;:]$/, '');
  if (t.length <= MAX) return t;
  return t.slice(0, t.lastIndexOf(' ', MAX - 1)) + '…';
}

const hasTitleWord = (s: string) =>
  keyOf(s)
    .split(/[\s-]+/)
    .some((w) => TITLE_HEADS.has(w) && !HONORIFICS.has(w)) ||
  /\b(?:maker|firm|company|group|bloc|body|agency|leader|member|head|chief|official|partner|organisation|organization|alliance|operator|producer|supplier|party)\b/i.test(
    s,
  );

/** After the name: `, a Munich-based maker of power chips,` or `, Director General of Israel's Ministry of Defense,`. */
function after(text: string, end: number, person: boolean): string | null {
  const m = /^\)?,\s+((?:a|an|the|former|then|now)\b[^,;.()“”"]{3,220}|[^,;.()“”"]{3,220})(?=,|\.(?:\s|$)|;)/u.exec(
    text.slice(end, end + 240),
  );
  if (!m) return null;
  const phrase = m[1].trim();
  if (/^(?:who|which|where|when|while|and|or|but|said|says|the two|it|he|she|they)\b/i.test(phrase)) return null;
  if (/^(?:a|an|the)\s+(?:day|week|month|year|few|number|lot|series|time|move|step)\b/i.test(phrase)) return null;
  if (/\b(?:after|before|during|since)\b/i.test(phrase)) return null;
  const first = phrase.split(/\s+/)[0];
  const lowerStart = /^\p{Ll}/u.test(first) || /['’]s$/.test(first);
  const titled = hasTitleWord(phrase);
  if (person ? !titled : !(/^(?:a|an|the)\s|^\p{Lu}[\p{L}-]*['’]s\s/u.test(phrase) && phrase.split(/\s+/).length >= 3))
    return null;
  if (!lowerStart && !titled) return null;
  return clip(phrase);
}

/** Before the name: `Brazil's ambassador in Pretoria, Ana Vieira,`. */
function before(text: string, start: number): string | null {
  const m = /(?:^|[.;:]\s+|,\s+)([^,.;:()]{3,100}),\s*$/u.exec(text.slice(Math.max(0, start - 120), start));
  if (!m) return null;
  const phrase = m[1].trim();
  if (
    !hasTitleWord(phrase) ||
    /\b(?:said|says|and|or|met|with)\b/.test(phrase) ||
    /^(?:its|his|her|their|our)\b/i.test(phrase)
  )
    return null;
  return clip(phrase);
}

/** `Operation Rising Lion was launched by Israel against Iran ...`: the rest of a defining sentence. */
function defining(text: string, start: number, end: number): string | null {
  const lead = text.slice(Math.max(0, start - 3), start);
  if (start > 0 && !/(?:^|[.!?]\s+|^\s*)$/.test(lead) && !/\n\s*$/.test(lead)) return null;
  const m =
    /^\s+(?:is|was|are|were)\s+((?:a|an|the|launched|founded|set up|signed|created|formed|based)\b[^.]{8,240})\./.exec(
      text.slice(end, end + 260),
    );
  return m ? clip(m[1]) : null;
}

/** What `after`, `before` and `defining` read of a source around a name: at most 120 characters before it, 260 after. */
const BEFORE = 120;
const AFTER = 260;

/** Sources read between two pauses of {@link readDescriptions}. */
const SOURCE_STEP = 500;

const COPULAS = ['is', 'was', 'are', 'were'];

/**
 * Whether `after`, `before` or `defining` may find something at `end` of `text`: a comma, `),`, or `is`, `was`, `are`,
 * `were` after white space (within the characters they read), then white space.
 */
function mayDescribe(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 44) return true;
  if (c === 41) return text.charCodeAt(end + 1) === 44;
  let i = end;
  const limit = Math.min(text.length, end + AFTER);
  while (i < limit && isWhiteSpace(text.charCodeAt(i))) i++;
  if (i === end) return false;
  for (const w of COPULAS) if (text.startsWith(w, i) && isWhiteSpace(text.charCodeAt(i + w.length))) return true;
  return false;
}

/**
 * The descriptions the sources give of `clusters` (see {@link describe}), read source by source in `sources`' order: a
 * pass over the texts (see `forEachText`) instead of a read per mention, 57,700 of them over 10,000 saved texts.
 *
 * A cluster's description is what its first mention gives, its mentions taken longest name first: an appositive after
 * the name (or, for a person named in full, a title phrase before it); else, for anything but a person, the first
 * defining sentence in the order they were found. A mention is looked at only if it could come before the best found so
 * far, and only if a comma, `),` or a copula follows it (nothing else can give one).
 */
export function* readDescriptions(
  clusters: ReadonlyArray<Cluster | undefined>,
  sources: Source[],
): Generator<void, Array<string | null>> {
  // Every mention (by number): its candidate, its cluster, its rank among the cluster's mentions (most spaces first,
  // else in their order: a stable counting sort) and its place in them.
  let total = 0;
  for (const c of clusters) total += c?.found.length ?? 0;
  const found = new Array<Found>(total);
  const of = new Int32Array(total);
  const rank = new Int32Array(total);
  const place = new Int32Array(total);
  const gaps = new Int32Array(total);
  const counts: number[] = [];
  let m = 0;
  clusters.forEach((c, ci) => {
    if (!c) return;
    const list = c.found;
    let most = 0;
    for (let i = 0; i < list.length; i++) most = Math.max(most, (gaps[m + i] = spaces(list[i].name)));
    counts.length = most + 1;
    counts.fill(0);
    for (let i = 0; i < list.length; i++) counts[gaps[m + i]]++;
    for (let g = most, before = 0; g >= 0; g--) {
      const n = counts[g];
      counts[g] = before;
      before += n;
    }
    for (let i = 0; i < list.length; i++, m++) {
      found[m] = list[i];
      of[m] = ci;
      place[m] = i;
      rank[m] = counts[gaps[m]]++;
    }
  });
  // The mentions of each source key, one after another (`at[k]` to `at[k + 1]`).
  const keys = new Map<string, number>();
  for (const f of found) if (!keys.has(f.key)) keys.set(f.key, keys.size);
  const at = new Int32Array(keys.size + 1);
  for (const f of found) at[keys.get(f.key)! + 1]++;
  for (let k = 0; k < keys.size; k++) at[k + 1] += at[k];
  const next = at.slice(0, keys.size);
  const bySource = new Int32Array(total);
  for (let i = 0; i < total; i++) bySource[next[keys.get(found[i].key)!]++] = i;
  const n = clusters.length;
  const bestRank = new Array<number>(n).fill(Infinity);
  const bestPlace = new Array<number>(n).fill(Infinity);
  const after_ = new Array<string | null>(n).fill(null);
  const defining_ = new Array<string | null>(n).fill(null);
  const note = (text: string, s: Source) => {
    const k = keys.get(s.key)!;
    for (let i = at[k]; i < at[k + 1]; i++) {
      const m = bySource[i];
      const c = of[m];
      const person = clusters[c]!.type === 'person';
      const tryAfter = rank[m] < bestRank[c];
      const tryDefining = !person && place[m] < bestPlace[c];
      if (!tryAfter && !tryDefining) continue;
      const f = found[m];
      if (!mayDescribe(text, f.end)) continue;
      // The text around the mention that `after`, `before` and `defining` read (from `from` in the source's text).
      const from = Math.max(0, f.start - BEFORE);
      const around = text.slice(from, f.end + AFTER);
      const end = f.end - from;
      if (tryAfter) {
        const d =
          after(around, end, person) ??
          (person && f.name.includes(' ') && around[end] === ',' ? before(around, f.start - from) : null);
        if (d) {
          bestRank[c] = rank[m];
          after_[c] = d;
        }
      }
      if (tryDefining) {
        const d = defining(around, f.start - from, end);
        if (d) {
          bestPlace[c] = place[m];
          defining_[c] = d;
        }
      }
    }
  };
  // A key names one source (the last with it in `sources`, should two have the same).
  const named = new Map(sources.map((s) => [s.key, s]));
  const read = sources.filter((s) => keys.has(s.key) && named.get(s.key) === s);
  for (let i = 0; i < read.length; i += SOURCE_STEP) {
    if (i) yield;
    forEachText(read.slice(i, i + SOURCE_STEP), note);
  }
  return clusters.map((c, i) => after_[i] ?? (c && c.type !== 'person' ? defining_[i] : null));
}

/**
 * The description of a cluster: what its sources give (`fromText`, see {@link readDescriptions}), else for a person
 * the longest title written with the name.
 */
export function describe(c: Cluster, fromText: string | null): string | null {
  if (fromText || c.type !== 'person') return fromText;
  const titles = c.titles.filter((t) =>
    keyOf(t)
      .split(/\s+/)
      .some((w) => TITLE_HEADS.has(w) && !HONORIFICS.has(w)),
  );
  return titles.length ? clip(titles.sort((a, b) => b.length - a.length)[0]) : null;
}
