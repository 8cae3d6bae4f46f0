// Entry point in the browser's web worker extension host (vscode.dev, github.dev, code-server): the shared
// composition root, with what the browser has: a web worker for the index, extractor bundles read through workspace.fs.
import type * as vscode from 'vscode';
import { activateBriefingDesk, type BriefingDeskApi } from '../vscode/activate';
import { useFormatSource } from './formatLoader';
import { readExtensionText, startWebWorker } from './workerHost';

export type { BriefingDeskApi } from '../vscode/activate';

export function activate(context: vscode.ExtensionContext): BriefingDeskApi {
  useFormatSource((name) => readExtensionText(context.extensionUri, 'dist', 'web', 'formats', `${name}.js`));
  return activateBriefingDesk(context, { platform: 'web', startWorker: startWebWorker });
}

export function deactivate(): void {}
