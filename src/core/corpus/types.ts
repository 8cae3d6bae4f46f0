// Plain data for sources and their passages. Everything else in the core speaks these types.
import type { SourceFormat } from '../formats/types';

/** Metadata a source may declare in YAML front matter. */
export interface FrontMatter {
  /** Citation key chosen by the author; overrides the derived key. */
  key?: string;
  /** Title of the article or report. */
  title?: string;
  /** Publication date, any format `parseDate` understands. */
  date?: string;
  /** Where the source can be read online. */
  url?: string;
  /** Newspaper, agency or publisher. */
  outlet?: string;
  /** Authors, in the order they are credited. */
  authors?: string[];
  /** When a web source was read (`YYYY-MM-DD`), for the bibliography. */
  accessed?: string;
}

/** One numbered body paragraph of a source (¶n). */
export interface Paragraph {
  /** 1-based paragraph number, as cited with `¶n`. */
  n: number;
  /** The paragraph text as in the file, with line breaks and runs of spaces folded to one space. */
  text: string;
  /** Offset of the paragraph's first character in the source file's text (UTF-16 code units). */
  start: number;
  /** Offset just past the paragraph's last character in the file's text. */
  end: number;
  /** 0-based line of `start` in the file. */
  line: number;
  /** The subheading the paragraph falls under, if the source has any. */
  section?: string;
  /** PDF sources: the page the paragraph starts on (1-based). */
  page?: number;
  /** PDF sources: the page it ends on, when it runs over a page break. */
  pageEnd?: number;
}

/** A source document, cleaned and split into paragraphs. */
export interface Source {
  /** Citation key, unique in its corpus (`@key`). */
  key: string;
  /** Where the file lives: a path or URI string, as handed in. */
  uri: string;
  /** Title from front matter, else the first non-empty line. */
  title: string;
  /** Publication date as `YYYY-MM-DD`, or null when none could be found. */
  date: string | null;
  /** Dateline place (`ISLAMABAD:`), or null. */
  place: string | null;
  /** Outlet from front matter, or null. */
  outlet: string | null;
  /** URL from front matter, or null. */
  url: string | null;
  /** Authors from front matter (may be empty). */
  authors: string[];
  /** Body paragraphs ¶1..N. */
  paragraphs: Paragraph[];
  /** The file's full text as read (offsets in `paragraphs` point into it). */
  text: string;
  /** True for the sources bundled with Briefing Desk. */
  bundled: boolean;
  /** How the file was read; absent or `text` for Markdown and plain text (shown as they are). */
  format?: SourceFormat;
  /** PDF sources: the number of pages (page locators are checked against it). */
  pages?: number;
  /** Language of the page, when it says. */
  language?: string;
  /** When a web source was read (`YYYY-MM-DD`), from front matter. */
  accessed?: string;
}

/** A file that could not be turned into a source, and why. */
export interface SourceProblem {
  /** The file's path or URI. */
  uri: string;
  /** A one-line reason a user can act on. */
  reason: string;
}

/** Something wrong in a source that did not stop it being read (bad front matter, a key already taken). */
export interface SourceWarning {
  /** 0-based line in the file. */
  line: number;
  /** One line a user can act on. */
  message: string;
}

/** A warning with the file it belongs to. */
export interface SourceFileWarning extends SourceWarning {
  /** The file's path or URI. */
  uri: string;
}
