// The one list of source file types, and how each format's extractor is loaded (only when a file of it is met).
import type { Extracted, SourceFormat } from './types';

/** Every file ending read as a source, and its format. */
export const SOURCE_FORMATS: Readonly<Record<string, SourceFormat>> = {
  '.md': 'text',
  '.markdown': 'text',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** The format of a file, from its name; undefined when it is not a source type. */
export function formatOf(name: string): SourceFormat | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : SOURCE_FORMATS[name.slice(dot).toLowerCase()];
}

/** Human names, for messages and the extracted-text view. */
export const FORMAT_NAMES: Record<SourceFormat, string> = {
  text: 'text',
  html: 'web page',
  pdf: 'PDF',
  docx: 'Word document',
};

/**
 * Extracts a non-text file. The parsers are large, so each is imported the first time a file of its format is read;
 * the bundler keeps them out of the main bundle (see scripts/build.mjs).
 */
export async function extractFormat(format: Exclude<SourceFormat, 'text'>, bytes: Uint8Array): Promise<Extracted> {
  switch (format) {
    case 'html':
      return (await import('./html')).extractHtml(bytes);
    case 'pdf':
      return (await import('./pdf')).extractPdf(bytes);
    case 'docx':
      return (await import('./docx')).extractDocx(bytes);
  }
}
