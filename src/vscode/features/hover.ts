// Hover cards on Markdown briefings: the cited passage on a citation, the entity card on a name.
import * as vscode from 'vscode';
import { citedPages, itemParagraphs, type CiteItem } from '../../core/citations';
import { pageLabel, type Source } from '../../core/corpus';
import type { EntityCard } from '../../core/entities';
import { setting } from '../config';
import { toRange } from '../convert';
import { Card, commandLink } from '../markdownCard';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

const CITATION_COMMANDS = ['briefingDesk.openSource', 'briefingDesk.searchSources'];
const ENTITY_COMMANDS = ['briefingDesk.openSource', 'briefingDesk.searchSources', 'briefingDesk.showEntity'];
const TYPE_LABEL: Record<string, string> = {
  person: 'Person', organization: 'Organisation', place: 'Place', weapon_system: 'Weapon system',
  event: 'Event', agreement: 'Agreement', group: 'Grouping',
};

/** Renders an entity card as hover Markdown: escaped text, command links to the sources that mention it. */
export function entityCardMarkdown(card: EntityCard): vscode.MarkdownString {
  const c = new Card(ENTITY_COMMANDS);
  c.raw('$(symbol-misc) ').heading(card.name).raw('*').text(TYPE_LABEL[card.type] ?? card.type).raw('*');
  if (card.aliases.length) c.raw(' · also ').text(card.aliases.filter((a) => a !== card.name).join(', '));
  c.raw('\n\n');
  if (card.description) c.text(card.description).raw('\n\n');
  if (card.ambiguity) c.raw('$(warning) ').text(card.ambiguity).raw('\n\n');
  if (card.mentionsBySource.length) {
    c.raw('**Mentioned in**\n\n');
    for (const m of card.mentionsBySource) {
      c.raw('- ').raw(commandLink(`@${m.key}`, 'briefingDesk.openSource', [m.key, m.paragraphs[0]])).raw(' ')
        .text(`¶${m.paragraphs.join(', ¶')}`).raw(' — ').text(m.title).raw('\n');
    }
    c.raw('\n');
  }
  const passage = card.passages[0];
  if (passage) c.quote(passage.text).raw('— ').text(`@${passage.key}, ¶${passage.paragraph}`).raw('\n\n');
  if (card.related.length) c.raw('**Related:** ').text(card.related.slice(0, 5).map((r) => r.name).join(', ')).raw('\n\n');
  c.raw(commandLink('Search sources', 'briefingDesk.searchSources', [card.name]));
  return c.md;
}

/** Registers the hover provider for Markdown; returns its disposables. */
export function registerHovers(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position, token) {
      if (!briefings.isBriefing(document)) return;
      if (setting<boolean>('hover.citations.enabled') !== false) {
        const hit = briefings.itemAt(document, position);
        if (hit) return citationHover(document, hit.item, hit.source);
      }
      if (setting<boolean>('hover.entities.enabled') !== false) {
        const index = await sources.entities();
        if (token.isCancellationRequested) return;
        const offset = document.offsetAt(position);
        const m = index.mentionsIn(document.getText()).find((x) => x.start <= offset && offset < x.end);
        if (!m) return;
        const card = index.card(m.entity, sources.library.sources);
        const md = entityCardMarkdown(m.ambiguous?.length && !card.ambiguity
          ? { ...card, ambiguity: `Could also be ${m.ambiguous.map((e) => e.name).join(' or ')}.` }
          : card);
        return new vscode.Hover(md, toRange(document, m.start, m.end));
      }
      return;
    },
  };
  return [vscode.languages.registerHoverProvider({ language: 'markdown' }, provider)];
}

function citationHover(document: vscode.TextDocument, item: CiteItem, source: Source | undefined): vscode.Hover {
  const c = new Card(CITATION_COMMANDS);
  const range = toRange(document, item.keyStart, item.locator?.end ?? item.otherLocator?.end ?? item.keyEnd);
  if (!source) {
    c.raw('$(error) ').text(`Unknown source @${item.key}`).raw('\n\n').raw(commandLink('Search sources', 'briefingDesk.searchSources', [item.key]));
    return new vscode.Hover(c.md, range);
  }
  c.raw('$(book) ').heading(source.title);
  c.text([source.date ?? 'undated', source.place, source.outlet].filter(Boolean).join(' · ')).raw(' · ').text(`@${source.key}`).raw('\n\n');
  const from = item.locator?.from ?? 1;
  const to = item.locator ? item.locator.to : 1;
  const pages = item.locator ? null : citedPages(item, source);
  const paras = pages ? itemParagraphs(item, source) : source.paragraphs.filter((p) => p.n >= from && p.n <= to);
  if (!paras.length && pages) c.raw('$(error) ').text(`${item.otherLocator!.raw} is out of range: the source has ${source.pages} pages.`).raw('\n\n');
  else if (!paras.length) c.raw('$(error) ').text(`¶${from}${to !== from ? `–${to}` : ''} is out of range: the source has ${source.paragraphs.length} paragraphs.`).raw('\n\n');
  if (!item.locator && !pages) c.raw('*Opening paragraph*\n\n');
  for (const p of paras.slice(0, 3)) c.raw(`**¶${p.n}**${p.page ? ` · ${pageLabel(p.page, p.pageEnd)}` : ''}\n\n`).quote(p.text);
  if (paras.length > 3) c.text(`… and ${paras.length - 3} more paragraphs`).raw('\n\n');
  c.raw(commandLink('Open source', 'briefingDesk.openSource', [source.key, paras[0]?.n ?? 1]))
    .raw(' · ')
    .raw(commandLink('Search sources', 'briefingDesk.searchSources', [source.title]));
  return new vscode.Hover(c.md, range);
}
