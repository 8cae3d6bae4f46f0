// `claim-not-in-source`: every number, date part and name in the clause a citation closes must be in what it cites.
import type { MarkdownLayout } from '../../citations/layout';
import { resolveItem } from '../../citations/resolve';
import type { Citation, CiteItem } from '../../citations/types';
import type { Corpus } from '../../corpus/corpus';
import type { Paragraph, Source } from '../../corpus/types';
import { ENTITY_TYPES, type EntityIndex } from '../../entities';
import type { DiagnosticSink } from '../diagnostic';
import type { Passage } from '../passages';
import type { Quotation } from '../quotes';
import type { DiagnosticFix } from '../types';
import { claimBlocks, type ClaimBlock, type Clause } from './clauses';
import { factsOf, type Fact, type FactKind } from './facts';
import { passageFacts, type PassageFacts } from './passage';
import { phraseKey, wordsOf } from './words';

/** One cited item and its paragraphs. */
interface Target {
  item: CiteItem;
  passages: PassageFacts[];
}

/** Kinds that are names: every entity type, and capitalised names the recogniser does not know. */
const NAME_KINDS = new Set<FactKind>([...ENTITY_TYPES, 'name']);

function sourceDate(p: PassageFacts): { year: number; month: number; day: number; weekday: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.source.date ?? '');
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The facts of a source's title: what the whole article is about. */
const titles = new WeakMap<Source, PassageFacts>();
function titleFacts(source: Source, entities: EntityIndex | undefined): PassageFacts {
  let t = titles.get(source);
  if (!t) {
    const paragraph: Paragraph = { n: 0, text: source.title, start: 0, end: 0, line: 0 };
    titles.set(source, (t = passageFacts({ source, paragraph }, entities)));
  }
  return t;
}

/** True when the cited passages state `f`; a name in the source's title (its subject) counts for every paragraph. */
function stated(passages: PassageFacts[], f: Fact, entities: EntityIndex | undefined): boolean {
  if (passages.some((p) => states(p, f, entities))) return true;
  if (!NAME_KINDS.has(f.kind) || f.generic) return false;
  const sources = [...new Set(passages.map((p) => p.source))];
  return sources.some((s) => states(titleFacts(s, entities), f, entities));
}

/** True when passage `p` states fact `f` (in any of the forms the check allows for). */
function states(p: PassageFacts, f: Fact, entities: EntityIndex | undefined): boolean {
  const date = sourceDate(p);
  switch (f.kind) {
    case 'number':
      return f.ordinalWord ? p.ordinals.has(f.value!) : p.numbers.has(f.value!);
    case 'year':
      return p.numbers.has(f.value!) || date?.year === f.value;
    case 'month':
      return p.months.has(f.value!) || date?.month === f.value;
    case 'weekday':
      return p.weekdays.has(f.value!) || date?.weekday === f.value;
    case 'day':
      return f.days!.every((d) => p.days.has(`${f.month}-${d}`) || (date?.month === f.month && date?.day === d));
  }
  if (f.phrase && p.phrase.includes(f.phrase)) return true;
  // `the Khans’ view`, `the two Singhs`: a plural of a name the passage has.
  if (f.kind === 'name' && f.phrase.endsWith('s ') && p.phrase.includes(f.phrase.slice(0, -2) + ' ')) return true;
  const e = f.entity;
  if (e) {
    // A person's lone surname may be someone else's (`Singh`): the index's mentions decide for those.
    const forms = [e.name, ...e.aliases]
      .map(phraseKey)
      .filter((k) => k && (e.type !== 'person' || k.trim().includes(' ')));
    if (forms.some((k) => p.phrase.includes(k))) return true;
    const here = (m: { key: string; paragraph: number }) => m.key === p.source.key && m.paragraph === p.paragraph.n;
    if (e.mentions.some(here) || e.demonymMentions?.some(here)) return true;
  }
  // `Interior Ministry`: wrong only when the passage names another organisation; otherwise it is the writer's wording.
  if (f.generic) return !p.facts.some((c) => c.kind === 'organization' && c.phrase !== f.phrase);
  const place = f.place;
  if (place?.country && (place.kind === 'country' || (place.kind === 'city' && !f.literalPlace))) {
    if (p.countries.has(place.country)) return true;
  }
  // Without an entity index, a full name is taken as stated when its surname is (`Masood Khan` for `Ambassador Khan`).
  if (!entities && f.kind === 'name') {
    const words = f.phrase.trim().split(' ');
    if (words.length > 1 && p.phrase.includes(` ${words[words.length - 1]} `)) return true;
  }
  return false;
}

/** `country` (a name or demonym), `region`, or `city` for any other place (a capital, `Tel Aviv`, `Kashmir`). */
function placeClass(f: Fact): string | undefined {
  if (f.kind !== 'place' && !f.place) return undefined;
  return f.place?.kind === 'country' || f.place?.kind === 'region' ? f.place.kind : 'city';
}

