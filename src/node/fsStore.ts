// The CLI's I/O (Node only): a SourceStore over the local file system, and where the package keeps seeds and media.
import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_MAX_SOURCE_MB,
  entryProblem,
  isSourceFile,
  sizeLimit,
  UnusableEntry,
  type EntryKind,
  type SizeLimit,
  type SourceProblem,
  type SourceStore,
} from '../core/corpus';

/** How many directory entries are stat'ed before the thread is let go while listing. */
const STAT_BATCH = 64;

/** `fs.statSync`, its error returned rather than thrown. */
function statOrError(p: string): fs.Stats | Error {
  try {
    return fs.statSync(p);
  } catch (e) {
    return e as Error;
  }
}

/** The kind of entry a (followed) `fs.Stats` describes. */
export function entryKind(st: fs.Stats): EntryKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'other';
}

/** Why an entry could not be looked at, from a Node error. */
function errorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'is a symbolic link loop';
  if (code === 'ENOENT') return 'is a symbolic link to a file that does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${code ?? (e as Error).message})`;
}

/**
 * Lists source files under `dirs` (recursively; a file path lists itself) and reads them. Only regular
 * files no larger than the limit are read (symbolic links followed to them); a bad entry (a loop, a
 * dangling link, a FIFO, an unreadable folder) is passed over and reported by `skipped()`.
 */
export class FsSourceStore implements SourceStore {
  #dirs: string[];
  #bundled: boolean;
  #limit: SizeLimit;
  #skipped: SourceProblem[] = [];
  /** Size and mtime of each listed file, taken while listing and handed out once by `stat` (a load stats every listed
   * file right after listing). Two numbers, not the `fs.Stats` (with its four `Date`s) kept for 10,000 files. */
  #listed = new Map<string, { size: number; mtime: number }>();

  /** `bundled`: the files are Briefing Desk's own seeds; `limit`: the largest file read. */
  constructor(dirs: string[], options: { bundled?: boolean; limit?: SizeLimit } = {}) {
    this.#dirs = dirs;
    this.#bundled = options.bundled ?? false;
    this.#limit = options.limit ?? sizeLimit(DEFAULT_MAX_SOURCE_MB, '--max-source-mb');
  }

  isBundled(): boolean {
    return this.#bundled;
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const skipped: SourceProblem[] = [];
    const seen = new Set<string>();
    const listed = new Map<string, { size: number; mtime: number }>();
    /** An entry that is not a folder (or could not be stat'ed): listed, skipped or passed over. */
    const entry = (p: string, top: boolean, st: fs.Stats | Error): void => {
      if (st instanceof Error) {
        if (top || isSourceFile(p) || (st as NodeJS.ErrnoException).code === 'EACCES') {
          skipped.push({ uri: p, reason: errorReason(st) });
        }
      } else if (isSourceFile(p) || top) {
        const problem = entryProblem({ kind: entryKind(st), size: st.size }, this.#limit);
        if (problem) skipped.push({ uri: p, reason: problem });
        else {
          out.push(p);
          listed.set(p, { size: st.size, mtime: st.mtimeMs });
        }
      }
    };
    let sinceYield = 0;
    const folder = async (p: string, top: boolean, st: fs.Stats): Promise<void> => {
      const id = `${st.dev}:${st.ino}`;
      if (seen.has(id)) {
        // A folder given twice is listed once; one reached again from inside is a loop.
        if (!top) skipped.push({ uri: p, reason: 'is a symbolic link loop (a folder already listed)' });
        return;
      }
      seen.add(id);
      let names: string[];
      try {
        names = (await fs.promises.readdir(p)).sort();
      } catch (e) {
        skipped.push({ uri: p, reason: `folder ${errorReason(e)}` });
        return;
      }
      // `path.join(p, name)` for every name (a name read from a folder has no separator, and is never . or ..).
      const prefix = path.join(p, '_').slice(0, -1);
      // Entries are stat'ed synchronously, in order (a stat of a listed entry is a few microseconds; one through the
      // thread pool costs more than the stat), and the thread is let go every STAT_BATCH entries.
      for (const name of names) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const q = prefix + name;
        const cst = statOrError(q);
        if (!(cst instanceof Error) && cst.isDirectory()) await folder(q, false, cst);
        else entry(q, false, cst);
        if (++sinceYield >= STAT_BATCH) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    };
    for (const d of this.#dirs) {
      const st = await fs.promises.stat(d).catch((e: Error) => e);
      // A listed folder that is missing is the caller's usage error.
      if (st instanceof Error && !(await fs.promises.lstat(d).catch(() => undefined))) throw st;
      if (!(st instanceof Error) && st.isDirectory()) await folder(d, true, st);
      else entry(d, true, st);
    }
    this.#skipped = skipped;
    this.#listed = listed;
    return out;
  }

  /** Size and mtime of a usable source; undefined for anything `read` would refuse (so a saved stamp is not trusted). */
  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    const known = this.listedStat(uri);
    if (known) return known;
    const st = await fs.promises.stat(uri);
    if (entryProblem({ kind: entryKind(st), size: st.size }, this.#limit)) return undefined;
    return { size: st.size, mtime: st.mtimeMs };
  }

  listedStat(uri: string): { size: number; mtime: number } | undefined {
    const known = this.#listed.get(uri);
    this.#listed.delete(uri);
    return known;
  }

  skipped(): SourceProblem[] {
    return this.#skipped;
  }

  /** Reads a regular file, at most the size limit; anything else throws `UnusableEntry` without blocking. */
  async read(uri: string): Promise<Uint8Array> {
    // O_NONBLOCK: opening a FIFO never waits for a writer; the stat below then turns it away.
    const handle = await fs.promises.open(uri, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      const st = await handle.stat();
      const problem = entryProblem({ kind: entryKind(st), size: st.size }, this.#limit);
      if (problem) throw new UnusableEntry(problem);
      // Read what stat promised, never more than the limit (a file growing meanwhile is cut there).
      const buf = Buffer.alloc(Math.min(st.size, this.#limit.bytes));
      let n = 0;
      while (n < buf.length) {
        const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
        if (!bytesRead) break;
        n += bytesRead;
      }
      return buf.subarray(0, n);
    } finally {
      await handle.close();
    }
  }
}

/** The folder of sources bundled with Briefing Desk, found from a file inside the package. */
export function bundledSeedsDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'seeds');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(from, '..', 'seeds');
}

/** The folder the Briefing Desk package lives in (holds seeds/ and media/). */
export function packageRoot(from: string = __dirname): string {
  return path.dirname(bundledSeedsDir(from));
}
