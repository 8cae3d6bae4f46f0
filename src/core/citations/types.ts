// Plain data for pandoc citations found in a briefing, with the document offsets of every part.

/** A paragraph locator (`¶3`, `paras. 3-4`, `¶3, 5`). */
export interface Locator {
  /** Lowest paragraph cited. */
  from: number;
  /** Highest paragraph cited (equal to `from` for one paragraph). */
  to: number;
  /** Every range as written, `[from, to]`, in order (`¶3, 5-6` gives `[[3, 3], [5, 6]]`); a range may run backwards. */
  ranges: Array<[number, number]>;
  /** The locator text as written (`¶¶3-4`, `para. 3`). */
  raw: string;
  /** Document offset of the locator's first character. */
  start: number;
  /** Document offset just past the locator. */
  end: number;
}

/** A locator pandoc understands but that does not name paragraphs (`p. 3`, `chap. 2`, a bare `3`). */
export interface OtherLocator {
  /** The label as written (`p.`, `chap.`), or '' for a bare number. */
  label: string;
  /** The locator text as written. */
  raw: string;
  /** Document offset of the locator's first character. */
  start: number;
  /** Document offset just past the locator. */
  end: number;
}

/** A paragraph label with no valid paragraph numbers after it (`¶`, `¶x`, `¶-1`, `¶1e5`, `para -3`). */
export interface InvalidLocator {
  /** The locator text as written, up to the next comma. */
  raw: string;
  /** Document offset of its first character. */
  start: number;
  /** Document offset just past it. */
  end: number;
  /** The locator it was most likely meant to be (`¶1` for `¶-1`), when that is clear. */
  suggestion?: string;
}

/** One cited source inside a citation. */
export interface CiteItem {
  /** The citation key, without `@` or braces. */
  key: string;
  /** Document offset of the key's first character (after `@` or `@{`). */
  keyStart: number;
  /** Document offset just past the key. */
  keyEnd: number;
  /** Text before the key (`see`), trimmed. */
  prefix: string;
  /** Text after the key and its locator (`, emphasis added`), trimmed. */
  suffix: string;
  /** The paragraphs cited, or null when the item has no paragraph locator. */
  locator: Locator | null;
  /** A locator that names something other than paragraphs, or null. */
  otherLocator: OtherLocator | null;
  /** A paragraph locator that cannot be read, if the item has one; it then has no `locator`. */
  invalidLocator?: InvalidLocator;
  /** True for `-@key` (author suppressed). */
  suppressAuthor: boolean;
  /** Document offset of the item's first character (its prefix, `-` or `@`). */
  start: number;
  /** Document offset just past the item (its suffix or key). */
  end: number;
}

/** A citation: `[see @a, ¶2; @b]` or in-text `@a [¶2]`. */
export interface Citation {
  /** Document offset of `[` or, in-text, of `@`. */
  start: number;
  /** Document offset just past `]` or, in-text, past the key or its bracketed locator. */
  end: number;
  /** True for an in-text citation (`@key`, `@key [¶3]`). */
  inText: boolean;
  /**
   * The cited sources, in order. In-text: the key written in the text first, then any items its bracket adds
   * (`@a [p. 3; @b]`, pandoc's form); usually just the one.
   */
  items: CiteItem[];
}
