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

/** Host -> webview. */
export type HostMessage =
  | { type: 'didLoad'; sources: SourceView[]; entities: EntityView[]; entityTypes: string[] }
  | { type: 'didSearch'; id: number; query: string; results: PassageView[] }
  | { type: 'setQuery'; query: string }
  | { type: 'didShowEntity'; card: EntityCard };

/** Webview -> host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'didChangeQuery'; id: number; query: string; keys: string[] }
  | { type: 'insertCitation'; key: string; paragraph: number }
  | { type: 'insertQuote'; key: string; paragraph: number; selection?: string }
  | { type: 'openSource'; key: string; paragraph: number }
  | { type: 'copy'; key: string; paragraph: number; text: string }
  | { type: 'showEntity'; name: string };
