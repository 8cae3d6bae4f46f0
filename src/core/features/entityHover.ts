// The entity card as hover Markdown: who or what a name is, where the sources mention it, what it is named with.
import type { Source } from '../corpus/types';
import type { EntityIndex } from '../entities/entityIndex';
import { entityTypeLabel } from '../entities/labels';
import type { EntityCard } from '../entities/types';
import { blockQuote, escapeMarkdown, markdownLink } from '../text/markdown';
import type { HoverContent, LinkTarget } from './types';

/** The card as Markdown: escaped text, links to the sources that mention the entity. */
export function entityCardMarkdown(card: EntityCard, link: LinkTarget): string {
  let md = `$(symbol-misc) **${escapeMarkdown(card.name)}**\n\n*${escapeMarkdown(entityTypeLabel(card.type))}*`;
  const aliases = card.aliases.filter((a) => a !== card.name);
  if (aliases.length) md += ` · also ${escapeMarkdown(aliases.join(', '))}`;
  md += '\n\n';
  if (card.description) md += `${escapeMarkdown(card.description)}\n\n`;
  if (card.ambiguity) md += `$(warning) ${escapeMarkdown(card.ambiguity)}\n\n`;
  if (card.mentionsBySource.length) {
    md += '**Mentioned in**\n\n';
    for (const m of card.mentionsBySource) {
      const open = markdownLink(`@${m.key}`, link({ command: 'openSource', key: m.key, paragraph: m.paragraphs[0] }));
      md += `- ${open} ${escapeMarkdown(`¶${m.paragraphs.join(', ¶')}`)} — ${escapeMarkdown(m.title)}\n`;
    }
    md += '\n';
  }
  const passage = card.passages[0];
  if (passage) md += `${blockQuote(passage.text)}— ${escapeMarkdown(`@${passage.key}, ¶${passage.paragraph}`)}\n\n`;
  if (card.related.length)
    md += `**Related:** ${escapeMarkdown(
      card.related
        .slice(0, 5)
        .map((r) => r.name)
        .join(', '),
    )}\n\n`;
  return md + markdownLink('Search sources', link({ command: 'searchSources', query: card.name }));
}

/** The entity card for the name at `offset` of `text`, with the name's span; undefined when no known name is there. */
export function entityCardAt(
  text: string,
  offset: number,
  index: EntityIndex,
  sources: Source[],
): { start: number; end: number; card: EntityCard } | undefined {
  const m = index.mentionsIn(text).find((x) => x.start <= offset && offset < x.end);
  if (!m) return undefined;
  const card = index.card(m.entity, sources);
  const others = m.ambiguous?.filter((e) => e !== m.entity).map((e) => e.name) ?? [];
  const shown =
    others.length && !card.ambiguity ? { ...card, ambiguity: `Could also be ${others.join(' or ')}.` } : card;
  return { start: m.start, end: m.end, card: shown };
}

/** The hover for the entity named at `offset` of `text`, or undefined when no known name is there. */
export function entityHover(
  text: string,
  offset: number,
  index: EntityIndex,
  sources: Source[],
  link: LinkTarget,
): HoverContent | undefined {
  const at = entityCardAt(text, offset, index, sources);
  return at && { start: at.start, end: at.end, markdown: entityCardMarkdown(at.card, link) };
}
