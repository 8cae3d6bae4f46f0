// The saved index on the local file system (Node hosts): read by position (a warm start reads what it needs, a source
// text when it is first used), written piece by piece to a temp file that is then renamed over the old one (atomic: a
// reader sees the old file or the new one, never a part; an open file stays the old one).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IndexCacheStore, SavedIndexBytes } from '../core/cache';
import type { ByteSource } from '../core/corpus';

/** Reads of at most this many bytes share one buffer (the caller decodes or copies at once, see `ByteSource`). */
const SHARED_READ = 1 << 20;

/**
 * Closes a saved index's file once nothing reads it any more (every source text read from it is gone). A worker
 * thread that ends closes its open files itself (a `FileHandle` belongs to its thread).
 */
const unused = new FinalizationRegistry<fs.promises.FileHandle>((handle) => void handle.close().catch(() => undefined));

/**
 * The open file as `SavedIndexBytes`: `size` bytes, read by position. It stays open while the object is in use (a
 * rename over the path leaves this file whole), and is closed when the object is collected.
 */
function openedFile(handle: fs.promises.FileHandle, size: number): SavedIndexBytes {
  const file: SavedIndexBytes = { size, ...fileBytes(handle.fd, size) };
  unused.register(file, handle);
  return file;
}

/**
 * Positional reads of an open file (`fd`) of `size` bytes: `size` may be unknown to a thread given only the descriptor
 * (a read past the end then fails as a short file does).
 */
export function fileBytes(fd: number, size = Infinity): ByteSource {
  const shared = Buffer.allocUnsafeSlow(Math.min(size, SHARED_READ));
  return {
    fd,
    read(at, length, own) {
      if (at < 0 || length < 0 || at + length > size) throw new RangeError('read outside the saved index');
      const into = !own && length <= shared.length ? shared : Buffer.allocUnsafeSlow(length);
      for (let done = 0; done < length;) {
        const n = fs.readSync(fd, into, done, length - done, at + done);
        if (n === 0) throw new Error('the saved index is shorter than when it was opened');
        done += n;
      }
      return into.subarray(0, length);
    },
  };
}

/** One index file; a missing or unreadable file reads as none, and a failed write leaves the old file whole. */
export class FsCacheStore implements IndexCacheStore {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async read(): Promise<Uint8Array | undefined> {
    try {
      return await fs.promises.readFile(this.file);
    } catch {
      return undefined;
    }
  }

  async open(): Promise<SavedIndexBytes | undefined> {
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(this.file, 'r');
      const { size } = await handle.stat();
      return openedFile(handle, size);
    } catch {
      await handle?.close().catch(() => undefined);
      return undefined;
    }
  }

  async write(chunks: Iterable<Uint8Array>): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      const file = await fs.promises.open(tmp, 'w');
      try {
        // Each piece is written before the next is produced: the file is never whole in memory.
        for (const chunk of chunks) await file.write(chunk);
      } finally {
        await file.close();
      }
      await fs.promises.rename(tmp, this.file);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
  }
}

/** The user's cache folder for Briefing Desk: `$XDG_CACHE_HOME/briefing-desk`, else `~/.cache/briefing-desk`. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'briefing-desk');
}

/** The index file for one set of source folders (one file per distinct set, named by a hash of their paths). */
export function cacheFileFor(cacheDir: string, sourceDirs: string[]): string {
  const id = sourceDirs
    .map((d) => path.resolve(d))
    .sort()
    .join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return path.join(cacheDir, `index-${(h >>> 0).toString(16).padStart(8, '0')}.bdcache`);
}
