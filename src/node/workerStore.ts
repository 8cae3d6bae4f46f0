// The index worker's own SourceStore in a workspace on disk (the desktop host): it lists the files by the rules of
// the extension host's file search (a LocalListing the host sends), so it picks exactly the files the host would,
// then stats and reads them itself. The extension host no longer searches thousands of files (a stall of its event
// loop); it only watches for changes.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { entryProblem, isSourceFile, sizeLimit, type SourceProblem, type SourceStore } from '../core/corpus';
import type { LocalListing } from '../protocol/worker';
import { entryKind, FsSourceStore } from './fsStore';

const SEP = '[/\\\\]';
const NOT_SEP = '[^/\\\\]';

/** Splits a glob at `char`, except inside braces and brackets (VS Code's `splitGlobAware`). */
function splitGlobAware(pattern: string, char: string): string[] {
  const out: string[] = [];
  let braces = false;
  let brackets = false;
  let current = '';
  for (const c of pattern) {
    if (c === char && !braces && !brackets) {
      out.push(current);
      current = '';
      continue;
    }
    if (c === '{') braces = true;
    else if (c === '}') braces = false;
    else if (c === '[') brackets = true;
    else if (c === ']') brackets = false;
    current += c;
  }
  if (current) out.push(current);
  return out;
}

const escape = (c: string) => c.replace(/[\\{}*+?|^$.[\]()]/g, '\\$&');

/** `**`: any number of whole path segments (also a trailing segment when it ends the glob). */
const globstar = (last: boolean) => `(?:${SEP}|${NOT_SEP}+${SEP}${last ? `|${SEP}${NOT_SEP}+` : ''})*?`;

/** One glob as a regular expression's source, the way VS Code's glob.ts (`parseRegExp`) builds it. */
function globSource(pattern: string): string {
  if (!pattern) return '';
  const segments = splitGlobAware(pattern, '/');
  if (segments.every((s) => s === '**')) return '.*';
  let out = '';
  let afterGlobstar = false;
  segments.forEach((segment, index) => {
    if (segment === '**') {
      if (!afterGlobstar) out += globstar(index === segments.length - 1);
      afterGlobstar = true;
      return;
    }
    let inBraces = false;
    let braces = '';
    let inBrackets = false;
    let brackets = '';
    for (const c of segment) {
      if (c !== '}' && inBraces) {
        braces += c;
        continue;
      }
      // `]` right after `[` is a literal `]`.
      if (inBrackets && (c !== ']' || !brackets)) {
        if (c === '-') brackets += c;
        else if ((c === '^' || c === '!') && !brackets) brackets += '^';
        else if (c !== '/') brackets += escape(c);
        continue;
      }
      if (c === '{') inBraces = true;
      else if (c === '[') inBrackets = true;
      else if (c === '}') {
        out += `(?:${splitGlobAware(braces, ',').map(globSource).join('|')})`;
        inBraces = false;
        braces = '';
      } else if (c === ']') {
        out += `[${brackets}]`;
        inBrackets = false;
        brackets = '';
      } else if (c === '?') out += NOT_SEP;
      else if (c === '*') out += `${NOT_SEP}*?`;
      else out += escape(c);
    }
    // The separator, unless only a trailing `**` follows (which matches the folder itself too).
    if (index < segments.length - 1 && (segments[index + 1] !== '**' || index + 2 < segments.length)) out += SEP;
    afterGlobstar = false;
  });
  return out;
}

/**
 * A glob of VS Code's syntax (`**`, `*`, `?`, `{a,b}`, `[a-z]`, `[!a]`) as a test of a path relative to its folder,
 * matching what VS Code's file search matches. Each `*` and `**` step stops at a separator, so a test is at worst
 * quadratic in one file name's length; an invalid class matches nothing, as in VS Code.
 */
