// Decides what one segment of capitalised words names: strips titles and demonyms, then reads the
// gazetteers, head words, model numbers and the words around it.
import { gazetteer } from './gazetteer';
import {
  AGREEMENT_HEADS,
  COMBINING_FORMS,
  COMPASS,
  CUE_AFTER,
  EVENT_HEADS,
  EVENT_OPENERS,
  FUNCTION_WORDS,
  NON_ENTITY_ACRONYMS,
  ORG_HEADS,
  ORG_OPENERS,
  PLACE_HEADS,
  PLACE_PREPOSITIONS,
  REGIONS,
  SPEECH_VERBS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  keyOf,
} from './lexicon';
import type { WordStats } from './runs';
import type { Token } from './tokens';
import type { EntityType } from './types';

/** A name found in a paragraph, before mentions are clustered into entities. */
export interface Candidate {
  /** The name as written, without title or demonym (`Amir Baram`). */
  name: string;
  /** What it names, or null when nothing said. */
  type: EntityType | null;
  /** How sure the type is: 3 gazetteer or head word, 2 title or model number, 1 context cue. */
  strength: number;
  /** For a demonym (`Indian`): the country's canonical name; the candidate is then no entity of its own. */
  demonymOf?: string;
  /** Canonical name from a gazetteer (`United States` for `US`). */
  canonical?: string;
  /** Title phrase written before a person's name (`Indian Defence Secretary`). */
  title?: string;
  /** File offsets of the name. */
  start: number;
  end: number;
  /** First word opens a sentence. */
  sentenceStart: boolean;
}

const low = (t: Token) => t.text.toLowerCase();
const join = (seg: Token[]) => seg.map((t) => t.text).join(' ');

function make(seg: Token[], type: EntityType | null, strength: number, extra: Partial<Candidate> = {}): Candidate {
  return {
    name: join(seg),
    type,
    strength,
    start: seg[0].start,
    end: seg[seg.length - 1].end,
    sentenceStart: seg[0].sentenceStart,
    ...extra,
  };
}

/** The country a demonym (or compound of demonyms, `Indo-Israeli`) points to. */
export function demonymCountries(word: string): string[] {
  const g = gazetteer();
  const whole = g.demonyms.get(keyOf(word));
  if (whole) return [whole];
  const parts = keyOf(word).split('-');
  if (parts.length < 2) return [];
  const out: string[] = [];
  for (const p of parts) {
    const d = g.demonyms.get(p) ?? (COMBINING_FORMS[p] !== undefined ? g.demonyms.get(COMBINING_FORMS[p]) : undefined);
    if (d) out.push(d);
    else if (COMBINING_FORMS[p] === undefined) return [];
  }
  return out;
}

/** Model designations: `Barak-8`, `F-35A`, `PAC-3`, `M142`, `K2`; `I2U2` and `G20` are groupings. */
function modelType(t: Token): EntityType | null {
  if (!t.model) return null;
  if (/^\p{Lu}\d+$/u.test(t.text) && /^[GE]\d/.test(t.text)) return 'group';
  if (/^(?:\p{Lu}\d){2,}$/u.test(t.text)) return 'group';
  return 'weapon_system';
}

/** The type that lower-case words right after the segment suggest, skipping coordinated names. */
function cueAfter(tokens: Token[], after: number): EntityType | null {
  let i = after;
  for (let n = 0; n < 12 && i < tokens.length; n++, i++) {
    const t = tokens[i];
    if (!t.word) {
      if (t.text === ',') continue;
      return null;
    }
    if (t.cap || t.text === 'and' || t.text === 'or') continue;
    let j = i;
    for (let k = 0; k < 3 && j < tokens.length && tokens[j].word && !tokens[j].cap; k++, j++) {
      const w = low(tokens[j]);
      const cue = CUE_AFTER[w];
      if (cue) return cue as EntityType;
      if (
        FUNCTION_WORDS.has(w) ||
        SPEECH_VERBS.has(w) ||
        /(?:ed|es)$/.test(w) ||
        /^(?:is|was|are|were|has|have|had|will|would|can|could|may|might|must|should)$/.test(w)
      )
        return null;
    }
    return null;
  }
  return null;
}

/** True when a title and `of` come shortly before token `at` (`Minister of Industry and Trade ...`). */
function afterTitleOf(tokens: Token[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(1, at - 8); i--) {
    if (!tokens[i].word) return false;
    if (tokens[i].text === 'of' && TITLE_HEADS.has(low(tokens[i - 1]))) return true;
  }
  return false;
}

