// Composition root of the Briefing Desk extension: build the services, activate the features.
import * as vscode from 'vscode';
import { activateFeatures, type Features } from './vscode/features';
import { extendMarkdownIt } from './vscode/features/preview';
import { createLogger, type Logger } from './vscode/log';
import { WorkspaceCacheStore } from './vscode/services/cacheStore';
import { SourcesService } from './vscode/services/sources';

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
  /** How long `activate()` itself took, in ms (it does no I/O; the extension-host suite prints it). */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): BriefingDeskApi {
  const started = performance.now();
  const log = createLogger(context);
  // The saved index: per workspace, else (no folder open: the bundled seeds only) global.
  const cache = new WorkspaceCacheStore(context.storageUri ?? context.globalStorageUri);
  const sources = new SourcesService(context.extensionUri, log, cache);
  context.subscriptions.push(sources);
  const features = activateFeatures(context, sources, log);
  const activationMs = performance.now() - started;
  log.info(`Briefing Desk activated in ${activationMs.toFixed(1)} ms; indexing sources in the background.`);
  return { sources, features, log, extendMarkdownIt: extendMarkdownIt(sources), activationMs };
}

export function deactivate(): void {}
