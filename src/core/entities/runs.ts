// Groups tokens into runs of capitalised words and cuts runs into name-sized segments
// (`India and Israel` is two names, `Ministry of Commerce and Industry` one).
import { gazetteer } from './gazetteer';
import {
  AGREEMENT_HEADS,
  CALENDAR,
  CUE_AFTER,
  EVENT_HEADS,
  FUNCTION_WORDS,
  ORG_HEADS,
  ORG_OPENERS,
  PLACE_HEADS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  keyOf,
} from './lexicon';
import type { Token } from './tokens';

/** A set of folded words, as extraction asks it (a `Set`, or a view that also notes what was asked). */
export interface KeySet {
  has(key: string): boolean;
}

/** Corpus-wide facts about words, gathered before segmenting. */
export interface WordStats {
  /** Words seen in lower case somewhere (`observers`, `political`). */
  lower: KeySet;
  /** Words seen capitalised other than at a sentence start. */
  midCaps: KeySet;
  /** Capitalised words seen alone or last in a run (surnames like `Singh`, `Baram`). */
  standalone: KeySet;
}

const PARTICLES = new Set([
  'de',
  'del',
  'da',
  'do',
  'dos',
  'das',
  'di',
  'du',
  'la',
  'le',
  'von',
  'van',
  'der',
  'den',
  'al',
  'el',
  'bin',
  'ibn',
  'y',
]);
const CONNECTORS = new Set(['of', 'for', 'and', 'the', ...PARTICLES]);
const HOLDS_OF = new Set([
  ...ORG_HEADS,
  ...ORG_OPENERS,
  ...AGREEMENT_HEADS,
  ...EVENT_HEADS,
  ...PLACE_HEADS,
  'republic',
  'kingdom',
  'federation',
  'commonwealth',
  'sultanate',
]);

/** True when a capitalised calendar word is used as a date (`in March`, `April 22nd`), not as a name. */
function isCalendar(tokens: Token[], i: number): boolean {
  const k = tokens[i].text.toLowerCase();
  if (!CALENDAR.has(k)) return false;
  if (/day$/.test(k)) return true;
  const prev = tokens[i - 1]?.text.toLowerCase() ?? '';
  const next = tokens[i + 1]?.text ?? '';
  return (
    /^\d/.test(next) ||
    /^(?:in|on|since|until|by|last|next|early|late|mid|from|of|this|that|to|through|before|after|between|and|or)$/.test(
      prev,
    ) ||
    tokens[i].sentenceStart ||
    /^\d/.test(prev)
  );
}

/** A capitalised word that can belong to a name. */
function isNameWord(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t.word && t.cap && t.text.length === 1 && /^[IVX]$/.test(t.text)) {
    const n = tokens[i + 1];
    return !!n && n.joined && n.word && n.cap && n.text.length > 1 && !t.sentenceStart;
  }
  return (t.word && t.cap && t.text.length > 1 && !isCalendar(tokens, i)) || (t.word && t.acronym);
}

/** `Cox's Bazar`: a possessive inside a name, when neither word is a name known on its own. */
function possessiveInName(tokens: Token[], j: number, last: Token, stats?: WordStats): boolean {
  if (!stats || last.text.length < 2) return false;
  const g = gazetteer();
  const a = keyOf(last.text);
  const b = keyOf(tokens[j].text);
  const known = (k: string) =>
    g.places.has(k) ||
    g.demonyms.has(k) ||
    stats.standalone.has(k) ||
    TITLE_HEADS.has(k) ||
    ORG_HEADS.has(k) ||
    TITLE_MODIFIERS.has(k);
  return isNameWord(tokens, j) && !tokens[j].acronym && !last.acronym && !known(a) && !known(b) && !tokens[j + 1]?.cap;
}

/** A number that ends a name before an event word (`Iron Shield 2025 exercise`). */
function numberInName(tokens: Token[], j: number): boolean {
  const t = tokens[j];
  const n = tokens[j + 1];
  return t.word && /^\d{1,4}$/.test(t.text) && !!n && n.joined && CUE_AFTER[n.text] === 'event';
}

