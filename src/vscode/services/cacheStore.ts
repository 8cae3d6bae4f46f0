// The saved index in the extension's storage (storageUri for a workspace, else globalStorageUri, which then holds only
// the bundled seeds), through workspace.fs; written to a temp file and renamed over the old one.
import * as vscode from 'vscode';
import { joinChunks, type IndexCacheStore } from '../../core/cache';

/** One index file in `folder`. */
export class WorkspaceCacheStore implements IndexCacheStore {
  /** The index file. */
  readonly file: vscode.Uri;
  readonly #folder: vscode.Uri;

  constructor(folder: vscode.Uri) {
    this.#folder = folder;
    this.file = vscode.Uri.joinPath(folder, 'index.bdcache');
  }

  async read(): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(this.file);
    } catch {
      return undefined;
    }
  }

  async write(chunks: Iterable<Uint8Array>): Promise<void> {
    const bytes = joinChunks(chunks); // workspace.fs writes whole files
    await vscode.workspace.fs.createDirectory(this.#folder);
    const tmp = vscode.Uri.joinPath(this.#folder, `index.${Date.now()}.tmp`);
    try {
      await vscode.workspace.fs.writeFile(tmp, bytes);
      await vscode.workspace.fs.rename(tmp, this.file, { overwrite: true });
    } catch (e) {
      await Promise.resolve(vscode.workspace.fs.delete(tmp)).catch(() => undefined);
      throw e;
    }
  }
}
