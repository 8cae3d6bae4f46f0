// The extension's SourceStore: the bundled seeds and the workspace's source globs, read through workspace.fs.
import * as vscode from 'vscode';
import { entryProblem, isSourceFile, UnusableEntry, type SourceProblem, type SourceStore } from '../../core/corpus';
import { OVERRIDES_FILE } from '../../core/entities';
import { setting } from '../config';
import type { Logger } from '../log';
import type { LocalListing } from '../../protocol/worker';
import { badEntries, globBase, kindOf, sourceSizeLimit, statProblem, type DiskEntryLister } from './entries';
import { HostTrace } from './hostTrace';

/** URIs turned into strings between two yields to the host's event loop. */
const URI_STEP = 1000;

/** Left out of every listing, besides the user's `files.exclude`. */
const EXCLUDE = '**/node_modules/**';

/** Lists and reads sources with VS Code's file system API, so remote and virtual workspaces work too. */
export class WorkspaceSourceStore implements SourceStore {
  readonly #seeds: vscode.Uri;
  readonly #log: Logger;
  readonly #diskLister: DiskEntryLister | undefined;
  readonly #trace: HostTrace;
  #skipped: SourceProblem[] = [];

  /** `diskLister`: how the desktop host names bad entries on disk (none in the browser); `trace` times the listing. */
  constructor(extensionUri: vscode.Uri, log: Logger, diskLister?: DiskEntryLister, trace = new HostTrace()) {
    this.#trace = trace;
    this.#seeds = vscode.Uri.joinPath(extensionUri, 'seeds');
    this.#log = log;
    this.#diskLister = diskLister;
  }

  /** The workspace's source globs (`briefingDesk.sources`), one pattern per folder; watchers use them too. */
  patterns(): vscode.RelativePattern[] {
    const globs = setting<string[]>('sources') ?? [];
    return (vscode.workspace.workspaceFolders ?? []).flatMap((f) => globs.map((g) => new vscode.RelativePattern(f, g)));
  }

  /** The overrides file of each workspace folder, for watching. */
  overridesPatterns(): vscode.RelativePattern[] {
    return (vscode.workspace.workspaceFolders ?? []).map((f) => new vscode.RelativePattern(f, OVERRIDES_FILE));
  }

  async list(): Promise<string[]> {
    const seeds = setting<boolean>('includeBundledSeeds') ? await this.#listSeeds() : [];
    const seen = new Set<string>(seeds);
    for (const p of this.patterns()) {
      const found = await this.#trace.span('findFiles', async () => vscode.workspace.findFiles(p, EXCLUDE));
      // Thousands of URIs: in steps, so the host answers other work between them.
      for (let i = 0; i < found.length; i += URI_STEP) {
        this.#trace.sync('URIs to strings', () => found.slice(i, i + URI_STEP).forEach((u) => seen.add(u.toString())));
        if (i + URI_STEP < found.length) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    // File search passes over FIFOs, devices and links that lead nowhere without a word: `skipped()` names them.
    const bad = await this.#trace.span('bad entries', () =>
      badEntries(vscode.workspace.workspaceFolders ?? [], setting<string[]>('sources') ?? [], this.#diskLister),
    );
    this.#skipped = bad.map((b) => ({ uri: b.uri.fsPath || b.uri.toString(), reason: b.reason }));
    return [...seen];
  }

  skipped(): SourceProblem[] {
    return this.#skipped;
  }

  /**
   * How `list` picks files, as rules a worker with its own disk access can apply (see LocalListing): only when every
   * folder (and the seeds) is on disk, bad entries are named on disk, and no exclude depends on sibling files
   * (`when`) nor are symbolic links left unfollowed. Otherwise undefined: the host lists.
   */
  localListing(): LocalListing | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const seeds = setting<boolean>('includeBundledSeeds');
    if (!this.#diskLister || folders.some((f) => f.uri.scheme !== 'file')) return undefined;
    if (seeds && this.#seeds.scheme !== 'file') return undefined;
    if (vscode.workspace.getConfiguration('search').get<boolean>('followSymlinks') === false) return undefined;
    const globs = setting<string[]>('sources') ?? [];
    const listed: LocalListing['folders'] = [];
    for (const f of folders) {
      const excludes = vscode.workspace.getConfiguration('files', f).get<Record<string, unknown>>('exclude') ?? {};
      const on = Object.entries(excludes).filter(([, v]) => v);
      if (on.some(([, v]) => v !== true)) return undefined;
      listed.push({ path: f.uri.fsPath, uri: f.uri.toString(), excludes: [...on.map(([g]) => g), EXCLUDE] });
    }
    const bases = [...new Set(globs.map(globBase))];
    return {
      folders: listed,
      globs,
      badEntryDirs: folders.flatMap((f) => bases.map((b) => vscode.Uri.joinPath(f.uri, b).fsPath)),
      seeds: seeds ? { path: this.#seeds.fsPath, uri: this.#seeds.toString() } : undefined,
      limit: sourceSizeLimit(),
    };
  }

  /** Reads a regular file under the size limit; anything else throws `UnusableEntry` (looked at with stat first). */
  async read(uri: string): Promise<Uint8Array> {
    const file = vscode.Uri.parse(uri);
    // Look before reading: a FIFO would block the read forever, a device never ends, a huge file fills memory.
    const problem = await statProblem(file, sourceSizeLimit());
    if (problem) throw new UnusableEntry(problem);
    return vscode.workspace.fs.readFile(file);
  }

  /** Size and mtime of a usable source; undefined for anything `read` would refuse (so a saved stamp is not trusted). */
  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    const st = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
    if (entryProblem({ kind: kindOf(st.type), size: st.size }, sourceSizeLimit())) return undefined;
    return { size: st.size, mtime: st.mtime };
  }

  isBundled(uri: string): boolean {
    return uri.startsWith(`${this.#seeds.toString()}/`);
  }

  /** The first workspace folder's `briefing-entities.json`, if one has it. */
  async readEntityOverrides(): Promise<{ uri: string; text: string } | undefined> {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(f.uri, OVERRIDES_FILE);
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue;
      }
      return { uri: uri.fsPath || uri.toString(), text: new TextDecoder().decode(bytes) };
    }
    return undefined;
  }

  async #listSeeds(): Promise<string[]> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(this.#seeds);
      return entries
        .filter(([name, type]) => type === vscode.FileType.File && isSourceFile(name))
        .map(([name]) => vscode.Uri.joinPath(this.#seeds, name).toString());
    } catch (e) {
      this.#log.warn(`The bundled seeds could not be listed: ${(e as Error).message}`);
      return [];
    }
  }
}