export function globMatcher(glob: string): (relative: string) => boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^${globSource(glob.trim())}$`);
  } catch {
    return () => false;
  }
  return (relative) => re.test(relative);
}

/** A path segment as VS Code writes it in a URI: everything but `A–Z a–z 0–9 - . _ ~` percent-encoded (UTF-8). */
export function encodeSegment(name: string): string {
  return encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Lists the sources of a LocalListing as the host's file search would: in each folder every entry, hidden ones
 * too, symbolic links followed (a link back to a folder above is passed over, as is one that leads nowhere), an
 * excluded path left out with everything under it, a regular file kept when a source glob matches its path. The
 * seeds are the regular source files directly in their folder. URIs are written as the host writes them.
 */
export class LocalSourceStore implements SourceStore {
  readonly #listing: LocalListing;
  readonly #files: FsSourceStore;
  /** Where each listed URI is on disk. */
  #paths = new Map<string, string>();
  #skipped: SourceProblem[] = [];
  /**
   * The walks that looked for bad entries (every file under their folders stat'ed): a load's `stat` of a file they
   * saw takes their size and mtime, once, instead of asking the system again. Until the load is over (`loaded`).
   */
  #looked: FsSourceStore[] = [];

  constructor(listing: LocalListing) {
    this.#listing = listing;
    this.#files = new FsSourceStore([], { limit: listing.limit });
  }

  async list(): Promise<string[]> {
    const paths = new Map<string, string>();
    const { seeds, folders, globs } = this.#listing;
    if (seeds) {
      const entries = await fs.promises.readdir(seeds.path, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (e.isFile() && isSourceFile(e.name))
          paths.set(`${seeds.uri}/${encodeSegment(e.name)}`, path.join(seeds.path, e.name));
      }
    }
    const included = globs.map(globMatcher);
    for (const folder of folders) {
      const excluded = folder.excludes.map(globMatcher);
      const walk = async (dir: string, relative: string, names: string, above: Set<string>): Promise<void> => {
        let entries: fs.Dirent[];
        try {
          entries = await fs.promises.readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const rel = relative ? `${relative}/${e.name}` : e.name;
          if (excluded.some((x) => x(rel))) continue;
          const full = path.join(dir, e.name);
          let kind: 'file' | 'directory' | 'other' = e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other';
          let id: string | undefined;
          if (e.isSymbolicLink() || kind === 'directory') {
            let st: fs.Stats;
            try {
              st = fs.statSync(full);
            } catch {
              continue;
            }
            kind = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
            id = `${st.dev}:${st.ino}`;
          }
          const uri = `${names}/${encodeSegment(e.name)}`;
          if (kind === 'file' && included.some((m) => m(rel))) paths.set(uri, full);
          else if (kind === 'directory' && id && !above.has(id)) await walk(full, rel, uri, new Set(above).add(id));
        }
      };
      const top = await fs.promises.stat(folder.path).catch(() => undefined);
      if (top?.isDirectory()) await walk(folder.path, '', folder.uri, new Set([`${top.dev}:${top.ino}`]));
    }
    const skipped: SourceProblem[] = [];
    const looked: FsSourceStore[] = [];
    for (const dir of this.#listing.badEntryDirs) {
      // As listBadDiskEntries (no size limit: sizes are checked when a file is read; a missing folder lists nothing).
      const walk = new FsSourceStore([dir], { limit: sizeLimit(Number.MAX_SAFE_INTEGER, '') });
      if (
        !(await walk.list().then(
          () => true,
          () => false,
        ))
      )
        continue;
      looked.push(walk);
      for (const p of walk.skipped()) skipped.push({ uri: p.uri, reason: p.reason });
    }
    this.#paths = paths;
    this.#skipped = skipped;
    this.#looked = looked;
    return [...paths.keys()];
  }

  skipped(): SourceProblem[] {
    return this.#skipped;
  }

  /** What `stat` would give, if a bad-entry walk of this listing stat'ed the file (each handed out once). */
  listedStat(uri: string): { size: number; mtime: number } | undefined {
    const file = this.#path(uri);
    for (const walk of this.#looked) {
      const known = walk.listedStat(file);
      if (!known) continue;
      // A regular file (the walk had no size limit); its mtime in whole ms, rounded as Node rounds `Stats.mtime`.
      if (entryProblem({ kind: 'file', size: known.size }, this.#listing.limit)) return undefined;
      return { size: known.size, mtime: Math.round(known.mtime) };
    }
    return undefined;
  }

  /** The load that listed is over: a later `stat` asks the system. */
  loaded(): void {
    this.#looked = [];
  }

  isBundled(uri: string): boolean {
    const seeds = this.#listing.seeds;
    return !!seeds && uri.startsWith(`${seeds.uri}/`);
  }

  /**
   * Size and mtime (whole ms, as VS Code's stat) of a usable source; undefined for anything `read` would refuse.
   * Synchronous inside: a warm start stats every file, and a stat through the thread pool costs more than the stat.
   */
  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    const known = this.listedStat(uri);
    if (known) return known;
    const st = fs.statSync(this.#path(uri));
    if (entryProblem({ kind: entryKind(st), size: st.size }, this.#listing.limit)) return undefined;
    return { size: st.size, mtime: st.mtime.getTime() };
  }

  /** Reads a regular file under the size limit; anything else throws `UnusableEntry` without blocking. */
  read(uri: string): Promise<Uint8Array> {
    return this.#files.read(this.#path(uri));
  }

  /** The file a URI names: as listed, else (a file created since) from the URI itself. */
  #path(uri: string): string {
    return this.#paths.get(uri) ?? fileURLToPath(uri);
  }
}
