// Adding a source from a URL or a file, host-neutral: what to save, under which name. Hosts fetch or read the bytes
// (fetchUrl), ask this module for the file to write, and write it where sources live.
import type { ParsedSource } from '../core/corpus/ingest';
import { readSource } from '../core/corpus/load';
import { contentFormat, freshKey, savedMarkdown } from '../core/formats/save';

/** What arrived: the bytes, their content type when fetched, the address or file name they came from. */
export interface Incoming {
  bytes: Uint8Array;
  contentType?: string | null;
  /** The address after redirects (web) or undefined (a local file). */
  url?: string;
  /** A name to tell the format by when there is no content type (a file name or the URL's path). */
  name: string;
}

/** The file to write for a new source. */
export interface Planned {
  /** File name inside the sources folder (`india-israel-ink-2025.md`). */
  fileName: string;
  bytes: Uint8Array;
  /** The key the source will have. */
  key: string;
  /** The source as it will be read. */
  parsed: ParsedSource;
}

/** A source that cannot be added, and why (one line). */
export class AddSourceError extends Error {
  override name = 'AddSourceError';
}

const EXT = { html: 'md', text: 'md', pdf: 'pdf', docx: 'docx' } as const;

/**
 * Decides how to save what arrived: web pages and text as Markdown with front matter (a key that is not `taken`),
 * PDFs and Word files as themselves. `exists` says whether a file name is used in the target folder: nothing is
 * ever overwritten. Throws AddSourceError for unsupported types and files that hold no usable text.
 */
export async function planSource(
  incoming: Incoming,
  opts: { taken: (key: string) => boolean; exists: (fileName: string) => boolean; today: string },
): Promise<Planned> {
  const format = contentFormat(incoming.contentType, incoming.name);
  if (typeof format !== 'string') throw new AddSourceError(format.refused);
  const probeName = `incoming.${format === 'text' ? 'txt' : format}`;
  const read = await readSource(probeName, incoming.bytes);
  if ('reason' in read) throw new AddSourceError(`${incoming.url ?? incoming.name}: ${read.reason}`);
  const ext = EXT[format];
  const key = freshKey(read.title, read.date, (k) => opts.taken(k) || opts.exists(`${k}.${ext}`));
  const fileName = `${key}.${ext}`;
  if (ext !== 'md') return { fileName, bytes: incoming.bytes, key, parsed: { ...read, uri: fileName } };
  const text = savedMarkdown(read, key, { url: incoming.url, accessed: opts.today });
  const parsed = await readSource(fileName, new TextEncoder().encode(text));
  if ('reason' in parsed) throw new AddSourceError(`${incoming.url ?? incoming.name}: ${parsed.reason}`);
  return { fileName, bytes: new TextEncoder().encode(text), key, parsed };
}

/** Today as `YYYY-MM-DD` (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
