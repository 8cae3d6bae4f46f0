// Entry point in the desktop (Node) extension host: the shared composition root, with what only Node has.
import type * as vscode from 'vscode';
import { listBadDiskEntries } from './node/diskEntries';
import { activateBriefingDesk, type BriefingDeskApi } from './vscode/activate';

export type { BriefingDeskApi } from './vscode/activate';

export function activate(context: vscode.ExtensionContext): BriefingDeskApi {
  return activateBriefingDesk(context, { platform: 'node', listBadDiskEntries });
}

export function deactivate(): void {}
