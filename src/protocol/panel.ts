// Messages between the extension host and the side panel's webview. No vscode, Node or DOM imports.
import type { EntityCard } from '../core/entities';

/** A passage as the panel shows it. */
export interface PassageView {
  /** Source key (`@key`). */
  key: string;
  /** Source title. */
  title: string;
  /** Publication date `YYYY-MM-DD`, or null. */
  date: string | null;
  /** Paragraph number (¶). */
  paragraph: number;
  /** Paragraph text, split into segments; `match` segments are highlighted. Plain text: the webview escapes it. */
  segments: Array<{ text: string; match: boolean }>;
  /** Other names that stood in for query words: "matched Riyadh for Saudi Arabia". */
  notes: string[];
}

/** What to search and within what. */
export interface SearchRequest {
  /** Sequence number; the reply carries it, so the webview can drop outdated replies. */
  id: number;
  query: string;
  /** Only these sources (citation keys); empty for all. */
  keys: string[];
  /** Only sources dated on or after / before (`YYYY-MM-DD`), or empty. */
  from: string;
  to: string;
  /** Only passages that mention this entity, or empty. */
  entity: string;
}

/** A source as the panel lists it. */
export interface SourceView {
  key: string;
  title: string;
  date: string | null;
  paragraphs: number;
  bundled: boolean;
}

/** An entity as the panel lists it. */
export interface EntityView {
  name: string;
  type: string;
  mentions: number;
  sources: number;
  description: string | null;
}

/**
 * Host -> webview: events, named for what happened (`did…`). `didFocusSearch` follows the Search Sources
 * command: focus the search box, and search for `query` when one is given (the editor's selection).
 */
export type HostMessage =
  | { type: 'didLoad'; sources: SourceView[]; entities: EntityView[]; entityTypes: string[] }
  | { type: 'didSearch'; id: number; query: string; results: PassageView[] }
  | { type: 'didFocusSearch'; query?: string }
  | { type: 'didShowEntity'; card: EntityCard }
  /** Indexing advanced ("Indexing 3,400 of 10,000 sources"; searches answer from what is indexed so far), or ended (null). */
  | { type: 'didProgress'; text: string | null };

/** Webview -> host: requests, named for what the host should do. */
export type WebviewMessage =
  | { type: 'load' }
  | ({ type: 'search' } & SearchRequest)
  | { type: 'insertCitation'; key: string; paragraph: number }
  | { type: 'insertQuote'; key: string; paragraph: number; selection?: string }
  | { type: 'openSource'; key: string; paragraph: number }
  | { type: 'copy'; key: string; paragraph: number; text: string }
  | { type: 'showEntity'; name: string }
  | { type: 'focusEditor' };
