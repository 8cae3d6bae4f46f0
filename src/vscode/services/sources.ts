// Keeps the library in step with the bundled seeds and the workspace's sources, reading through vscode.workspace.fs.
import * as vscode from 'vscode';
import { readSource, type ParsedSource } from '../../core/corpus';
import type { EntityIndex } from '../../core/entities';
import { Library } from '../../core/library';
import { onSettingChange, setting } from '../config';
import type { Logger } from '../log';
import { badEntries, sourceSizeLimit, statProblem } from './entries';

/** Files to read in one go before yielding the extension host to others. */
const BATCH = 25;
/** Above this many files, indexing shows progress in the status bar. */
const PROGRESS_THRESHOLD = 50;

const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The sources in use and their indexes, loaded in the background and updated as files change. */
export class SourcesService implements vscode.Disposable {
  readonly library = new Library();
  readonly #extensionUri: vscode.Uri;
  readonly #log: Logger;
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly #disposables: vscode.Disposable[] = [this.#onDidChange];
  #watchers: vscode.Disposable[] = [];
  #ready: Promise<void>;
  #pending = new Map<string, ReturnType<typeof setTimeout>>();

  /** Fires after sources were added, changed or removed. */
  readonly onDidChange = this.#onDidChange.event;

  constructor(extensionUri: vscode.Uri, log: Logger) {
    this.#extensionUri = extensionUri;
    this.#log = log;
    this.library.onEntityError = (e) => log.error('Entity extraction failed; entity cards are off until the sources change', e);
    this.#ready = this.reload();
    this.#disposables.push(
      onSettingChange(['sources', 'includeBundledSeeds', 'maxSourceSizeMB'], () => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  /** Resolves once the first load (or the latest reload) has finished. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** The entity index, extracted in steps in the background after every change; resolves when it is current. */
  async entities(): Promise<EntityIndex> {
    await this.#ready;
    return this.library.entitiesInSteps(yieldToHost);
  }

  /** Reads every source again, from scratch. */
  reload(): Promise<void> {
    this.#ready = this.#load().catch((e) => this.#log.error('Loading sources failed', e));
    return this.#ready;
  }

  dispose(): void {
    for (const t of this.#pending.values()) clearTimeout(t);
    vscode.Disposable.from(...this.#disposables, ...this.#watchers).dispose();
  }

  async #load(): Promise<void> {
    const seeds = setting<boolean>('includeBundledSeeds') ? await this.#listSeeds() : [];
    const workspace = await this.#listWorkspace();
    this.#watch();
    const total = seeds.length + workspace.length;
    const run = async (progress?: vscode.Progress<{ message?: string; increment?: number }>) => {
      const bundled = await this.#readAll(seeds, (n) => progress?.report({ increment: (100 * n) / total }));
      const own = await this.#readAll(workspace, (n) => progress?.report({ increment: (100 * n) / total }));
      const keep = new Set([...bundled, ...own].map((p) => p.uri));
      this.library.remove(this.library.sources.map((s) => s.uri).filter((u) => !keep.has(u)));
      // Index in batches so a large corpus never holds the shared extension host for long.
      for (const [list, isBundled] of [[bundled, true], [own, false]] as const) {
        for (let i = 0; i < list.length; i += BATCH) {
          this.library.set(list.slice(i, i + BATCH), isBundled);
          await yieldToHost();
        }
      }
      await this.#loadEntityOverrides();
    };
    if (total > PROGRESS_THRESHOLD) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Briefing Desk: indexing sources' }, run);
    } else await run();
    for (const s of this.library.sources) this.#log.info(`Indexed @${s.key}: “${s.title}” (${s.paragraphs.length} ¶) from ${s.uri}`);
    this.#log.info(`${this.library.sources.length} sources ready (${seeds.length} bundled, ${workspace.length} in the workspace).`);
    this.#changedNow();
  }

  /** Tells listeners, and starts extracting entities in the background so hovers find them ready. */
  #changedNow(): void {
    this.#onDidChange.fire();
    void this.library.entitiesInSteps(yieldToHost);
  }

  async #listSeeds(): Promise<vscode.Uri[]> {
    const dir = vscode.Uri.joinPath(this.#extensionUri, 'seeds');
    try {
      const entries = await vscode.workspace.fs.readDirectory(dir);
      return entries.filter(([n, t]) => t === vscode.FileType.File && /\.(md|txt)$/i.test(n)).map(([n]) => vscode.Uri.joinPath(dir, n));
    } catch (e) {
      this.#log.warn(`The bundled seeds could not be listed: ${(e as Error).message}`);
      return [];
    }
  }

  #patterns(): vscode.RelativePattern[] {
    const globs = setting<string[]>('sources') ?? [];
    return (vscode.workspace.workspaceFolders ?? []).flatMap((f) => globs.map((g) => new vscode.RelativePattern(f, g)));
  }