/** Looks for a title at the start of the segment; returns the title length, or 0. */
function titleLength(seg: Token[]): number {
  const g = gazetteer();
  let lastHead = -1;
  for (let i = 0; i < seg.length; i++) {
    const k = low(seg[i]);
    const parts = k.split('-');
    if (
      TITLE_HEADS.has(k) ||
      (parts.every((p) => TITLE_HEADS.has(p) || TITLE_MODIFIERS.has(p)) && parts.some((p) => TITLE_HEADS.has(p)))
    )
      lastHead = i;
    else if (
      TITLE_MODIFIERS.has(k) ||
      (i === 0 && (g.demonyms.has(keyOf(seg[i].text)) || (seg[i].acronym && g.places.has(keyOf(seg[i].text)))))
    )
      continue;
    else break;
  }
  return lastHead + 1;
}

/** Classifies one segment; may return several candidates (`Indian` + `Narendra Modi`), or none. */
export function classify(seg: Token[], tokens: Token[], at: number, stats: WordStats): Candidate[] {
  const g = gazetteer();
  const out: Candidate[] = [];
  const after = at + seg.length;
  // A sentence-initial common word before a name (`Terming India`).
  if (seg.length > 1 && seg[0].sentenceStart && !g.places.has(keyOf(join(seg)))) {
    const k = keyOf(seg[0].text);
    const known =
      g.places.has(k) ||
      g.demonyms.has(k) ||
      g.firstNames.has(k) ||
      TITLE_HEADS.has(k) ||
      TITLE_MODIFIERS.has(k) ||
      ORG_OPENERS.has(k) ||
      EVENT_OPENERS.has(k);
    const restKnown = seg.length === 2 && (seg[1].acronym || g.places.has(keyOf(seg[1].text)));
    if (!known && !seg[0].acronym && (stats.lower.has(k) || /(?:ing|ly|ed)$/.test(k) || restKnown)) seg = seg.slice(1);
  }
  // `Israeli-origin`, `China-led`, `Munich-based`: keep the name part.
  let suffixCue: EntityType | null = null;
  if (seg.length === 1) {
    const m = /^(\p{Lu}[\p{L}\p{M}]*)[-\u2010\u2011](\p{Ll}+)$/u.exec(seg[0].text);
    if (m) {
      seg = [{ ...seg[0], text: m[1], end: seg[0].start + m[1].length }];
      if (m[2] === 'based') suffixCue = 'place';
    }
  }
  const whole = keyOf(join(seg));
  if (seg.length === 1 && ((FUNCTION_WORDS.has(whole) && !seg[0].acronym) || NON_ENTITY_ACRONYMS.has(whole)))
    return out;
  // `South Asian`, `Middle Eastern`: adjectives of regions.
  if (seg.length > 1 && COMPASS.has(keyOf(seg[0].text)) && /(?:ern|an|ese)$/.test(whole)) return out;
  const dem = demonymCountries(join(seg));
  if (dem.length) return dem.map((c) => make(seg, 'place', 3, { demonymOf: c }));
  const place = g.places.get(whole);
  if (place) return [make(seg, 'place', 3, { canonical: place.name })];
  // Demonym or country before a title or a ministry: `Indian Prime Minister ...`, `Israeli Defence Ministry`.
  const first = keyOf(seg[0].text);
  const firstDem = seg.length > 1 ? demonymCountries(seg[0].text) : [];
  const firstPlace = seg.length > 1 && seg[0].acronym ? g.places.get(first) : undefined;
  const tl = titleLength(seg);
  const rest = seg.slice(tl);
  const restHasHead = rest.some((t) => ORG_HEADS.has(low(t)) || AGREEMENT_HEADS.has(low(t)) || EVENT_HEADS.has(low(t)));
  if (tl > 0 && rest.length && !restHasHead && !rest.some((t) => t.model || (t.acronym && rest.length === 1))) {
    if (firstDem.length) out.push(make([seg[0]], 'place', 3, { demonymOf: firstDem[0] }));
    else if (firstPlace) out.push(make([seg[0]], 'place', 3, { canonical: firstPlace.name }));
    out.push(make(rest, 'person', 2, { title: join(seg.slice(0, tl)) }));
    return out;
  }
  if (tl > 0 && !rest.length) return out;
  if (tl === 0 && seg.length >= 3 && TITLE_MODIFIERS.has(low(seg[0])) && afterTitleOf(tokens, at)) {
    let i = 0;
    while (i < seg.length - 2 && TITLE_MODIFIERS.has(low(seg[i]))) i++;
    return [make(seg.slice(i), 'person', 2)];
  }
  if (
    firstDem.length &&
    /^(?:ministry|department|office|government|embassy|defence|foreign|interior)$/.test(low(seg[1]))
  ) {
    out.push(make([seg[0]], 'place', 3, { demonymOf: firstDem[0] }));
    seg = seg.slice(1);
  } else if (seg.length > 1 && seg[0].acronym && !firstPlace && titleLength(seg.slice(1)) > 0) {
    // `NATO Secretary General Mark Rutte`
    out.push(make([seg[0]], 'organization', 2));
    return [...out, ...classify(seg.slice(1), tokens, at + 1, stats)];
  }
  out.push(typeOf(seg, tokens, at, after, suffixCue));
  return out;
}

