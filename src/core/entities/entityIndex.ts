// The entity index over a corpus: extraction, clustering, the user's overrides, lookup by name,
// cards, and names found in a briefing for hovers.
import type { Source } from '../corpus';
import { buildCard, paragraphEntities, type ParagraphEntities } from './card';
import { describe, readDescriptions } from './describe';
import type { Extraction, Step } from './extraction';
import { keyOf } from './lexicon';
import { NameMatcher, type TextMatch } from './matcher';
import { readOverrides } from './overrides';
import type { ScanHelper } from './part';
import { resolve, toMention, type Cluster } from './resolve';
import { finish, scan, scanInSteps } from './scan';
import { spaces } from './tokens';
import type { Entity, EntityCard, EntityOverrides, Mention } from './types';

function slug(s: string): string {
  return (
    keyOf(s)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'entity'
  );
}

/** Entities made between two pauses of a stepped build. */
const CLUSTER_STEP = 500;

function byPlace(a: Mention, b: Mention): number {
  return a.key.localeCompare(b.key) || a.start - b.start;
}

/**
 * Source keys in {@link byPlace} order: `rank` (equal for keys `localeCompare` calls equal) and a distinct `id`, so
 * mentions are sorted and told apart by numbers rather than by comparing and joining strings.
 */
type KeyOrder = Map<string, { rank: number; id: number }>;

function keyOrder(sources: Source[]): KeyOrder {
  const keys = [...new Set(sources.map((s) => s.key))].sort((a, b) => a.localeCompare(b));
  const order: KeyOrder = new Map();
  let rank = 0;
  keys.forEach((k, i) => {
    if (i > 0 && keys[i - 1].localeCompare(k) !== 0) rank++;
    order.set(k, { rank, id: i });
  });
  return order;
}

/** Mentions in {@link byPlace} order (the same stable sort), through the ranks of `order` when it has every key. */
function sortByPlace(list: Mention[], order: KeyOrder): Mention[] {
  if (!list.every((m) => order.has(m.key))) return list.sort(byPlace);
  return list.sort((a, b) => order.get(a.key)!.rank - order.get(b.key)!.rank || a.start - b.start);
}

function toEntity(c: Cluster, fromText: string | null, order: KeyOrder): Entity {
  // One mention per place (source and start), the first found.
  const seen = new Set<number | string>();
  const list: Mention[] = [];
  for (const f of c.found) {
    const id = order.get(f.key)?.id;
    const place = id === undefined ? `${f.key}|${f.start}` : id * 2 ** 32 + f.start;
    if (seen.has(place)) continue;
    seen.add(place);
    list.push(toMention(f));
  }
  const mentions = sortByPlace(list, order);
  // Aliases: every form written, then (for a person) with its title, each folded form once.
  const aliases: string[] = [];
  const name = canonicalName(c);
  const folded = new Set([keyOf(name)]);
  const alias = (form: string) => {
    const k = keyOf(form);
    if (!folded.has(k)) (folded.add(k), aliases.push(form));
  };
  for (const f of c.found) alias(f.name);
  if (c.type === 'person') for (const f of c.found) if (f.title) alias(`${f.title} ${f.name}`);
  const e: Entity = { id: '', name, type: c.type, aliases, description: describe(c, fromText), mentions };
  if (c.demonyms.length) e.demonymMentions = sortByPlace(c.demonyms.map(toMention), order);
  if (c.ambiguous.length) e.ambiguous = c.ambiguous;
  return e;
}

/** The name to show: a gazetteer's or an expansion's if any, else the most frequent full form written. */
function canonicalName(c: Cluster): string {
  if (c.type === 'person' || c.found.some((f) => f.canonical || f.expansionOf)) return c.name;
  // Each form written (not all capitals) and how often, in the order first met.
  const forms: string[] = [];
  const counts: number[] = [];
  const at = new Map<string, number>();
  for (const f of c.found) {
    if (/^[\p{Lu}\d&-]+$/u.test(f.name)) continue;
    const i = at.get(f.name);
    if (i === undefined) (at.set(f.name, forms.length), forms.push(f.name), counts.push(1));
    else counts[i]++;
  }
  // Most words, then most written, then first met (a stable sort's first, found in one pass over plain arrays: a sort,
  // or a loop over the Map's entries, left code without type feedback that optimised code fell back on at every entity).
  let best = -1;
  let bestWords = 0;
  for (let i = 0; i < forms.length; i++) {
    const w = spaces(forms[i]);
    if (best < 0 || w > bestWords || (w === bestWords && counts[i] > counts[best])) {
      best = i;
      bestWords = w;
    }
  }
  return best < 0 ? c.name : forms[best];
}

