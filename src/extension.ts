// Composition root of the Briefing Desk extension: build the services, activate the features.
import * as vscode from 'vscode';
import { activateFeatures, type Features } from './vscode/features';
import { extendMarkdownIt } from './vscode/features/preview';
import { createLogger, type Logger } from './vscode/log';
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
}

export function activate(context: vscode.ExtensionContext): BriefingDeskApi {
  const log = createLogger(context);
  const sources = new SourcesService(context.extensionUri, log);
  context.subscriptions.push(sources);
  const features = activateFeatures(context, sources, log);
  log.info('Briefing Desk activated; indexing sources in the background.');
  return { sources, features, log, extendMarkdownIt: extendMarkdownIt(sources) };
}

export function deactivate(): void {}
