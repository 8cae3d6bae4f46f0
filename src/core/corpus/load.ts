// Loading sources through a store: the core decides what a readable source is, the host does the I/O.
import { parseSource, type ParsedSource } from './ingest';
import type { SourceProblem } from './types';

/** The little the core needs from a file system; each host supplies one (workspace.fs, Node's fs, memory). */
export interface SourceStore {
  /** URIs or paths of candidate source files (the core keeps those `isSourceFile` accepts). */
  list(): Promise<string[]>;
  /** The file's bytes; may throw (the message is reported). */
  read(uri: string): Promise<Uint8Array>;
  /** True for a file bundled with Briefing Desk (shown read-only); without this method, none is. */
  isBundled?(uri: string): boolean;
  /** The user's entity overrides file (`OVERRIDES_FILE`) and its text, or undefined when there is none. */
  readEntityOverrides?(): Promise<{ uri: string; text: string } | undefined>;
}

/** File endings the core can read as sources. */
export const SOURCE_EXTENSIONS = ['.md', '.markdown', '.txt'];

/** Whether a file name looks like a source the core reads. */
export function isSourceFile(name: string): boolean {
  const lower = name.toLowerCase();
  return SOURCE_EXTENSIONS.some((e) => lower.endsWith(e));
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

/** Result of loading: the sources that could be read and the files that could not. */
export interface LoadResult {
  parsed: ParsedSource[];
  problems: SourceProblem[];
}

/** Reads every source the store lists; unreadable files become problems, never exceptions. `onRead` counts progress. */
export async function loadSources(
  store: SourceStore,
  onRead?: (done: number, total: number) => void,
): Promise<LoadResult> {
  const parsed: ParsedSource[] = [];
  const problems: SourceProblem[] = [];
  const uris = (await store.list()).filter(isSourceFile).sort();
  for (const [i, uri] of uris.entries()) {
    onRead?.(i, uris.length);
    const r = await readSource(store, uri);
    if ('reason' in r) problems.push(r);
    else parsed.push(r);
  }
  return { parsed, problems };
}

/** Reads one source through the store: the parsed source, or why it cannot be used (never an exception). */
export async function readSource(store: SourceStore, uri: string): Promise<ParsedSource | SourceProblem> {
  let bytes: Uint8Array;
  try {
    bytes = await store.read(uri);
  } catch (e) {
    return { uri, reason: `could not be read (${(e as Error).message})` };
  }
  return decodeSource(uri, bytes);
}