  async #listWorkspace(): Promise<vscode.Uri[]> {
    const seen = new Map<string, vscode.Uri>();
    for (const p of this.#patterns()) {
      for (const uri of await vscode.workspace.findFiles(p, '**/node_modules/**')) seen.set(uri.toString(), uri);
    }
    // File search passes over FIFOs, devices and links that lead nowhere without a word: name them.
    for (const bad of await badEntries(vscode.workspace.workspaceFolders ?? [], setting<string[]>('sources') ?? [])) {
      this.#log.warn(`Skipped ${bad.uri.fsPath || bad.uri.toString()}: ${bad.reason}`);
    }
    return [...seen.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  async #readAll(uris: vscode.Uri[], advanced: (n: number) => void): Promise<ParsedSource[]> {
    const out: ParsedSource[] = [];
    for (let i = 0; i < uris.length; i += BATCH) {
      const batch = await Promise.all(uris.slice(i, i + BATCH).map((u) => this.#readOne(u)));
      for (const p of batch) if (p) out.push(p);
      advanced(Math.min(BATCH, uris.length - i));
      await yieldToHost();
    }
    return out;
  }

  async #readOne(uri: vscode.Uri): Promise<ParsedSource | undefined> {
    // Look before reading: a FIFO would block the read forever, a device never ends, a huge file fills memory.
    const problem = await statProblem(uri, sourceSizeLimit());
    if (problem) {
      this.#log.warn(`Skipped ${uri.fsPath || uri.toString()}: ${problem}`);
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (e) {
      this.#log.warn(`Could not read ${uri.fsPath || uri.toString()}: ${(e as Error).message}`);
      return undefined;
    }
    const r = await readSource(uri.toString(), bytes);
    if ('reason' in r) {
      this.#log.warn(`Skipped ${uri.fsPath || uri.toString()}: ${r.reason}`);
      return undefined;
    }
    return r;
  }

  #watch(): void {
    vscode.Disposable.from(...this.#watchers).dispose();
    this.#watchers = this.#patterns().map((p) => {
      const w = vscode.workspace.createFileSystemWatcher(p);
      w.onDidCreate((u) => this.#changed(u));
      w.onDidChange((u) => this.#changed(u));
      w.onDidDelete((u) => this.#deleted(u));
      return w;
    });
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, 'briefing-entities.json'));
      const again = () => void this.#loadEntityOverrides().then(() => this.#changedNow());
      w.onDidCreate(again);
      w.onDidChange(again);
      w.onDidDelete(again);
      this.#watchers.push(w);
    }
  }

  /** Coalesces bursts of events for one file (editors save in several steps). */
  #changed(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.#pending.get(key));
    this.#pending.set(key, setTimeout(async () => {
      this.#pending.delete(key);
      const parsed = await this.#readOne(uri);
      const change = parsed ? this.library.set([parsed], false) : this.library.remove([key]);
      for (const s of change.updated) this.#log.info(`Re-indexed @${s.key} from ${s.uri}`);
      if (change.updated.length || change.removed.length) this.#changedNow();
    }, 150));
  }

  #deleted(uri: vscode.Uri): void {
    const change = this.library.remove([uri.toString()]);
    if (change.removed.length) {
      this.#log.info(`Removed ${uri.fsPath} from the index`);
      this.#changedNow();
    }
  }

  async #loadEntityOverrides(): Promise<void> {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(f.uri, 'briefing-entities.json');
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      try {
        this.library.setEntityOverrides(JSON.parse(text));
        this.#log.info(`Entity overrides read from ${uri.fsPath}`);
      } catch (e) {
        this.#log.warn(`${uri.fsPath} is not valid JSON and was ignored: ${(e as Error).message}`);
      }
      return;
    }
    this.library.setEntityOverrides(undefined);
  }
}
