// Entry point in the desktop (Node) extension host: the shared composition root, with what only Node has (the index
// worker runs in a worker_threads thread).
import * as path from 'path';
import type * as vscode from 'vscode';
import { startWorkerPort } from './node/workerHost';
import { listBadDiskEntries } from './node/diskEntries';
import { activateBriefingDesk, type BriefingDeskApi } from './vscode/activate';

export type { BriefingDeskApi } from './vscode/activate';

export function activate(context: vscode.ExtensionContext): BriefingDeskApi {
  return activateBriefingDesk(context, {
    platform: 'node',
    listBadDiskEntries,
    // A saved index on disk is read and written by the worker itself: its bytes never cross the extension host.
    startWorker: (ctx, cacheFile) =>
      startWorkerPort(
        { cache: true, cacheFile: cacheFile.scheme === 'file' ? cacheFile.fsPath : undefined },
        path.join(ctx.extensionUri.fsPath, 'dist', 'deskWorker.js'),
      ),
  });
}

export function deactivate(): void {}
