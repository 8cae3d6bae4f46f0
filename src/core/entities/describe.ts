// One-line descriptions taken from the sources: an appositive after the name (`Masood Khan, former
// ambassador of Pakistan to the United States,`), one before it, a defining sentence, else the title used.
import { textSlice, type Source } from '../corpus';
import { HONORIFICS, TITLE_HEADS, keyOf } from './lexicon';
import type { Cluster } from './resolve';

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

/** The source text around a mention (`text`, which starts at offset `at` of the source's text). */
function around(s: Source, f: { start: number; end: number }): { text: string; at: number } {
  const at = Math.max(0, f.start - BEFORE);
  return { text: textSlice(s, at, f.end + AFTER), at };
}

/** The description of a cluster, from its mentions in `sources`. */
export function describe(c: Cluster, sources: Map<string, Source>): string | null {
  const person = c.type === 'person';
  const ordered = [...c.found].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const f of ordered) {
    const s = sources.get(f.key);
    if (!s) continue;
    const { text, at } = around(s, f);
    const d =
      after(text, f.end - at, person) ??
      (person && f.name.includes(' ') && text[f.end - at] === ',' ? before(text, f.start - at) : null);
    if (d) return d;
  }
  if (!person) {
    for (const f of c.found) {
      const s = sources.get(f.key);
      if (!s) continue;
      const { text, at } = around(s, f);
      const d = defining(text, f.start - at, f.end - at);
      if (d) return d;
    }
    return null;
  }
  const titles = c.titles.filter((t) =>
    keyOf(t)
      .split(/\s+/)
      .some((w) => TITLE_HEADS.has(w) && !HONORIFICS.has(w)),
  );
  return titles.length ? clip(titles.sort((a, b) => b.length - a.length)[0]) : null;
}
