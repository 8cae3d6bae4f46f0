// Hover cards on Markdown briefings: the core computes them (cited passage, entity card); this fetches the cited
// source's paragraph texts from the desk and converts them.
import * as vscode from 'vscode';
import { citationAt } from '../../core/citations';
import { citationHover } from '../../core/features/citationHover';
import { entityCardMarkdown } from '../../core/features/entityHover';
import type { HoverContent, LinkTarget } from '../../core/features/types';
import { CARD_COMMANDS, commandTarget } from '../commandIds';
import { setting } from '../config';
import { toRange } from '../convert';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

/** What the hover provider is told rather than looks up. */
export interface HoverOptions {
  /** Whether citation cards are on. */
  citations: () => boolean;
  /** Whether entity cards are on. */
  entities: () => boolean;
  /** Link destinations for the cards' actions. */
  link: LinkTarget;
  /** The commands those links may run. */
  commands: string[];
}

/** Shows the core's citation card, else its entity card, at the hovered position. */
export class BriefingHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly sources: SourcesService,
    private readonly briefings: BriefingDocuments,
    private readonly options: HoverOptions,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken) {
    if (!this.briefings.isBriefing(document)) return;
    const offset = document.offsetAt(position);
    const { link } = this.options;
    if (this.options.citations()) {
      const briefing = this.briefings.briefing(document);
      const key = citationAt(briefing.citations, offset)?.item.key;
      if (key !== undefined) {
        // The host's copy of the sources has no texts: the cited source's come from the desk.
        const corpus = await this.sources.withTexts([key]);
        if (token.isCancellationRequested) return;
        const card = citationHover(briefing, offset, corpus, link);
        if (card) return this.#toHover(document, card);
      }
    }
    if (!this.options.entities()) return;
    // The entity index lives with the desk (in the worker): ask it.
    const at = await this.sources.entityAt(document.getText(), offset);
    if (!at || token.isCancellationRequested) return;
    return this.#toHover(document, { start: at.start, end: at.end, markdown: entityCardMarkdown(at.card, link) });
  }

  #toHover(document: vscode.TextDocument, card: HoverContent): vscode.Hover {
    const md = new vscode.MarkdownString(card.markdown, true);
    md.isTrusted = { enabledCommands: this.options.commands };
    md.supportHtml = false;
    return new vscode.Hover(md, toRange(document, card.start, card.end));
  }
}

/** Registers the hover provider for Markdown; returns its disposables. */
export function registerHovers(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const provider = new BriefingHoverProvider(sources, briefings, {
    citations: () => setting<boolean>('hover.citations.enabled') !== false,
    entities: () => setting<boolean>('hover.entities.enabled') !== false,
    link: commandTarget,
    commands: CARD_COMMANDS,
  });
  return [vscode.languages.registerHoverProvider({ language: 'markdown' }, provider)];
}
