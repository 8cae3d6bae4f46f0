// Clusters candidate names into entities: full names and surnames of people (the nearest full mention
// wins, a title narrows the choice, a tie is reported), acronyms and their expansions, short forms of
// organisations, and gazetteer spellings of places.
import { couldBeSurname } from './classify';
import { HONORIFICS, TITLE_HEADS, keyOf } from './lexicon';
import type { WordStats } from './runs';
import type { Found } from './scan';
import { ownString } from '../text/own';
import { isWhiteSpace } from './tokens';
import type { EntityType, Mention } from './types';

/** An entity under construction. */
export interface Cluster {
  /** Canonical name. */
  name: string;
  /** Type. */
  type: EntityType;
  /** Candidates attributed to it. */
  found: Found[];
  /** Demonym candidates (countries only). */
  demonyms: Found[];
  /** Notes on doubtful attributions. */
  ambiguous: string[];
  /** Title phrases seen with its full name or surname. */
  titles: string[];
}

/** Folded name key; `X Ministry` and `Ministry of X` share one. */
export function nameKey(name: string): string {
  const k = keyOf(name);
  const m = /^(.+) ministry$/.exec(k);
  return m ? `ministry of ${m[1]}` : k;
}

const words = (s: string) => s.split(/\s+/);
const lastWord = (s: string) => {
  const w = words(s);
  return keyOf(w[w.length - 1]);
};

/** `words(s).length`, without making the words: one more than the runs of white space (names are read many times). */
export function wordCount(s: string): number {
  let n = 1;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isSpace = isWhiteSpace(c);
    if (isSpace && !space) n++;
    space = isSpace;
  }
  return n;
}

/** The mention a candidate makes. */
export function toMention(f: Found): Mention {
  // Its own copy of the name: a slice would keep the whole source text it was read from.
  const text = ownString(f.surface ?? f.name);
  return { key: f.key, uri: f.uri, paragraph: f.paragraph, start: f.start, end: f.end, text };
}

function titleHeads(title: string | undefined): string[] {
  return title
    ? words(keyOf(title))
        .flatMap((w) => w.split('-'))
        .filter((w) => TITLE_HEADS.has(w) && !HONORIFICS.has(w))
    : [];
}

