// The feature registry: each feature registers its providers and returns its disposables.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { BriefingDocuments } from '../services/briefings';
import { LastMarkdownEditor } from '../services/lastEditor';
import type { SourcesService } from '../services/sources';
import { registerCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerHovers } from './hover';
import { registerInsertCommands } from './insertCitation';
import { registerNavigation } from './navigation';
import { registerPanel } from './panel';
import type { PanelViewProvider } from './panel/panelView';
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
export function activateFeatures(context: vscode.ExtensionContext, sources: SourcesService, log: Logger): Features {
  const briefings = new BriefingDocuments(sources);
  const lastEditor = new LastMarkdownEditor();
  const { panel, disposables: panelDisposables } = registerPanel(context.extensionUri, sources);
  context.subscriptions.push(
    lastEditor.disposable,
    ...panelDisposables,
    ...registerCommands(sources, log),
    ...registerInsertCommands(sources, lastEditor),
    ...registerCompletion(sources, briefings),
    ...registerHovers(sources, briefings),
    ...registerNavigation(sources, briefings),
    ...registerDiagnostics(sources, briefings),
    ...registerCodeActions(),
    ...registerStatusBar(sources, briefings),
    ...registerPreview(context, sources),
    ...registerSourceFormats(sources, log),
    ...registerSourceWarnings(sources, log),
  );
  return { panel, briefings };
}
