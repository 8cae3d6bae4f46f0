// The composition root shared by both hosts' entry points: build the services, activate the features. Nothing here
// may import Node modules: the desktop entry (src/extension.ts) and the browser entry (src/web/extension.ts) hand in
// what differs between them through `HostKit`.
import * as vscode from 'vscode';
import type { WorkerPort } from '../protocol/worker';
import { activateFeatures, type Features } from './features';
import { extendMarkdownIt } from './features/preview';
import { createLogger, type Logger } from './log';
import { WorkspaceCacheStore } from './services/cacheStore';
import type { DiskEntryLister } from './services/entries';
import { SourcesService } from './services/sources';

export type { WorkerPort } from '../protocol/worker';

/** What an entry point knows about its host that the shared code must not import itself. */
export interface HostKit {
  /** `node` for the desktop/Node extension host, `web` for the browser's web worker extension host. */
  platform: 'node' | 'web';
  /**
   * Starts the index worker (worker_threads in Node, a web worker in the browser) and returns the host's end of the
   * message channel; undefined when no worker can be had (the desk then runs on the extension host, in steps).
   * `cacheFile`: where the saved index lives (a worker that can reach it itself need not ask the host for it).
   */
  startWorker?(context: vscode.ExtensionContext, cacheFile: vscode.Uri): WorkerPort | undefined;
  /** How bad entries on disk are named (lstat/stat; the desktop host only: the browser has no disk). */
  listBadDiskEntries?: DiskEntryLister;
}

/** What `activate` returns: the test hooks, and (for the preview) `extendMarkdownIt`. */
export interface BriefingDeskApi {
  /** The sources and their indexes. */
  sources: SourcesService;
  /** The features' shared objects. */
  features: Features;
  /** The output channel's logger (tests read its recent lines). */
  log: Logger;
  /** Called by the built-in Markdown preview (`markdown.markdownItPlugins`). */
  extendMarkdownIt: ReturnType<typeof extendMarkdownIt>;
  /** How long `activate()` itself took, in ms (it does no I/O: loading starts after it returns; the suite prints it). */
  activationMs: number;
  /** Which extension host this is. */
  platform: HostKit['platform'];
}

export function activateBriefingDesk(context: vscode.ExtensionContext, kit: HostKit): BriefingDeskApi {
  const started = performance.now();
  const log = createLogger(context);
  // The saved index: per workspace, else (no folder open: the bundled seeds only) global.
  const cache = new WorkspaceCacheStore(context.storageUri ?? context.globalStorageUri);
  const sources = new SourcesService({
    extensionUri: context.extensionUri,
    log,
    cache,
    diskLister: kit.listBadDiskEntries,
    startWorker: kit.startWorker && (() => kit.startWorker?.(context, cache.file)),
  });
  context.subscriptions.push(sources);
  const features = activateFeatures(context, sources, log);
  // Starting the worker and reading the sources wait until activation has returned.
  const start = setTimeout(() => sources.start(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(start) });
  const activationMs = performance.now() - started;
  log.info(`Briefing Desk activated in ${activationMs.toFixed(1)} ms; indexing sources in the background.`);
  return {
    sources,
    features,
    log,
    extendMarkdownIt: extendMarkdownIt(sources),
    activationMs,
    platform: kit.platform,
  };
}