function overlaps(a: Mention, list: Mention[]): boolean {
  return list.some((m) => m.key === a.key && m.start < a.end && a.start < m.end);
}

/** Entities of a corpus, with lookup, cards and matching in free text. */
export class EntityIndex {
  #entities: Entity[];
  #matcher: NameMatcher;
  #problems: string[];
  /** Paragraph → entities named there, built on the first card (entities do not change after construction). */
  #byParagraph: ParagraphEntities | undefined;

  private constructor(entities: Entity[], problems: string[]) {
    this.#entities = entities;
    this.#matcher = new NameMatcher(entities);
    this.#problems = problems;
  }

  /**
   * Extracts entities from `sources`; `overrides` is the parsed `briefing-entities.json` (checked here, never throws).
   * With `extraction` (state kept from an earlier build, updated here), only what changed since is read again.
   */
  static build(sources: Source[], overrides?: EntityOverrides | unknown, extraction?: Extraction): EntityIndex {
    return finish(EntityIndex.#steps(sources, overrides, extraction));
  }

  /**
   * The same as {@link build}, awaiting `pause()` every few hundred paragraphs so a shared thread stays responsive;
   * with a `helper` (another thread), the extraction reads part of the sources there.
   */
  static async buildInSteps(
    sources: Source[],
    overrides: EntityOverrides | unknown,
    pause: () => Promise<void>,
    extraction?: Extraction,
    helper?: ScanHelper,
  ): Promise<EntityIndex> {
    const steps = EntityIndex.#steps(sources, overrides, extraction, helper);
    let r = steps.next();
    while (!r.done) {
      if (r.value) await r.value;
      await pause();
      r = steps.next();
    }
    return r.value;
  }

  /**
   * The build's steps: the scan (everything read afresh, or with `extraction` only what changed since its last update),
   * then the clustering, pausing after it and every few hundred entities made.
   */
  static *#steps(
    sources: Source[],
    overrides: EntityOverrides | unknown,
    extraction?: Extraction,
    helper?: ScanHelper,
  ): Generator<Step, EntityIndex> {
    const scanned = yield* extraction ? extraction.update(sources, undefined, helper) : scanInSteps(sources);
    return yield* EntityIndex.#fromScan(sources, overrides, scanned);
  }

