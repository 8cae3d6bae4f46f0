// The feature registry: each feature registers its providers and returns its disposables.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';
import { registerCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerHovers } from './hover';
import { LastMarkdownEditor, registerInsertCommands } from './insertCitation';
import { registerNavigation } from './navigation';
import { PANEL_VIEW_ID, PanelViewProvider } from './panel/panelView';
import { registerPreview } from './preview';
import { registerSourceFormats } from './sourceFormats';
import { registerSourceWarnings } from './sourceWarnings';
import { registerStatusBar } from './statusBar';

/** What the features expose to tests and to the composition root. */
export interface Features {
  /** The side panel's provider. */
  panel: PanelViewProvider;
  /** Parsed briefings. */
  briefings: BriefingDocuments;
}

/** Activates every feature; pushes their disposables into `subscriptions`. */
export function activateFeatures(
  context: vscode.ExtensionContext,
  sources: SourcesService,
  log: Logger,
): Features {
  const briefings = new BriefingDocuments(sources);
  const panel = new PanelViewProvider(context.extensionUri, sources);
  const lastEditor = new LastMarkdownEditor();
  context.subscriptions.push(
    lastEditor.disposable,
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel, { webviewOptions: { retainContextWhenHidden: true } }),
    sources.onDidChange(() => void panel.refresh()),
    ...registerCommands(sources, panel, log),
    ...registerInsertCommands(sources, lastEditor),
    ...registerCompletion(sources, briefings),
    ...registerHovers(sources, briefings),
    ...registerNavigation(sources, briefings),
    ...registerDiagnostics(sources, briefings),
    ...registerCodeActions(briefings),
    ...registerStatusBar(sources, briefings),
    ...registerPreview(context, sources),
    ...registerSourceFormats(sources, log),
    ...registerSourceWarnings(sources, log),
  );
  return { panel, briefings };
}
