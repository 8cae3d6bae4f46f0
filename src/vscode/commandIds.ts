// Every command and view id the extension uses, in one place (package.json declares the same ids).
import type { CardAction } from '../core/features/types';

/** Command ids, by what they do. */
export const COMMANDS = {
  insertCitation: 'briefingDesk.insertCitation',
  insertQuote: 'briefingDesk.insertQuote',
  searchSources: 'briefingDesk.searchSources',
  openSource: 'briefingDesk.openSource',
  showEntity: 'briefingDesk.showEntity',
  reindex: 'briefingDesk.reindex',
  showLog: 'briefingDesk.showLog',
  openPreview: 'briefingDesk.openPreview',
  exportHtml: 'briefingDesk.exportHtml',
  addSourceFromUrl: 'briefingDesk.addSourceFromUrl',
  openOriginal: 'briefingDesk.openOriginal',
} as const;

/** The side panel's view id (package.json `views`). */
export const PANEL_VIEW_ID = 'briefingDesk.panel';

/** The command VS Code adds to focus the panel. */
export const FOCUS_PANEL = `${PANEL_VIEW_ID}.focus`;

/** The status bar item's id. */
export const STATUS_ITEM_ID = 'briefingDesk.status';

/** The commands a card's links may run (a hover's `isTrusted.enabledCommands`). */
export const CARD_COMMANDS: string[] = [COMMANDS.openSource, COMMANDS.searchSources, COMMANDS.showEntity];

/** A card action as a `command:` link destination; parentheses are encoded so the Markdown link stays whole. */
export function commandTarget(action: CardAction): string {
  const [id, args] =
    action.command === 'openSource'
      ? [COMMANDS.openSource, [action.key, action.paragraph]]
      : action.command === 'searchSources'
        ? [COMMANDS.searchSources, [action.query]]
        : [COMMANDS.showEntity, [action.name]];
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `command:${id}?${query}`;
}
