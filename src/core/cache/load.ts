// Loading sources with a saved index: a file whose size and mtime (or, once read, content hash) match its saved stamp
// is not parsed again. The host supplies `stat`; without it every file is read and hashed, and still not re-parsed.
import { isSourceFile, readSource, readStoredBytes, type SourceStore } from '../corpus/load';
import type { ParsedSource } from '../corpus/ingest';
import type { SourceProblem } from '../corpus/types';
import { hashBytes, type CachedSource, type SavedIndexBytes } from './format';

/** How close to the index's save time an mtime must be for the file to be hashed rather than trusted. */
const RACY_MS = 2000;

/** Where a host keeps the saved index's bytes. `write` must be atomic (a temp file, then a rename). */
export interface IndexCacheStore {
  /** The saved bytes, or undefined when there are none (a read error counts as none). */
  read(): Promise<Uint8Array | undefined>;
  /**
   * Replaces the saved bytes atomically with `chunks`, one after another. The pieces are produced as they are taken
   * (each about a megabyte) and a piece's memory is reused for the next: a store writes each before taking the next
   * (and never holds the whole file), or copies them (`joinChunks`, for a store that writes whole files). Throwing
   * (or a piece throwing) leaves the old bytes in place.
   */
  write(chunks: Iterable<Uint8Array>): Promise<void>;
  /**
   * The saved file opened for reads by position, or undefined when there is none (stores that can read a file by
   * position while it is in use: the Node file system). A warm start then reads the parts it needs, and each source
   * text when it is first used, instead of the whole file. The file must keep giving the same bytes while it is open:
   * `write` replaces the file by a rename, so an open file is the old one, whole, until it is closed (and it is closed
   * once nothing uses it any more).
   */
  open?(): Promise<SavedIndexBytes | undefined>;
}

/** What a load with a saved index found. */
export interface StampedLoad {
  parsed: ParsedSource[];
  problems: SourceProblem[];
  /** Every readable source with its stamp, by URI (what the next save writes). */
  entries: Map<string, CachedSource>;
  /** Sources taken from the saved index without parsing. */
  reused: number;
  /** How many source files the store listed. */
  listed: number;
}

/**
 * Reads every source the store lists, reusing `saved` entries whose stamps still match. `listing`: the store's
 * `list()`, when the caller started it earlier (so it ran while the saved index was read).
 */
export async function loadStamped(
  store: SourceStore,
  saved: Map<string, CachedSource> | undefined,
  onRead?: (done: number, total: number) => void,
  savedAt = 0,
  listing?: Promise<string[]>,
): Promise<StampedLoad> {
  const uris = (await (listing ?? store.list())).filter(isSourceFile).sort();
  const out: StampedLoad = {
    parsed: [],
    problems: [...(store.skipped?.() ?? [])],
    entries: new Map(),
    reused: 0,
    listed: uris.length,
  };
  for (let i = 0; i < uris.length; i++) {
    const uri = uris[i];
    onRead?.(i, uris.length);
    const prev = saved?.get(uri);
    // Stamped while listing and unchanged since it was saved: taken as it is, without a read or an await.
    const listed = prev && store.listedStat?.(uri);
    if (prev && listed && stampMatches(prev, listed, store.isBundled?.(uri) ?? false, savedAt)) {
      out.parsed.push(prev.parsed);
      out.entries.set(uri, prev);
      out.reused++;
      continue;
    }
    const r = await readStamped(store, uri, prev, savedAt, listed);
    if ('reason' in r) {
      out.problems.push(r);
      continue;
    }
    out.parsed.push(r.entry.parsed);
    out.entries.set(uri, r.entry);
    if (r.reused) out.reused++;
  }
  return out;
}

/** True when a saved source can be reused by its stamp alone: same size and mtime, saved well after that mtime. */
function stampMatches(
  prev: CachedSource,
  st: { size: number; mtime: number },
  bundled: boolean,
  savedAt: number,
): boolean {
  // A file written just before the index was saved may change again within the same mtime tick: hash it (as git does).
  const settled = prev.stamp.mtime < savedAt - RACY_MS;
  return settled && prev.bundled === bundled && st.size === prev.stamp.size && st.mtime === prev.stamp.mtime;
}

/** One source: the saved entry when its stamp matches, else read (and parsed unless the content hash matches).
 * `listed`: its stamp as the listing took it (else the store's `stat` is asked). */
export async function readStamped(
  store: SourceStore,
  uri: string,
  prev: CachedSource | undefined,
  savedAt = -Infinity,
  listed?: { size: number; mtime: number },
): Promise<{ entry: CachedSource; reused: boolean } | SourceProblem> {
  const bundled = store.isBundled?.(uri) ?? false;
  let st: { size: number; mtime: number } | undefined = listed;
  try {
    st ??= await store.stat?.(uri);
  } catch {
    st = undefined;
  }
  if (prev && st && stampMatches(prev, st, bundled, savedAt)) return { entry: prev, reused: true };
  const bytes = await readStoredBytes(store, uri);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const stamp = { size: bytes.length, mtime: st?.mtime ?? -1, hash: hashBytes(bytes) };
  if (prev && prev.bundled === bundled && prev.stamp.hash === stamp.hash && prev.stamp.size === stamp.size) {
    return { entry: { ...prev, stamp }, reused: true };
  }
  const r = await readSource(uri, bytes);
  if ('reason' in r) return r;
  return { entry: { uri, stamp, bundled, parsed: r }, reused: false };
}
