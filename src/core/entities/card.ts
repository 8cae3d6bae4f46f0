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

function paragraphKey(m: Mention): string {
  return `${m.key}\u0000${m.paragraph}`;
}

/** The card for `entity`; `all` is every entity of the index (for related entities). */
export function buildCard(entity: Entity, sources: Source[], all: Entity[]): EntityCard {
  const byKey = new Map(sources.map((s) => [s.key, s]));
  const perSource = new Map<string, Mention[]>();
  for (const m of entity.mentions) perSource.set(m.key, [...(perSource.get(m.key) ?? []), m]);
  const mentionsBySource = [...perSource.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([key, ms]) => ({
      key,
      title: byKey.get(key)?.title ?? key,
      paragraphs: [...new Set(ms.map((m) => m.paragraph))].sort((a, b) => a - b),
      count: ms.length,
    }));

  // Passages: paragraphs ranked by how fully and how often they name the entity, and whether they describe it.
  const groups = new Map<string, Mention[]>();
  for (const m of entity.mentions) groups.set(paragraphKey(m), [...(groups.get(paragraphKey(m)) ?? []), m]);
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

  // Related: entities named in the same paragraphs.
  const mine = new Set(groups.keys());
  const related: RelatedEntity[] = [];
  for (const other of all) {
    if (other === entity) continue;
    const shared = new Set(other.mentions.map(paragraphKey).filter((k) => mine.has(k)));
    if (shared.size) related.push({ name: other.name, type: other.type, count: shared.size });
  }
  related.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

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