function sameKind(a: Fact, b: Fact): boolean {
  if (a.kind === 'name' || b.kind === 'name') return false;
  if (placeClass(a) || placeClass(b)) return placeClass(a) === placeClass(b);
  return a.kind === b.kind;
}

/** What the cited passages have of the same kind as `f` that the clause does not already say. */
function candidates(f: Fact, clause: Fact[], passages: PassageFacts[]): Fact[] {
  const said = new Set(clause.filter((c) => sameKind(c, f)).map((c) => c.phrase || `${c.value}`));
  const countries = new Set(clause.map((c) => c.place?.country).filter(Boolean));
  const seen = new Set<string>();
  let pool = passages
    .flatMap((p) => p.facts)
    .filter((c) => {
      if (!sameKind(c, f)) return false;
      const k = c.kind === 'number' || c.kind === 'year' ? `${c.value}` : c.phrase || c.text;
      if (said.has(k) || seen.has(k) || (c.place?.country && countries.has(c.place.country))) return false;
      // `Palestinian` and `Palestinians` are one candidate.
      if (c.place?.country && placeClass(c) === 'country') {
        const country = `${c.place.country}\u0000${c.place.demonym}`;
        if (seen.has(country)) return false;
        seen.add(country);
      }
      if (f.kind === 'day' && c.month !== f.month) return false;
      seen.add(k);
      return true;
    });
  if (f.place?.demonym && pool.some((c) => c.place?.demonym)) pool = pool.filter((c) => c.place?.demonym);
  return pool;
}

/**
 * The one candidate to offer: the only one, or the only one written in the same words' company (`signed in Tel Aviv`
 * for `signed in Jerusalem`); one shared neighbour is enough to choose between two, not among more.
 */
function bestOf(f: Fact, pool: Fact[]): Fact | undefined {
  if (pool.length === 1) return pool[0];
  const same = (a: string, b: string) => Number(!!a && a === b);
  const score = (c: Fact) =>
    same(f.left, c.left) + same(f.left2, c.left2) * same(f.left, c.left) + same(f.right, c.right);
  const top = Math.max(0, ...pool.map(score));
  const best = pool.filter((c) => score(c) === top);
  return top >= (pool.length <= 2 ? 1 : 2) && best.length === 1 ? best[0] : undefined;
}

function paragraphs(ns: number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  if (sorted.length === 1) return `¶${sorted[0]}`;
  const contiguous = sorted.every((n, i) => !i || n === sorted[i - 1] + 1);
  return contiguous ? `¶¶${sorted[0]}-${sorted[sorted.length - 1]}` : `¶¶${sorted.join(', ')}`;
}