/** Builds clusters from everything `scan` found. */
export function resolve(found: Found[], stats: WordStats): Cluster[] {
  const byKey = new Map<string, Cluster>();
  const demonyms = new Map<string, Found[]>();
  const get = (name: string, type: EntityType) => {
    const k = `${type}|${nameKey(name)}`;
    let c = byKey.get(k);
    if (!c) byKey.set(k, (c = { name, type, found: [], demonyms: [], ambiguous: [], titles: [] }));
    return c;
  };
  const rest: Found[] = [];
  for (const f of found) {
    if (f.demonymOf) {
      const list = demonyms.get(f.demonymOf);
      if (list) list.push(f);
      else demonyms.set(f.demonymOf, [f]);
    } else if (
      f.sentenceStart &&
      wordCount(f.name) === 1 &&
      f.strength < 2 &&
      !/^[\p{Lu}\d&]+$/u.test(f.name) &&
      !stats.midCaps.has(keyOf(f.name))
    )
      continue;
    else rest.push(f);
  }
  // Surnames that stand alone somewhere mark untyped plain names as people (`José Antonio Kast` ... `Kast`).
  const singles = new Set(rest.filter((f) => wordCount(f.name) === 1).map((f) => keyOf(f.name)));
  for (const f of rest) {
    const w = words(f.name);
    if (
      f.type === null &&
      w.length >= 2 &&
      w.length <= 4 &&
      !/^(?:of|in|from|to|across|near)$/.test(f.prev ?? '') &&
      singles.has(lastWord(f.name)) &&
      couldBeSurname(w[w.length - 1]) &&
      w.every((x) => /^\p{Lu}/u.test(x) || /^(?:de|del|da|van|von|bin|al)$/.test(x))
    ) {
      f.type = 'person';
      f.strength = 1;
    }
  }
  // People named in full.
  // Two forms can name one person only if their first and last words agree, so people are bucketed by those
  // (a linear scan over everyone named so far made a large corpus quadratic).
  const people: Cluster[] = [];
  const byEnds = new Map<string, Cluster[]>();
  const ends = (w: string[]) => `${w[0]}|${w[w.length - 1]}`;
  for (const f of rest) {
    if (f.type !== 'person' || wordCount(f.name) < 2) continue;
    const w = words(keyOf(f.name));
    const bucket = byEnds.get(ends(w)) ?? [];
    let c = bucket.find((p) => {
      const pw = words(keyOf(p.name));
      const [short, long] = pw.length <= w.length ? [pw, w] : [w, pw];
      return short.every((x) => long.includes(x));
    });
    if (!c) {
      people.push((c = get(f.name, 'person')));
      bucket.push(c);
      byEnds.set(ends(w), bucket);
    }
    if (wordCount(f.name) > wordCount(c.name)) c.name = f.name;
    c.found.push(f);
    if (f.title) c.titles.push(f.title);
  }
  // Surnames: the nearest full mention in the same source, narrowed by title; else a unique match in the corpus.
  // Indexes over the people: every last word they were written with (it grows as short forms join), and first names.
  const order = new Map(people.map((p, i) => [p, i] as const));
  const bySurname = new Map<string, Set<Cluster>>();
  const addSurname = (k: string, p: Cluster) => bySurname.set(k, (bySurname.get(k) ?? new Set()).add(p));
  for (const p of people) for (const m of p.found) addSurname(lastWord(m.name), p);
  const byFirst = new Map<string, Cluster[]>();
  for (const p of people) {
    const k = keyOf(words(p.name)[0]);
    const list = byFirst.get(k);
    if (list) list.push(p);
    else byFirst.set(k, [p]);
  }
  // Each person's mentions of more than one word, by source (they do not change below: only surnames join).
  const fullIn = new Map<Cluster, Map<string, Found[]>>();
  for (const p of people) {
    const bySource = new Map<string, Found[]>();
    for (const m of p.found) {
      if (wordCount(m.name) < 2) continue;
      const list = bySource.get(m.key);
      if (list) list.push(m);
      else bySource.set(m.key, [m]);
    }
    fullIn.set(p, bySource);
  }
  const fullMentions = (p: Cluster, key: string) => fullIn.get(p)?.get(key) ?? [];
  for (const f of rest) {
    if (wordCount(f.name) !== 1 || (f.type !== null && f.type !== 'person' && f.strength >= 2)) continue;
    const k = keyOf(f.name);
    let cands = [...(bySurname.get(k) ?? [])].sort((a, b) => order.get(a)! - order.get(b)!);
    // Some people are referred to by their first name (`Tedros`): only within the source naming them in full.
    if (!cands.length && !f.title)
      cands = (byFirst.get(k) ?? []).filter((p) => fullMentions(p, f.key).some((m) => wordCount(m.name) > 2));
    if (!cands.length) {
      if (f.type === 'person') {
        const c = get(f.name, 'person');
        c.found.push(f);
        if (f.title) c.titles.push(f.title);
        f.type = null;
        f.strength = -1;
      }
      continue;
    }
    const heads = titleHeads(f.title);
    if (heads.length) {
      const fit = cands.filter((p) => p.titles.some((t) => titleHeads(t).some((h) => heads.includes(h))));
      if (fit.length) cands = fit;
    }
    const inSource = cands.filter((p) => fullMentions(p, f.key).length > 0);
    let pick: Cluster | undefined;
    if (inSource.length === 1) pick = inSource[0];
    else if (inSource.length > 1) {
      const dist = (p: Cluster) =>
        Math.min(...fullMentions(p, f.key).map((m) => (m.end <= f.start ? f.start - m.end : 2 * (m.start - f.end))));
      const sorted = inSource.map((p) => [dist(p), p] as const).sort((a, b) => a[0] - b[0]);
      if (sorted[0][0] < sorted[1][0]) pick = sorted[0][1];
    } else if (cands.length === 1) pick = cands[0];
    if (pick) {
      pick.found.push(f);
      addSurname(k, pick);
      if (f.title) pick.titles.push(f.title);
    } else {
      const c = get(f.name, 'person');
      c.found.push(f);
      const names = (inSource.length ? inSource : cands).map((p) => p.name);
      c.ambiguous.push(
        `"${f.name}" in @${f.key} ¶${f.paragraph} may be ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`,
      );
    }
    f.strength = -1;
  }
  // Everything else, keyed by canonical name; acronyms join their expansions.
  const acronyms = new Map<string, string>();
  for (const f of rest) if (f.expansionOf) acronyms.set(keyOf(f.name), f.expansionOf);
  // An acronym never spelled out is still the one multi-word name whose initials it is (`WHO`).
  const initials = (s: string) =>
    words(s)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0])
      .join('');
  const long = [
    ...new Set(
      rest.filter((f) => f.type !== 'person' && f.type !== 'place' && wordCount(f.name) > 1).map((f) => f.name),
    ),
  ];
  const byInitials = new Map<string, string[]>();
  for (const n of long) byInitials.set(initials(n), [...(byInitials.get(initials(n)) ?? []), n]);
  for (const f of rest) {
    if (!/^\p{Lu}{2,6}$/u.test(f.name) || acronyms.has(keyOf(f.name)) || f.canonical) continue;
    const hits = byInitials.get(f.name) ?? [];
    if (new Set(hits.map(keyOf)).size === 1) acronyms.set(keyOf(f.name), hits[0]);
  }
  const pending = new Map<string, Found[]>();
  for (const f of rest) {
    if (f.strength === -1 || (f.type === 'person' && wordCount(f.name) > 1)) continue;
    const canonical = f.canonical ?? acronyms.get(keyOf(f.name)) ?? f.name;
    const k = nameKey(canonical);
    const list = pending.get(k);
    if (list) list.push(f);
    else pending.set(k, [f]);
  }
  for (const group of pending.values()) {
    const typed = group.filter((f) => f.type !== null);
    let type: EntityType | null = null;
    const score = new Map<EntityType, number>();
    for (const f of typed) score.set(f.type!, (score.get(f.type!) ?? 0) + 1 + f.strength * 2);
    for (const [t, s] of score) if (type === null || s > score.get(type)!) type = t;
    const canonical = group[0].canonical ?? acronyms.get(keyOf(group[0].name)) ?? group[0].name;
    if (type === null) {
      const mid = group.some((f) => !f.sentenceStart);
      if (wordCount(canonical) > 1 && (mid || !stats.lower.has(keyOf(words(canonical)[0])))) type = 'organization';
      else if (mid && group.length >= 2 && !stats.lower.has(keyOf(canonical))) type = 'organization';
      else continue;
    }
    const c = get(canonical, type);
    for (const f of group) c.found.push(f);
  }
  for (const [country, list] of demonyms) {
    const c = get(country, 'place');
    for (const f of list) c.demonyms.push(f);
  }
  return mergeShortForms([...byKey.values()].filter((c) => c.found.length || c.demonyms.length));
}

