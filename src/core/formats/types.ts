// Plain data every format extractor returns: a title, the metadata the file carries, and its text blocks in order.

/** How a source file is read. `text` covers Markdown and plain text. */
export type SourceFormat = 'text' | 'html' | 'pdf' | 'docx';

/** One block of extracted text, in reading order. */
export interface Block {
  /** Headings become subheadings (outside the paragraph numbering); paragraphs are numbered ¶1..N. */
  kind: 'heading' | 'paragraph';
  /** The text, white space folded. */
  text: string;
  /** PDF: the page the block starts on (1-based). */
  page?: number;
  /** PDF: the page the block ends on, when it runs over a page break. */
  pageEnd?: number;
}

/** What an extractor found in a file. Every field but `blocks` is optional: a file may say nothing about itself. */
export interface Extracted {
  title?: string;
  /** Newspaper, site or publisher. */
  outlet?: string;
  authors?: string[];
  /** Publication date as found (any form `parseDate` reads). */
  date?: string;
  /** Canonical address of the page. */
  url?: string;
  /** Language tag (`en`, `en-GB`). */
  language?: string;
  /** PDF: number of pages. */
  pages?: number;
  blocks: Block[];
}

/** A file of a supported format that cannot be used; the message says why, in words a user can act on. */
export class FormatError extends Error {
  override name = 'SourceFormatError';
}

/** True for a FormatError, also one thrown by a separately bundled extractor (where `instanceof` cannot see it). */
export function isFormatError(e: unknown): e is FormatError {
  return e instanceof Error && e.name === 'SourceFormatError';
}