function where(targets: Target[]): string {
  return targets
    .map((t, _i, all) => {
      if (!t.item.locator) return t.item.key;
      const ps = paragraphs(t.passages.map((p) => p.paragraph.n));
      return all.length > 1 ? `${t.item.key} ${ps}` : ps;
    })
    .join(' or ');
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const IS_NUMBER = new Set<FactKind>(['number', 'year', 'day']);

function message(f: Fact, targets: Target[], pool: Fact[], best: Fact | undefined): string {
  const head = `${f.text} is not in ${where(targets)}`;
  const shown = best ? [best] : pool.length <= 3 ? pool : [];
  if (!shown.length) return `${head}.`;
  return `${head}, which ${IS_NUMBER.has(f.kind) ? 'has' : 'names'} ${list(shown.map((c) => c.text))}.`;
}

/** Quick fixes as plain data: the passage's value, another paragraph that has the fact, or dropping a number. */
function fixesFor(
  md: string,
  f: Fact,
  clause: Fact[],
  quoting: boolean,
  targets: Target[],
  best: Fact | undefined,
  pool: Fact[],
  corpus: Corpus,
  entities: EntityIndex | undefined,
): DiagnosticFix[] {
  const fixes: DiagnosticFix[] = [];
  if (best)
    fixes.push({
      title: `Replace with “${best.text}”`,
      start: f.start,
      end: f.end,
      newText: best.text,
      preferred: true,
    });
  const t = targets.length === 1 ? targets[0] : undefined;
  const locator = t?.item.locator;
  if (t && locator) {
    const cited = new Set(t.passages.map((p) => p.paragraph.n));
    const source = corpus.get(t.item.key);
    const others = (source?.paragraphs ?? [])
      .filter((p) => !cited.has(p.n))
      .map((paragraph) => passageFacts({ source: source!, paragraph }, entities))
      .filter((p) => states(p, f, entities));
    const lo = Math.min(...cited);
    const hi = Math.max(...cited);
    others.sort((a, b) => Math.abs(a.paragraph.n - lo) - Math.abs(b.paragraph.n - lo));
    // A clause that also quotes its passage keeps it: the locator widens rather than moves.
    const all = quoting ? undefined : others.find((p) => clause.every((c) => states(p, c, entities)));
    if (all) {
      fixes.push({
        title: `Cite ¶${all.paragraph.n} instead`,
        start: locator.start,
        end: locator.end,
        newText: `¶${all.paragraph.n}`,
        preferred: !best,
      });
    } else if (others.length && cited.size === hi - lo + 1) {
      const n = others[0].paragraph.n;
      const range = `¶¶${Math.min(lo, n)}-${Math.max(hi, n)}`;
      if (Math.abs(n - lo) <= 3)
        fixes.push({
          title: `Cite ${range}`,
          start: locator.start,
          end: locator.end,
          newText: range,
          preferred: !best,
        });
    }
  }
  if (!best && !pool.length && f.kind === 'number') {
    const end = md[f.end] === ' ' ? f.end + 1 : f.end;
    fixes.push({ title: `Remove “${f.text}”`, start: f.start, end, newText: '' });
  }
  return fixes;
}

function targetsOf(citation: Citation, corpus: Corpus, entities: EntityIndex | undefined): Target[] {
  const out: Target[] = [];
  for (const item of citation.items) {
    const r = resolveItem(item, corpus);
    if (!r || !r.paragraphs.length) continue;
    const passages = r.paragraphs.map((paragraph): Passage => ({ source: r.source, paragraph }));
    out.push({ item, passages: passages.map((p) => passageFacts(p, entities)) });
  }
  return out;
}

function inside(spans: Array<{ start: number; end: number }>, f: Fact): boolean {
  return spans.some((s) => f.start >= s.start && f.end <= s.end);
}

/** Facts of paragraphs already read, by text (offsets from the paragraph start): typing changes one paragraph at a time. */
let blockCache: { entities: EntityIndex | undefined; facts: Map<string, Fact[]> } = {
  entities: undefined,
  facts: new Map(),
};

function blockFacts(b: ClaimBlock, entities: EntityIndex | undefined): Fact[] {
  if (blockCache.entities !== entities || blockCache.facts.size > 5000) blockCache = { entities, facts: new Map() };
  let facts = blockCache.facts.get(b.text);
  if (!facts) blockCache.facts.set(b.text, (facts = factsOf(b.text, 0, wordsOf(b.text), entities?.mentionsIn(b.text))));
  const base = b.block.start;
  return facts.map((f) => ({ ...f, start: f.start + base, end: f.end + base }));
}

function checkBlock(
  md: string,
  b: ClaimBlock,
  quotes: Quotation[],
  corpus: Corpus,
  entities: EntityIndex | undefined,
  sink: DiagnosticSink,
): void {
  const facts = blockFacts(b, entities);
  const quoted = quotes.filter((q) => q.start >= b.block.start && q.end <= b.block.end);
  const earlier: Array<{ clause: Clause; passages: PassageFacts[] }> = [];
  for (const clause of b.clauses) {
    const targets = targetsOf(clause.citation, corpus, entities);
    const passages = targets.flatMap((t) => t.passages);
    const mine = facts.filter((f) => f.start >= clause.start && f.end <= clause.end && !inside(quoted, f));
    const quoting = quoted.some((q) => q.start >= clause.start && q.end <= clause.end);
    if (targets.length) {
      for (const f of mine) {
        if (stated(passages, f, entities)) continue;
        // A name the paragraph has already established, from an earlier citation's passage, is the writer's reference.
        if (NAME_KINDS.has(f.kind) && established(b, f, clause, earlier, entities)) continue;
        const pool = candidates(f, mine, passages);
        const best = bestOf(f, pool);
        const t = targets[0];
        sink.add('claim-not-in-source', 'warning', f.start, f.end, message(f, targets, pool, best), {
          itemKey: t.item.key,
          itemStart: t.item.start,
          itemEnd: t.item.end,
          fact: { kind: f.kind, text: f.text },
          fixes: fixesFor(md, f, mine, quoting, targets, best, pool, corpus, entities),
        });
      }
    }
    earlier.push({ clause, passages });
  }
}

function established(
  b: ClaimBlock,
  f: Fact,
  clause: Clause,
  earlier: Array<{ clause: Clause; passages: PassageFacts[] }>,
  entities: EntityIndex | undefined,
): boolean {
  if (!earlier.length) return false;
  const before = phraseKey(b.text.slice(0, clause.start - b.block.start));
  const named =
    before.includes(f.phrase) ||
    (!!f.entity && [f.entity.name, ...f.entity.aliases].some((a) => before.includes(phraseKey(a))));
  return named && earlier.some((e) => e.passages.some((p) => states(p, f, entities)));
}

/** Checks the facts of every cited clause against the cited paragraphs; one warning per missing fact. */
export function checkClaims(
  md: string,
  layout: MarkdownLayout,
  citations: Citation[],
  quotes: Quotation[],
  corpus: Corpus,
  entities: EntityIndex | undefined,
  sink: DiagnosticSink,
): void {
  for (const b of claimBlocks(md, layout, citations)) checkBlock(md, b, quotes, corpus, entities, sink);
}