/** `Joint Working Group` is `India-Israel Joint Working Group`; `Nordlicht` is `Nordlicht Semiconductors`. */
function mergeShortForms(clusters: Cluster[]): Cluster[] {
  const orgs = clusters.filter((c) => c.type !== 'person' && c.type !== 'place');
  // Organisations by every word-final part of their key (`group`, `joint working group`) and by their first word, so a
  // short form finds the longer names it may stand for without reading them all.
  const bySuffix = new Map<string, Cluster[]>();
  const byFirstWord = new Map<string, Cluster[]>();
  const add = (map: Map<string, Cluster[]>, k: string, o: Cluster) => {
    const list = map.get(k);
    if (list) list.push(o);
    else map.set(k, [o]);
  };
  for (const o of orgs) {
    const k = keyOf(o.name);
    for (let i = k.indexOf(' '); i >= 0; i = k.indexOf(' ', i + 1)) add(bySuffix, k.slice(i + 1), o);
    if (o.type === 'organization' && k.includes(' ')) add(byFirstWord, k.slice(0, k.indexOf(' ')), o);
  }
  const gone = new Set<Cluster>();
  for (const c of clusters) {
    const weakPlace = c.type === 'place' && c.found.every((f) => f.strength <= 1 && !f.canonical);
    if (c.type === 'person' || (c.type === 'place' && !weakPlace) || c.found.length === 0) continue;
    const k = keyOf(c.name);
    const longer = new Set(
      [...(bySuffix.get(k) ?? []), ...(wordCount(k) === 1 ? (byFirstWord.get(k) ?? []) : [])].filter(
        (o) => o !== c && !gone.has(o),
      ),
    );
    if (longer.size !== 1) continue;
    const [into] = longer;
    for (const f of c.found) into.found.push(f);
    gone.add(c);
  }
  return clusters.filter((c) => !gone.has(c));
}
