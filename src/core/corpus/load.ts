// Loading sources through a store: the core decides what a readable source is, the host does the I/O.
import { fromExtracted } from '../formats/build';
import { extractFormat, formatOf, SOURCE_FORMATS } from '../formats/registry';
import { isFormatError } from '../formats/types';
import { parseSource, readDateline, type ParsedSource } from './ingest';
import { UnusableEntry } from './entry';
import type { SourceProblem } from './types';

/** The little the core needs from a file system; each host supplies one (workspace.fs, Node's fs, memory). */
export interface SourceStore {
  /** URIs or paths of candidate source files (the core keeps those `isSourceFile` accepts). */
  list(): Promise<string[]>;
  /** The file's bytes; may throw (the message is reported; an `UnusableEntry`'s message is the whole reason). */
  read(uri: string): Promise<Uint8Array>;
  /** True for a file bundled with Briefing Desk (shown read-only); without this method, none is. */
  isBundled?(uri: string): boolean;
  /** The user's entity overrides file (`OVERRIDES_FILE`) and its text, or undefined when there is none. */
  readEntityOverrides?(): Promise<{ uri: string; text: string } | undefined>;
  /** Entries the last `list()` passed over (a symbolic link loop, an unreadable folder), with the reason. */
  skipped?(): SourceProblem[];
  /** Size in bytes and modification time in ms, so a saved index can be reused without reading the file. */
  stat?(uri: string): Promise<{ size: number; mtime: number } | undefined>;
  /**
   * What `stat` would give, when the last `list()` already took it (each handed out once; undefined when not known,
   * and then `stat` is asked): a warm start then reuses 10,000 saved sources without an await for each.
   */
  listedStat?(uri: string): { size: number; mtime: number } | undefined;
}

/** File endings the core can read as sources (the one list is `SOURCE_FORMATS`). */
export const SOURCE_EXTENSIONS = Object.keys(SOURCE_FORMATS);

/** Whether a file name looks like a source the core reads. */
export function isSourceFile(name: string): boolean {
  return formatOf(name) !== undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Why bytes are not usable text. */
export type TextProblem = 'empty' | 'binary' | 'not-utf8' | 'blank';

/** Decodes a file's bytes as UTF-8 text (a leading BOM dropped), or says why they are not text. */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: TextProblem } {
  if (bytes.length === 0) return { problem: 'empty' };
  if (bytes.subarray(0, 8000).includes(0)) return { problem: 'binary' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { problem: 'not-utf8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trim() ? { text } : { problem: 'blank' };
}

const SOURCE_REASON: Record<TextProblem, string> = {
  empty: 'the file is empty',
  binary: 'the file is binary, not text',
  'not-utf8': 'the file is not valid UTF-8 text',
  blank: 'the file has only white space',
};

/** Decodes a file's bytes into a parsed source, or says in one line why it cannot be used. */
export function decodeSource(uri: string, bytes: Uint8Array): ParsedSource | SourceProblem {
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return { uri, reason: SOURCE_REASON[decoded.problem] };
  const parsed = parseSource(uri, decoded.text);
  if (!parsed.paragraphs.length) return { uri, reason: 'no paragraphs found after the title' };
  return parsed;
}

/**
 * Reads any source file: Markdown and text at once, web pages, PDFs and Word files through their extractors (loaded
 * the first time one is met). Never throws: a file that cannot be used comes back as a problem with its reason.
 */
export async function readSource(uri: string, bytes: Uint8Array): Promise<ParsedSource | SourceProblem> {
  const format = formatOf(uri.replace(/[?#].*$/, '')) ?? 'text';
  if (format === 'text') return decodeSource(uri, bytes);
  if (bytes.length === 0) return { uri, reason: SOURCE_REASON.empty };
  let parsed: ParsedSource;
  try {
    parsed = fromExtracted(uri, format, await extractFormat(format, bytes));
  } catch (e) {
    const reason = isFormatError(e) ? e.message : `could not be read (${(e as Error).message})`;
    return { uri, reason };
  }
  if (!parsed.paragraphs.length) return { uri, reason: 'no paragraphs found after the title' };
  // A dateline (`ISLAMABAD:`) opens news text whatever the format.
  for (const p of parsed.paragraphs.slice(0, 2)) {
    const dl = readDateline(p.text);
    if (!dl) continue;
    parsed.place = dl.place;
    parsed.date ??= dl.date;
    break;
  }
  return parsed;
}

/** Result of loading: the sources that could be read and the files that could not. */
export interface LoadResult {
  parsed: ParsedSource[];
  problems: SourceProblem[];
  /** How many source files the store listed. */
  listed: number;
}

/** Reads every source the store lists; unreadable files become problems, never exceptions. `onRead` counts progress. */
export async function loadSources(
  store: SourceStore,
  onRead?: (done: number, total: number) => void,
): Promise<LoadResult> {
  const parsed: ParsedSource[] = [];
  const listed = (await store.list()).filter(isSourceFile).sort();
  const problems: SourceProblem[] = [...(store.skipped?.() ?? [])];
  for (const [i, uri] of listed.entries()) {
    onRead?.(i, listed.length);
    const r = await readStoredSource(store, uri);
    if ('reason' in r) problems.push(r);
    else parsed.push(r);
  }
  return { parsed, problems, listed: listed.length };
}

/** Reads one source through the store: the parsed source, or why it cannot be used (never an exception). */
export async function readStoredSource(store: SourceStore, uri: string): Promise<ParsedSource | SourceProblem> {
  const bytes = await readStoredBytes(store, uri);
  return bytes instanceof Uint8Array ? readSource(uri, bytes) : bytes;
}

/** A source file's bytes through the store, or why they cannot be read (never an exception). */
export async function readStoredBytes(store: SourceStore, uri: string): Promise<Uint8Array | SourceProblem> {
  try {
    return await store.read(uri);
  } catch (e) {
    const unusable = e instanceof UnusableEntry;
    return { uri, reason: unusable ? e.message : `could not be read (${(e as Error).message})` };
  }
}
