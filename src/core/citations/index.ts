// Public surface of the citations module: parse, format and resolve pandoc citations.
export * from './types';
export { parseCitations, parseCitationsIn } from './parse';
export { formatCitation, formatLocator, spacedInsert, CitationFormatError } from './format';
export {
  citationAt,
  itemParagraphs,
  itemSpan,
  locatorIncludes,
  resolveIn,
  resolveItem,
  shownParagraphs,
  type ResolvedItem,
} from './resolve';
export * from './pages';
export { mergeSpans, scanMarkdown, spanAt, type Block, type MarkdownLayout, type Span } from './layout';
export { readLocator, type LocatorRead } from './locator';