function typeOf(seg: Token[], tokens: Token[], at: number, after: number, suffixCue: EntityType | null): Candidate {
  const g = gazetteer();
  const words = seg.map(low);
  const lastRaw = words[words.length - 1].split('-')[0];
  const last =
    ORG_HEADS.has(lastRaw) || !ORG_HEADS.has(lastRaw.replace(/s$/, '')) ? lastRaw : lastRaw.replace(/s$/, '');
  const firstW = words[0];
  if (EVENT_OPENERS.has(firstW) && seg.length > 1) return make(seg, 'event', 3);
  for (const t of seg) {
    const m = modelType(t);
    if (m) return make(seg, cueAfter(tokens, after) === 'weapon_system' ? 'weapon_system' : m, 2);
  }
  if (AGREEMENT_HEADS.has(last) && seg.length > 1) return make(seg, 'agreement', 3);
  if (EVENT_HEADS.has(last) && seg.length > 1) return make(seg, 'event', 3);
  const opened = words.some((w, i) => ORG_OPENERS.has(w) && (words[i + 1] === 'of' || words[i + 1] === 'for'));
  if (
    (ORG_HEADS.has(last) && (seg.length > 1 || /^(?:parliament|congress|senate|cabinet|knesset)$/.test(last))) ||
    opened
  ) {
    return make(seg, 'organization', 3);
  }
  if (PLACE_HEADS.has(last) && seg.length > 1) return make(seg, 'place', 3);
  if (seg.length > 1 && COMPASS.has(firstW)) {
    const restK = keyOf(
      seg
        .slice(1)
        .map((t) => t.text)
        .join(' '),
    );
    if (g.places.get(restK)?.kind === 'region' || REGIONS.has(restK) || /^(?:east|west)$/.test(restK))
      return make(seg, 'place', 3);
  }
  if (seg.length === 1 && REGIONS.has(firstW.split('-').pop()!)) return make(seg, 'place', 2);
  const before = tokens[at - 1];
  const cueBefore =
    before?.word && !before.cap && CUE_AFTER[low(before)] === 'weapon_system' && !/s$/.test(before.text)
      ? 'weapon_system'
      : null;
  let cue = suffixCue ?? cueBefore ?? cueAfter(tokens, after);
  if (cue === 'event' && seg.length === 1 && seg[0].acronym) cue = null;
  if (cue && cue !== 'person') return make(seg, cue, 1);
  const prev = tokens[at - 1];
  const plain = seg.every(
    (t) => /^\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?$/u.test(t.text) || PARTICLE_RE.test(t.text),
  );
  const next = tokens[after];
  const next2 = tokens[after + 1];
  const speaks = next?.word && SPEECH_VERBS.has(next.text);
  const appositive =
    next?.text === ',' &&
    next2 &&
    (TITLE_HEADS.has(low(next2)) ||
      (/^(?:a|an|the|former|then)$/.test(next2.text) && TITLE_HEADS.has(low(tokens[after + 2] ?? next2))));
  if (prev?.word && !prev.cap && PLACE_PREPOSITIONS.has(prev.text) && seg.length <= 3 && plain)
    return make(seg, 'place', 1);
  if (plain && seg.length >= 2 && seg.length <= 4 && (g.firstNames.has(keyOf(seg[0].text)) || speaks || appositive))
    return make(seg, 'person', 2);
  if (seg.length === 1 && seg[0].acronym) return make(seg, 'organization', 1);
  if (speaks && plain) return make(seg, 'person', 1);
  return make(seg, null, 0);
}

const PARTICLE_RE = /^(?:de|del|da|do|dos|das|di|du|la|le|von|van|der|den|al|el|bin|ibn|y|of|for|and|the)$/;

/** True when `word` could be the last word of a person's name (not a title, head word or gazetteer name). */
export function couldBeSurname(word: string): boolean {
  const k = keyOf(word);
  const g = gazetteer();
  return !TITLE_HEADS.has(k) && !ORG_HEADS.has(k) && !g.places.has(k) && !g.demonyms.has(k);
}
