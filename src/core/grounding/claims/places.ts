// Countries behind place names: a country's own spellings, its demonyms (`Israeli`), its capital (`Tel Aviv` is not one,
// `New Delhi` is) and combining forms (`Indo-`), from the entity layer's gazetteer.
import countries from 'world-countries';
import { gazetteer } from '../../entities/gazetteer';
import { COMBINING_FORMS, keyOf } from '../../entities/lexicon';

/** What a place name says about a country. */
export interface PlaceRead {
  /** `country` (a name or demonym of one), `city` (a capital) or `region`. */
  kind: 'country' | 'city' | 'region';
  /** The country it names or is the capital of (canonical name), when known. */
  country?: string;
  /** Written as a demonym or combining form (`Israeli`, `Indo`). */
  demonym: boolean;
}

let capitals: Map<string, string> | undefined;

/** Capital (folded, `D.C.` dropped) to country name. */
function capitalMap(): Map<string, string> {
  if (capitals) return capitals;
  capitals = new Map();
  for (const c of countries) {
    for (const cap of c.capital ?? []) {
      // `Washington` for Washington, D.C.; `Delhi` for New Delhi.
      for (const form of [cap, cap.replace(/,?\s*D\.?\s?C\.?$/, ''), cap.replace(/^New /, '')]) {
        if (!capitals.has(keyOf(form))) capitals.set(keyOf(form), c.name.common);
      }
    }
  }
  return capitals;
}

/** Reads `phrase` as a place, or undefined when the gazetteer does not know it. */
export function placeOf(phrase: string): PlaceRead | undefined {
  const k = keyOf(phrase);
  const g = gazetteer();
  const entry = g.places.get(k);
  if (entry?.kind === 'country') return { kind: 'country', country: entry.name, demonym: false };
  const capitalOf = capitalMap().get(k);
  if (capitalOf) return { kind: 'city', country: capitalOf, demonym: false };
  if (entry) return { kind: entry.kind, demonym: false };
  const demonym = g.demonyms.get(k) ?? (COMBINING_FORMS[k] ? g.demonyms.get(COMBINING_FORMS[k]) : undefined);
  if (demonym) return { kind: 'country', country: demonym, demonym: true };
  return undefined;
}