  static *#fromScan(
    sources: Source[],
    overrides: EntityOverrides | unknown,
    scanned: ReturnType<typeof scan>,
  ): Generator<void, EntityIndex> {
    const clusters: Array<Cluster | undefined> = resolve(scanned.found, scanned.stats);
    // Candidates live on only in their clusters, and each cluster only until it is an entity: over a large corpus they
    // are collected while entities are made, instead of all being held until the last one is.
    scanned.found = [];
    const order = keyOrder(sources);
    let entities = new Array<Entity>(clusters.length);
    yield;
    const fromText = yield* readDescriptions(clusters, sources);
    for (let i = 0; i < clusters.length; i++) {
      if (i % CLUSTER_STEP === CLUSTER_STEP - 1) yield;
      entities[i] = toEntity(clusters[i]!, fromText[i], order);
      clusters[i] = undefined;
    }
    // The clusters are garbage now, before the matcher is made.
    yield;
    const { overrides: ov, problems } =
      overrides === undefined ? { overrides: { entities: [] }, problems: [] } : readOverrides(overrides);
    for (const o of ov.entities) entities = applyOverride(entities, o, sources);
    entities = entities.filter((e) => e.mentions.length || e.demonymMentions?.length);
    entities.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
    const ids = new Set<string>();
    for (const e of entities) {
      let id = `${e.type}:${slug(e.name)}`;
      for (let i = 2; ids.has(id); i++) id = `${e.type}:${slug(e.name)}-${i}`;
      ids.add(id);
      e.id = id;
    }
    return new EntityIndex(entities, problems);
  }

  /** An index saved earlier (`entities` and `problems` as this index gave them), for a warm start. */
  static fromData(entities: Entity[], problems: string[]): EntityIndex {
    return new EntityIndex(entities, problems);
  }

  /** All entities, most mentioned first. */
  get entities(): Entity[] {
    return this.#entities;
  }

  /** Problems found in the overrides, one line each. */
  get problems(): string[] {
    return this.#problems;
  }

  /** The entity with this name or alias (case- and diacritic-insensitive); the canonical name wins over an alias. */
  find(name: string): Entity | undefined {
    const k = keyOf(name);
    return (
      this.#entities.find((e) => keyOf(e.name) === k) ??
      this.#entities.find((e) => e.id === name) ??
      this.#entities.find((e) => e.aliases.some((a) => keyOf(a) === k))
    );
  }

  /** The card for `entity`, with passages read from `sources`. */
  card(entity: Entity, sources: Source[]): EntityCard {
    this.#byParagraph ??= paragraphEntities(this.#entities);
    return buildCard(entity, sources, this.#entities, this.#byParagraph);
  }

  /**
   * Entity names found in arbitrary text (a briefing), for hovers: offsets into `text`. A bare surname resolves
   * by the nearest full mention in that text, else by a unique match in the corpus, else is flagged ambiguous.
   */
  mentionsIn(text: string): TextMatch[] {
    return this.#matcher.find(text);
  }
}

/** Applies one override: retypes, renames, merges entities it names, and finds its added aliases in the sources. */
function applyOverride(
  entities: Entity[],
  o: { name: string; type?: Entity['type']; aliases?: string[]; description?: string },
  sources: Source[],
): Entity[] {
  const forms = new Set([o.name, ...(o.aliases ?? [])].map(keyOf));
  const matching = entities.filter((e) => [e.name, ...e.aliases].some((f) => forms.has(keyOf(f))));
  const target: Entity = matching.find((e) => keyOf(e.name) === keyOf(o.name)) ??
    matching[0] ?? {
      id: '',
      name: o.name,
      type: o.type ?? 'organization',
      aliases: [],
      description: null,
      mentions: [],
    };
  for (const m of matching) {
    if (m === target) continue;
    target.mentions.push(...m.mentions.filter((x) => !overlaps(x, target.mentions)));
    target.aliases.push(m.name, ...m.aliases);
    if (m.demonymMentions) target.demonymMentions = [...(target.demonymMentions ?? []), ...m.demonymMentions];
  }
  const rest = entities.filter((e) => !matching.includes(e) || e === target);
  if (keyOf(target.name) !== keyOf(o.name)) target.aliases.push(target.name);
  target.name = o.name;
  if (o.type) target.type = o.type;
  if (o.description) target.description = o.description;
  target.aliases.push(...(o.aliases ?? []));
  const seen = new Set([keyOf(target.name)]);
  target.aliases = target.aliases.filter((a) => !seen.has(keyOf(a)) && !!seen.add(keyOf(a)));
  // Mentions of the user's names that extraction missed.
  const matcher = new NameMatcher([{ ...target, ambiguous: undefined }]);
  const taken = rest.flatMap((e) => e.mentions);
  for (const s of sources) {
    for (const p of s.paragraphs) {
      for (const hit of matcher.find(s.text.slice(p.start, p.end), p.start)) {
        const m: Mention = {
          key: s.key,
          uri: s.uri,
          paragraph: p.n,
          start: hit.start,
          end: hit.end,
          text: s.text.slice(hit.start, hit.end).replace(/\s+/g, ' '),
        };
        if (!overlaps(m, target.mentions) && !overlaps(m, taken)) target.mentions.push(m);
      }
    }
  }
  target.mentions.sort(byPlace);
  return rest.includes(target) ? rest : [...rest, target];
}