/** Runs of name words, possibly with connectors (`of`, `and`, `del`) between them. */
export function findRuns(tokens: Token[], stats?: WordStats): Token[][] {
  const runs: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens, i)) {
      i++;
      continue;
    }
    const run = [tokens[i]];
    let j = i + 1;
    while (j < tokens.length) {
      const last = run[run.length - 1];
      if (last.possessive && !/s$/.test(last.text) && !possessiveInName(tokens, j, last, stats)) break;
      if (last.possessive && !(j < tokens.length && isNameWord(tokens, j))) break;
      const t = tokens[j];
      if (!t.joined) break;
      if (isNameWord(tokens, j) || numberInName(tokens, j)) {
        run.push(t);
        j++;
        continue;
      }
      // `of the United Nations`: up to two connectors when a name word follows.
      const c1 = t.word && CONNECTORS.has(t.text) && t.text !== 'the';
      const t2 = tokens[j + 1];
      if (c1 && t2?.joined && isNameWord(tokens, j + 1)) {
        run.push(t, t2);
        j += 2;
        continue;
      }
      if (
        c1 &&
        t.text === 'of' &&
        t2?.text === 'the' &&
        t2.joined &&
        tokens[j + 2]?.joined &&
        isNameWord(tokens, j + 2)
      ) {
        run.push(t, t2, tokens[j + 2]);
        j += 3;
        continue;
      }
      break;
    }
    runs.push(run);
    i = j;
  }
  return runs;
}

const lower = (t: Token) => t.text.toLowerCase();
const isConnector = (t: Token) => !t.cap && CONNECTORS.has(t.text);

function hasHead(seg: Token[]): boolean {
  return seg.some(
    (t) =>
      ORG_HEADS.has(lower(t)) ||
      AGREEMENT_HEADS.has(lower(t)) ||
      EVENT_HEADS.has(lower(t).split('-')[0]) ||
      ORG_OPENERS.has(lower(t)),
  );
}

/** Whether a capitalised word is a known name on its own (a place, demonym or a recurring surname). */
function knownAlone(word: string, stats: WordStats): boolean {
  const g = gazetteer();
  const k = keyOf(word);
  return g.places.has(k) || g.demonyms.has(k) || stats.standalone.has(k);
}

/** Cuts a run at connectors that join two names rather than build one, and splits `US-India` compounds. */
export function segmentRun(run: Token[], stats: WordStats): Token[][] {
  const g = gazetteer();
  const whole = keyOf(run.map((t) => t.text).join(' '));
  if (g.places.has(whole)) return [run];
  const segs: Token[][] = [];
  let cur: Token[] = [];
  for (let i = 0; i < run.length; i++) {
    const t = run[i];
    if (!isConnector(t)) {
      cur.push(t);
      continue;
    }
    const prev = cur[cur.length - 1];
    const rest = run.slice(i + 1).filter((x) => !isConnector(x));
    let keep = false;
    if (PARTICLES.has(t.text) || t.text === 'the') keep = true;
    else if (t.text === 'of' || t.text === 'for')
      keep =
        !!prev &&
        (HOLDS_OF.has(lower(prev)) || HOLDS_OF.has(lower(prev).replace(/s$/, ''))) &&
        !TITLE_HEADS.has(lower(prev));
    else if (t.text === 'and') {
      const opened = cur.some((x, n) => n > 0 && (x.text === 'of' || x.text === 'for'));
      const before = keyOf(cur.map((x) => x.text).join(' '));
      keep =
        opened ||
        (hasHead(rest) &&
          !hasHead(cur) &&
          !g.places.has(before) &&
          !g.demonyms.has(before) &&
          cur.length === 1 &&
          !stats.standalone.has(before));
    }
    if (keep && cur.length) cur.push(t);
    else {
      if (cur.length) segs.push(cur);
      cur = [];
    }
  }
  if (cur.length) segs.push(cur);
  const out: Token[][] = [];
  for (let seg of segs) {
    while (seg.length && isConnector(seg[seg.length - 1])) seg = seg.slice(0, -1);
    while (
      seg.length &&
      (isConnector(seg[0]) || (FUNCTION_WORDS.has(lower(seg[0])) && !seg[0].acronym)) &&
      !g.places.has(keyOf(seg.map((t) => t.text).join(' ')))
    )
      seg = seg.slice(1);
    if (!seg.length) continue;
    // `US-India`, `Singh-Baram`: compounds of names that stand alone elsewhere, unless the segment names an organisation.
    if (!hasHead(seg)) {
      const split: Token[] = [];
      for (const t of seg) {
        const parts = t.text.split(/[-\u2010\u2011\u2013]/);
        if (
          parts.length > 1 &&
          !t.model &&
          parts.every((p) => /^\p{Lu}/u.test(p) && knownAlone(p, stats)) &&
          !g.places.has(keyOf(t.text))
        ) {
          let at = t.start;
          for (const p of parts) {
            out.push([
              {
                ...t,
                text: p,
                start: at,
                end: at + p.length,
                possessive: false,
                acronym: p.length > 1 && p === p.toUpperCase(),
              },
            ]);
            at += p.length + 1;
          }
          split.push(t);
        }
      }
      if (split.length) {
        const rest = seg.filter((t) => !split.includes(t));
        if (rest.length) out.push(rest);
        continue;
      }
    }
    out.push(seg);
  }
  return out;
}
