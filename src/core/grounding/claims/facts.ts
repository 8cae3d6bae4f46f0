// The checkable facts of a text: numbers, dates and date parts, and proper names (known entities, gazetteer places,
// and capitalised names nobody knows), each with its offsets and the words around it.
import type { Entity, EntityType, TextMatch } from '../../entities';
import {
  AGREEMENT_HEADS,
  CALENDAR,
  COMPASS,
  EVENT_HEADS,
  EVENT_OPENERS,
  FUNCTION_WORDS,
  HONORIFICS,
  NON_ENTITY_ACRONYMS,
  ORG_HEADS,
  ORG_OPENERS,
  PLACE_PREPOSITIONS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from '../../entities/lexicon';
import { placeOf, type PlaceRead } from './places';
import { MONTHS, WEEKDAYS, currencyBefore, percentAfter, phraseKey, readNumber, type Word } from './words';

/** What kind of fact: a number, a date part, or a name (an entity type, or `name` for an unknown one). */
export type FactKind = 'number' | 'year' | 'month' | 'day' | 'weekday' | EntityType | 'name';

/** One checkable fact. */
export interface Fact {
  /** Its kind. */
  kind: FactKind;
  /** Offset of its first character. */
  start: number;
  /** Offset just past it. */
  end: number;
  /** As written (a day fact: the day or days only, `22-23`). */
  text: string;
  /** number, year: the value; month: 1-12; weekday: 0-6. */
  value?: number;
  /** day: the days of the month named. */
  days?: number[];
  /** day: the month the days belong to. */
  month?: number;
  /** A known entity. */
  entity?: Entity;
  /** What the gazetteer says of a place name. */
  place?: PlaceRead;
  /** Folded words (` a b `) of a name, for lookups. */
  phrase: string;
  /** Folded word before it (`the`/`a` skipped), for choosing among candidates. */
  left: string;
  /** Folded word before `left`. */
  left2: string;
  /** Folded word after it. */
  right: string;
  /** Preceded by `in`, `at`, `near`…: a place named literally, not as a metonym (`Islamabad's reaction`). */
  literalPlace: boolean;
  /** A number in words. */
  spelled?: boolean;
  /** An ordinal in words (`second`), which only an ordinal matches. */
  ordinalWord?: boolean;
  /** An organisation named with generic words only (`Foreign Office`): checked only against the passage's own. */
  generic?: boolean;
}

/** Capitalised words that are titles, heads of organisation names or function words, never a fact on their own. */
const GENERIC = new Set([
  ...FUNCTION_WORDS,
  ...TITLE_HEADS,
  ...TITLE_MODIFIERS,
  ...HONORIFICS,
  ...ORG_HEADS,
  ...AGREEMENT_HEADS,
  ...EVENT_HEADS,
  ...EVENT_OPENERS,
  ...CALENDAR,
  ...NON_ENTITY_ACRONYMS,
]);
const CONNECTORS = new Set(['of', 'the', 'for', 'and']);
const LITERAL = new Set([...PLACE_PREPOSITIONS, 'at']);
const DAY_SEPARATORS = new Set(['-', '\u2013', 'to', 'and']);
/** Month abbreviations and month names that are also common words: months only next to a day or a year. */
const SHY_MONTHS = new Set([
  'may',
  'march',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** The day of a month written at word `i` (`22`, `22nd`), or undefined. */
function dayAt(ws: Word[], i: number): number | undefined {
  const w = ws[i];
  if (!w?.word) return undefined;
  const m = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(w.text);
  const d = m ? Number(m[1]) : NaN;
  return d >= 1 && d <= 31 ? d : undefined;
}

function isYear(ws: Word[], i: number): boolean {
  return /^\d{4}$/.test(ws[i]?.text ?? '') && Number(ws[i].text) >= 1800 && Number(ws[i].text) <= 2100;
}

/** Reads the facts of `ws` (the words of `text`, whose first character is at `base`); `matches` are entity names. */
export function factsOf(text: string, base: number, ws: Word[], matches: TextMatch[] = []): Fact[] {
  const used = new Array<boolean>(ws.length).fill(false);
  const facts: Fact[] = [];
  const slice = (a: number, b: number) => text.slice(ws[a].start - base, ws[b].end - base);
  const add = (kind: FactKind, a: number, b: number, extra: Partial<Fact> = {}) => {
    for (let k = a; k <= b; k++) used[k] = true;
    let l = a - 1;
    while (l >= 0 && (!ws[l].word || ws[l].key === 'the' || ws[l].key === 'a' || ws[l].key === 'an')) l--;
    let l2 = l - 1;
    while (l2 >= 0 && !ws[l2].word) l2--;
    let r = b + 1;
    while (r < ws.length && !ws[r].word) r++;
    const written = slice(a, b);
    facts.push({
      kind,
      start: ws[a].start,
      end: ws[b].end,
      text: written,
      phrase: phraseKey(written),
      left: ws[l]?.key ?? '',
      left2: ws[l2]?.key ?? '',
      right: ws[r]?.key ?? '',
      literalPlace: LITERAL.has(ws[a - 1]?.key ?? ''),
      ...extra,
    });
  };

  // Dates: a month with the days before or after it, then weekdays.
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (!w.word || !w.cap || !(w.key in MONTHS || w.key in WEEKDAYS)) continue;
    if (w.key in WEEKDAYS) {
      add('weekday', i, i, { value: WEEKDAYS[w.key] });
      continue;
    }
    const month = MONTHS[w.key];
    let after = i + 1;
    if (ws[after]?.text === '.' && ws[after].joined) after++;
    const days: Array<[number, number]> = []; // [word index, day]
    const d1 = dayAt(ws, after);
    if (d1 !== undefined && !isYear(ws, after)) {
      days.push([after, d1]);
      const d2 = DAY_SEPARATORS.has(ws[after + 1]?.key ?? '') ? dayAt(ws, after + 2) : undefined;
      if (d2 !== undefined) days.push([after + 2, d2]);
    } else {
      let k = i - 1;
      if (ws[k]?.key === 'of') k--;
      const last = dayAt(ws, k);
      if (last !== undefined) {
        const first = DAY_SEPARATORS.has(ws[k - 1]?.key ?? '') ? dayAt(ws, k - 2) : undefined;
        if (first !== undefined) days.push([k - 2, first]);
        days.push([k, last]);
      }
    }
    if (SHY_MONTHS.has(w.key) && !days.length && !isYear(ws, after)) continue;
    add('month', i, i, { value: month });
    if (days.length) add('day', days[0][0], days[days.length - 1][0], { days: days.map((d) => d[1]), month });
  }

  // Names the entity index knows.
  for (const m of matches) {
    let a = ws.findIndex((w) => w.start >= m.start && w.word);
    let b = a;
    while (b + 1 < ws.length && ws[b + 1].end <= m.end) b++;
    if (a < 0 || ws[a].start >= m.end || used.slice(a, b + 1).some(Boolean)) continue;
    // `East Asia` is not `Asia`: a capitalised compass word before a name makes another name.
    const compass = ws[a - 1]?.cap && COMPASS.has(ws[a - 1].key) && !used[a - 1] && !ws[a - 1].sentenceStart;
    if (compass) {
      a--;
      const place = placeOf(slice(a, b));
      add(place ? 'place' : 'name', a, b, place ? { place } : {});
      continue;
    }
    const generic = ws.slice(a, b + 1).every((w) => !w.word || GENERIC.has(w.key) || CONNECTORS.has(w.key));
    const entity = m.ambiguous ? undefined : m.entity;
    if (generic) {
      if (isOrgName(a, b)) add('organization', a, b, { generic: true, ...(entity ? { entity } : {}) });
      for (let k = a; k <= b; k++) used[k] = true;
      continue;
    }
    // A person's titles are not the name (`Indian Defence Minister Rajnath Singh` names Rajnath Singh).
    if (entity?.type === 'person') {
      const own = new Set(phraseKey(entity.name).trim().split(' '));
      while (a < b && !own.has(ws[a].key)) used[a++] = true;
    }
    const kind: FactKind = m.ambiguous ? 'name' : m.entity.type;
    const place = kind === 'place' ? (placeOf(slice(a, b)) ?? placeOf(m.entity.name)) : undefined;
    add(kind, a, b, { ...(entity ? { entity } : {}), ...(place ? { place } : {}) });
  }

  // Other capitalised names: runs of capitalised words, split at titles and heads, places read from the gazetteer.
  for (let i = 0; i < ws.length; i++) {
    if (used[i] || !ws[i].word || !ws[i].cap || readNumber(ws, i)) continue;
    const run: number[] = [i];
    let j = i;
    while (!ws[j].possessive) {
      const n = ws[j + 1];
      if (
        n &&
        !used[j + 1] &&
        n.text === '-' &&
        n.joined &&
        ws[j + 2]?.joined &&
        ws[j + 2].word &&
        !used[j + 2] &&
        (ws[j + 2].cap || /^\d/.test(ws[j + 2].text))
      ) {
        run.push(j + 2);
        j += 2;
      } else if (n?.word && n.cap && !used[j + 1] && !n.joined) {
        run.push(j + 1);
        j += 1;
      } else if (
        n?.word &&
        CONNECTORS.has(n.key) &&
        ws[j + 2]?.word &&
        ws[j + 2].cap &&
        !used[j + 2] &&
        n.key !== 'and'
      ) {
        run.push(j + 2);
        j += 2;
      } else break;
    }
    for (let k = i; k <= j; k++) used[k] = true;
    i = j;
    readRun(run);
  }

  /** Capitalised generic words that make an organisation's name (`Interior Ministry`, `Ministry of Defence`). */
  function isOrgName(a: number, b: number): boolean {
    const words = ws.slice(a, b + 1).filter((w) => w.word && !CONNECTORS.has(w.key));
    return (
      words.length >= 2 &&
      words.every((w) => w.cap) &&
      (ORG_HEADS.has(words[words.length - 1].key) || ORG_OPENERS.has(words[0].key))
    );
  }

  function readRun(run: number[]): void {
    if (run.every((k) => GENERIC.has(ws[k].key)) && isOrgName(run[0], run[run.length - 1])) {
      add('organization', run[0], run[run.length - 1], { generic: true });
      return;
    }
    let unknown: number[] = [];
    const flush = () => {
      const parts = unknown;
      unknown = [];
      if (!parts.length) return;
      const words = parts.map((k) => ws[k]);
      if (words.every((w) => COMPASS.has(w.key) || w.text.length < 2 || /^\d/.test(w.text))) return;
      // A capitalised word that only starts the sentence (`Analysts`, `Observers`) is the writer's, not a fact.
      if (words[0].sentenceStart) parts.shift();
      if (!parts.length) return;
      // `in Tel Aviv`: a name after a place preposition is a place the gazetteer does not hold.
      add(LITERAL.has(ws[parts[0] - 1]?.key ?? '') ? 'place' : 'name', parts[0], parts[parts.length - 1]);
    };
    for (let s = 0; s < run.length; s++) {
      const w = ws[run[s]];
      // The longest gazetteer place starting here (`Saudi Arabia`, `Kuala Lumpur`, `New Delhi`).
      let found = 0;
      let place: PlaceRead | undefined;
      for (let len = Math.min(4, run.length - s); len >= 1 && !found; len--) {
        place = placeOf(slice(run[s], run[s + len - 1]));
        if (place) found = len;
      }
      if (!found && GENERIC.has(w.key) && !/^\d/.test(w.text)) {
        flush();
        continue;
      }
      if (found) {
        flush();
        add('place', run[s], run[s + found - 1], { place });
        s += found - 1;
      } else unknown.push(run[s]);
    }
    flush();
  }

  // Numbers not part of a date or a name.
  for (let i = 0; i < ws.length; i++) {
    if (used[i]) continue;
    const n = readNumber(ws, i);
    if (!n) continue;
    // `one` alone is an article more often than a count (`one of the`, `one day`).
    const hyphened = ws[n.to]?.text === '-' && ws[n.to].joined;
    if (n.spelled && n.value === 1 && n.to === i + 1 && !hyphened) continue;
    // `the two countries`, `the three sides`: pointing back at parties already named, not a count to check.
    if (n.spelled && n.value <= 3 && ws[i - 1]?.key === 'the' && /^\p{Ll}+s$/u.test(ws[n.to]?.text ?? '')) continue;
    const year = !n.spelled && isYear(ws, i) && !percentAfter(ws, n.to) && !currencyBefore(ws, i);
    add(year ? 'year' : 'number', i, n.to - 1, {
      value: n.value,
      spelled: n.spelled,
      ordinalWord: n.ordinal && n.spelled,
    });
    i = n.to - 1;
  }
  return facts.sort((a, b) => a.start - b.start);
}
