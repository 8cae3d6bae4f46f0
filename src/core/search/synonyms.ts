// Other names for what a query names: entity aliases (MoU / Memorandum of Understanding) and, from the
// gazetteer, a country's capital and demonyms (Saudi Arabia / Riyadh / Saudi).
import { gazetteer } from '../entities/gazetteer';
import { keyOf } from '../entities/lexicon';
import { searchFold } from './fold';
import { isStopWord } from './stopWords';
import { words } from './tokenize';

/** Another name for a run of query words. */
export interface AltName {
  /** As the sources or the gazetteer write it (`Riyadh`). */
  label: string;
  /** Its folded words that carry meaning. */
  words: string[];
  /** How close a stand-in it is: an alias or a country's own name more than a capital or demonym. */
  quality: number;
}

/** A run of query words `[start, end)` (positions in the list given to `find`) and its other names. */
export interface AltSpan {
  start: number;
  end: number;
  alts: AltName[];
}

/** Longest alias looked up, in words. */
const MAX_SPAN = 6;
/** Most other names taken for one run. */
const MAX_ALTS = 8;

function content(s: string): string[] {
  return words(searchFold(s)).filter((w) => !isStopWord(w));
}

/** Quality of an entity alias or another name of the same country; of a capital or demonym. */
const SAME_THING = 0.95;
const RELATED = 0.85;

function altName(label: string, quality: number): AltName {
  return { label, words: content(label), quality };
}

/** Alias groups from the entity index plus the gazetteer's country forms. */
export class Synonyms {
  #aliases = new Map<string, string[]>();

  /** Replaces the alias groups (each: a name and its aliases). */
  setAliases(groups: string[][]): void {
    this.#aliases.clear();
    for (const group of groups) {
      const forms = [...new Set(group)];
      for (const f of forms) {
        const k = content(f).join(' ');
        if (!k || this.#aliases.has(k)) continue;
        this.#aliases.set(
          k,
          forms.filter((o) => content(o).join(' ') !== k),
        );
      }
    }
  }

  /** Runs of `query` (folded words; `stop` marks stop words) that have other names, longest first, left to right. */
  find(query: string[], stop: boolean[]): AltSpan[] {
    const out: AltSpan[] = [];
    const places = gazetteer().related;
    for (let i = 0; i < query.length;) {
      let found = 0;
      for (let n = Math.min(MAX_SPAN, query.length - i); n >= 1 && !found; n--) {
        if (stop[i] || stop[i + n - 1]) continue;
        const key = query.slice(i, i + n).join(' ');
        const gaz = gazetteer().places;
        const names = [
          ...(this.#aliases.get(key) ?? []).map((l) => altName(l, SAME_THING)),
          ...(places.get(key) ?? []).map((l) =>
            altName(l, gaz.get(keyOf(l))?.kind === 'country' ? SAME_THING : RELATED),
          ),
        ];
        const own = new Set(query.slice(i, i + n));
        const alts = names.filter((a) => a.words.length && !a.words.every((w) => own.has(w)));
        if (!alts.length) continue;
        out.push({ start: i, end: i + n, alts: alts.slice(0, MAX_ALTS) });
        found = n;
      }
      i += found || 1;
    }
    return out;
  }
}
