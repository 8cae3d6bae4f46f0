// Keeps the Briefing Desk in step with the bundled seeds and the workspace's sources: loads, watches, tells features.
import * as vscode from 'vscode';
import type { EntityIndex } from '../../core/entities';
import { createBriefingDesk, type BriefingDesk } from '../../core';
import type { Library } from '../../core/library';
import { onSettingChange } from '../config';
import type { IndexCacheStore } from '../../core/cache';
import type { Logger } from '../log';
import type { DiskEntryLister } from './entries';
import { WorkspaceSourceStore } from './workspaceStore';

/** Above this many files, indexing shows progress in the status bar. */
const PROGRESS_THRESHOLD = 50;

const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Quiet time after a source changed before the saved index is brought up to date. */
const SAVE_DELAY = 5000;

/** The desk over the workspace, loaded in the background and updated as files change. */
export class SourcesService implements vscode.Disposable {
  /** The one entry point to the core, over `workspace.fs`. */
  readonly desk: BriefingDesk;
  readonly #store: WorkspaceSourceStore;
  readonly #log: Logger;
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly #disposables: vscode.Disposable[] = [this.#onDidChange];
  #watchers: vscode.Disposable[] = [];
  #ready: Promise<void>;
  #pending = new Map<string, ReturnType<typeof setTimeout>>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  /** Fires after sources were added, changed or removed, or the entity overrides changed. */
  readonly onDidChange = this.#onDidChange.event;

  /** `cache`: where the index is saved between sessions (none: rebuilt every time). */
  /** `diskLister`: how the desktop host names bad entries on disk (see `WorkspaceSourceStore`). */
  constructor(extensionUri: vscode.Uri, log: Logger, cache?: IndexCacheStore, diskLister?: DiskEntryLister) {
    this.#log = log;
    this.#store = new WorkspaceSourceStore(extensionUri, log, diskLister);
    this.desk = createBriefingDesk({ store: this.#store, log, pause: yieldToHost, cache });
    this.#ready = this.reload();
    this.#disposables.push(
      onSettingChange(['sources', 'includeBundledSeeds', 'maxSourceSizeMB'], () => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  /** The sources and their indexes. */
  get library(): Library {
    return this.desk.library;
  }

  /** Resolves once the first load (or the latest reload) has finished. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** The entity index, extracted in steps in the background after every change; resolves when it is current. */
  async entities(): Promise<EntityIndex> {
    await this.#ready;
    return this.desk.entities();
  }

  /** Reads every source again, from scratch. */
  reload(): Promise<void> {
    this.#ready = this.#load().catch((e) => this.#log.error('Loading sources failed', e));
    return this.#ready;
  }

  dispose(): void {
    for (const t of this.#pending.values()) clearTimeout(t);
    clearTimeout(this.#saveTimer);
    vscode.Disposable.from(...this.#disposables, ...this.#watchers).dispose();
  }

  async #load(): Promise<void> {
    this.#watch();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    let progress: vscode.Progress<{ increment?: number }> | undefined;
    // Progress appears only for a large corpus, once the desk knows how many files there are.
    const onRead = (_done: number, total: number) => {
      if (!progress && total > PROGRESS_THRESHOLD) {
        const title = 'Briefing Desk: indexing sources';
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title },
          (p) => ((progress = p), done),
        );
      }
      progress?.report({ increment: 100 / total });
    };
    try {
      await this.desk.load(onRead);
    } finally {
      finished();
    }
    this.#onDidChange.fire();
    this.#saveSoon();
  }

  #watch(): void {
    vscode.Disposable.from(...this.#watchers).dispose();
    this.#watchers = this.#store.patterns().map((p) => {
      const w = vscode.workspace.createFileSystemWatcher(p);
      w.onDidCreate((u) => this.#changed(u));
      w.onDidChange((u) => this.#changed(u));
      w.onDidDelete((u) => this.#deleted(u));
      return w;
    });
    for (const p of this.#store.overridesPatterns()) {
      const w = vscode.workspace.createFileSystemWatcher(p);
      const again = () => void this.desk.reloadEntityOverrides().then(() => this.#onDidChange.fire());
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
    this.#pending.set(
      key,
      setTimeout(async () => {
        this.#pending.delete(key);
        const change = await this.desk.refresh([key]);
        if (change.updated.length || change.removed.length) this.#changedIndex();
      }, 150),
    );
  }

  #deleted(uri: vscode.Uri): void {
    if (this.desk.remove([uri.toString()]).removed.length) this.#changedIndex();
  }

  /** Tells the features, and saves the index once changes have settled (and entities are extracted again). */
  #changedIndex(): void {
    this.#onDidChange.fire();
    this.#saveSoon();
  }

  #saveSoon(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      void this.entities().then(() => (this.desk.indexDirty ? this.desk.saveIndex() : undefined));
    }, SAVE_DELAY);
  }
}
