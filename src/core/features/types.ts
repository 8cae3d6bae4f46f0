// Plain data the editor features compute in the core; hosts convert it to their own types.
import type { Citation } from '../citations/types';

/** A briefing as the features read it: its text and the citations parsed from it. */
export interface BriefingText {
  /** The whole document. */
  text: string;
  /** Its citations, in document order (`parseCitations(text)`; hosts cache them per version). */
  citations: Citation[];
}

/** Something a card's link asks the host to do. */
export type CardAction =
  | { command: 'openSource'; key: string; paragraph: number }
  | { command: 'searchSources'; query: string }
  | { command: 'showEntity'; name: string };

/** How a host turns an action into a link destination (VS Code: a `command:` URI of its own command id). */
export type LinkTarget = (action: CardAction) => string;

/** Hover content: Markdown over document offsets `start`..`end`. */
export interface HoverContent {
  /** Document offset where the hovered word starts. */
  start: number;
  /** Document offset just past it. */
  end: number;
  /** The card, as Markdown: source text escaped, links only to `CardAction`s. */
  markdown: string;
}

/** One completion item. */
export interface CompletionData {
  /** `key` after `[@`, `paragraph` after `, ¶`. */
  kind: 'key' | 'paragraph';
  /** The text inserted (a key, a paragraph number). */
  label: string;
  /** Quiet text right after the label: the paragraph's first words. */
  labelDetail?: string;
  /** Quiet text at the right: the source's date, the paragraph's section. */
  description?: string;
  /** One line on what the item is (`¶6 of Israel Calls India…`). */
  detail: string;
  /** Plain text shown beside the list: the whole paragraph (paragraph items). */
  documentation?: string;
  /**
   * The passage shown beside the list instead (key items: the source's opening paragraph), for the host to fetch when
   * the item is resolved: a list of thousands of keys carries no texts.
   */
  passage?: { key: string; paragraph: number };
  /** What typing is matched against. */
  filterText: string;
  /** Order in the list, when not by label. */
  sortText?: string;
}

/** Completions at a position: the items, and the document offsets they replace. */
export interface Completions {
  /** Document offset of the first character replaced (what is typed of the key or number so far). */
  start: number;
  /** Document offset just past it (the cursor). */
  end: number;
  /** The items, in order. */
  items: CompletionData[];
}
