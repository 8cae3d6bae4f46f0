// What a cited paragraph offers a claim: its folded words, numbers, date parts, countries and facts (kept per
// paragraph and entity index, computed once).
import type { Paragraph, Source } from '../../corpus/types';
import type { EntityIndex } from '../../entities';
import type { Passage } from '../passages';
import { factsOf, type Fact } from './facts';
import { phraseKey, readNumber, wordsOf } from './words';

/** A paragraph read for claim checking. */
export interface PassageFacts {
  /** The source. */
  source: Source;
  /** The paragraph. */
  paragraph: Paragraph;
  /** Its words folded, ` a b c `. */
  phrase: string;
  /** Every number written in it (years included, `one` too). */
  numbers: Set<number>;
  /** Every ordinal written in it (`first`, `22nd`). */
  ordinals: Set<number>;
  /** Months named. */
  months: Set<number>;
  /** Days with their month, `7-22`. */
  days: Set<string>;
  /** Weekdays named. */
  weekdays: Set<number>;
  /** Countries named, by name, demonym, capital or through a place entity. */
  countries: Set<string>;
  /** Its facts, for naming what it has instead. */
  facts: Fact[];
}

const cache = new WeakMap<Paragraph, Map<EntityIndex | undefined, PassageFacts>>();

/** The facts of one cited paragraph. */
export function passageFacts(passage: Passage, entities: EntityIndex | undefined): PassageFacts {
  const { source, paragraph } = passage;
  let byIndex = cache.get(paragraph);
  if (!byIndex) cache.set(paragraph, (byIndex = new Map()));
  let p = byIndex.get(entities);
  if (p) return p;
  const text = paragraph.text;
  const ws = wordsOf(text);
  const facts = factsOf(text, 0, ws, entities?.mentionsIn(text) ?? []);
  const numbers = new Set<number>();
  const ordinals = new Set<number>();
  for (let i = 0; i < ws.length; i++) {
    const n = readNumber(ws, i);
    if (n) numbers.add(n.value);
    if (n?.ordinal) ordinals.add(n.value);
  }
  p = {
    source,
    paragraph,
    phrase: phraseKey(text),
    numbers,
    ordinals,
    facts,
    months: new Set(facts.filter((f) => f.kind === 'month').map((f) => f.value!)),
    days: new Set(facts.filter((f) => f.kind === 'day').flatMap((f) => f.days!.map((d) => `${f.month}-${d}`))),
    weekdays: new Set(facts.filter((f) => f.kind === 'weekday').map((f) => f.value!)),
    countries: new Set(facts.map((f) => f.place?.country).filter((c): c is string => !!c)),
  };
  byIndex.set(entities, p);
  return p;
}
