// The desktop host's way to name bad entries under a folder on disk (lstat/stat through the CLI's store), handed to
// the shared extension code by src/extension.ts, which must not import Node modules itself.
import { sizeLimit } from '../core/corpus';
import type { DiskEntryLister } from '../vscode/services/entries';
import { FsSourceStore } from './fsStore';

export const listBadDiskEntries: DiskEntryLister = async (dir) => {
  // No size limit here: sizes are checked when each file is read. A missing folder lists nothing.
  const store = new FsSourceStore([dir], { limit: sizeLimit(Number.MAX_SAFE_INTEGER, '') });
  const listed = await store.list().then(
    () => true,
    () => false,
  );
  return listed ? store.skipped().map((p) => ({ path: p.uri, reason: p.reason })) : undefined;
};
