// Builds the card a hover, panel or preview shows for one entity: mentions per source, the passages
// that say most about it, and the entities named with it.
import type { Source } from '../corpus';
import type { CardPassage, Entity, EntityCard, Mention, RelatedEntity } from './types';

/** The sentences of `text` (a paragraph) that overlap [start, end) (offsets relative to `text`). */
function sentencesAround(text: string, spans: Array<[number, number]>): string {
  const bounds: Array<[number, number]> = [];
  const re = /[^.!?]+(?:[.!?]+["'\u201d\u2019)]*|$)\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length) bounds.push([m.index, m.index + m[0].length]);
  const picked = bounds.filter(([a, b]) => spans.some(([s, e]) => s < b && e > a));
  const out = picked
    .map(([a, b]) => text.slice(a, b))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > 420 ? out.slice(0, out.lastIndexOf(' ', 419)) + '…' : out;
}

/** The order of `String.prototype.localeCompare` (same locale and options), without a collator per comparison. */
const order = new Intl.Collator();

/** Sources by key, per sources array (the corpus gives a new array when its sources change, never edits one). */
const keyed = new WeakMap<Source[], Map<string, Source>>();

function sourcesByKey(sources: Source[]): Map<string, Source> {
  let byKey = keyed.get(sources);
  if (!byKey || byKey.size !== sources.length) keyed.set(sources, (byKey = new Map(sources.map((s) => [s.key, s]))));
  return byKey;
}

function paragraphKey(m: Mention): string {
  return `${m.key}\u0000${m.paragraph}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Which entities are named in each paragraph: source key → paragraph → positions in `all` (each once, ascending).
 * Built once per index so a card finds its related entities without reading every entity's mentions.
 */
export type ParagraphEntities = Map<string, Map<number, number[]>>;

export function paragraphEntities(all: Entity[]): ParagraphEntities {
  const out: ParagraphEntities = new Map();
  all.forEach((e, i) => {
    for (const m of e.mentions) {
      let bySource = out.get(m.key);
      if (!bySource) out.set(m.key, (bySource = new Map()));
      const list = bySource.get(m.paragraph);
      if (!list) bySource.set(m.paragraph, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return out;
}

/** Entities named in the same paragraphs as `entity` (`paragraphs`: one mention per paragraph), most shared first. */
function relatedEntities(entity: Entity, paragraphs: Mention[], all: Entity[], index: ParagraphEntities) {
  const shared = new Map<number, number>();
  for (const m of paragraphs) {
    for (const i of index.get(m.key)?.get(m.paragraph) ?? []) {
      if (all[i] !== entity) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
  }
  const related = [...shared.entries()].sort(
    ([a, ca], [b, cb]) => cb - ca || order.compare(all[a].name, all[b].name) || a - b,
  );
  return related.map(([i, count]): RelatedEntity => ({ name: all[i].name, type: all[i].type, count }));
}

/**
 * The card for `entity`; `all` is every entity of the index (for related entities), `index` its
 * {@link paragraphEntities} (computed here when not given).
 */
export function buildCard(entity: Entity, sources: Source[], all: Entity[], index?: ParagraphEntities): EntityCard {
  const byKey = sourcesByKey(sources);
  const perSource = new Map<string, Mention[]>();
  for (const m of entity.mentions) pushTo(perSource, m.key, m);
  const mentionsBySource = [...perSource.entries()]
    .sort((a, b) => order.compare(a[0], b[0]))
    .map(([key, ms]) => ({
      key,
      title: byKey.get(key)?.title ?? key,
      paragraphs: [...new Set(ms.map((m) => m.paragraph))].sort((a, b) => a - b),
      count: ms.length,
    }));

  // Passages: paragraphs ranked by how fully and how often they name the entity, and whether they describe it.
  const groups = new Map<string, Mention[]>();
  for (const m of entity.mentions) pushTo(groups, paragraphKey(m), m);
  const descKey = entity.description?.slice(0, 40);
  const scored = [...groups.values()].map((ms) => {
    const s = byKey.get(ms[0].key);
    const p = s?.paragraphs[ms[0].paragraph - 1];
    const text = s && p ? s.text.slice(p.start, p.end) : '';
    const full = ms.some((m) => m.text === entity.name || m.text.split(' ').length > 1);
    const score =
      ms.length +
      (full ? 2 : 0) +
      (descKey && text.includes(descKey) ? 3 : 0) +
      (ms[0].paragraph === 1 ? 0.5 : 0) -
      text.length / 4000;
    return { ms, s, p, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const passages: CardPassage[] = [];
  const used = new Map<string, number>();
  for (const { ms, s, p } of scored) {
    if (!s || !p || passages.length >= 3) continue;
    if ((used.get(s.key) ?? 0) >= 2 && scored.length > 3) continue;
    used.set(s.key, (used.get(s.key) ?? 0) + 1);
    passages.push({
      key: s.key,
      paragraph: p.n,
      text: sentencesAround(
        s.text.slice(p.start, p.end),
        ms.map((m) => [m.start - p.start, m.end - p.start]),
      ),
    });
  }

  // Related: entities named in the same paragraphs (ties by name, then in the order of `all`).
  const related = relatedEntities(
    entity,
    [...groups.values()].map((ms) => ms[0]),
    all,
    index ?? paragraphEntities(all),
  );

  const card: EntityCard = {
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases,
    description: entity.description,
    mentionsBySource,
    passages,
    related: related.slice(0, 6),
  };
  if (entity.ambiguous?.length) card.ambiguity = entity.ambiguous.join('; ');
  return card;
}
