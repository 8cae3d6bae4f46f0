// Which workspace entries may be read as sources, through vscode.workspace.fs: the core decides from a stat-like
// record (only regular files under the size limit); this adapts VS Code's FileStat and names the bad entries that
// file search never lists (FIFOs, devices, link loops, unreadable folders).
import * as vscode from 'vscode';
import {
  DEFAULT_MAX_SOURCE_MB,
  entryProblem,
  isSourceFile,
  sizeLimit,
  type EntryKind,
  type SizeLimit,
} from '../../core/corpus';
import { setting } from '../config';

/** The size limit from `briefingDesk.maxSourceSizeMB`, named as the user changes it. */
export function sourceSizeLimit(): SizeLimit {
  const mb = setting<number>('maxSourceSizeMB');
  return sizeLimit(
    typeof mb === 'number' && mb > 0 ? mb : DEFAULT_MAX_SOURCE_MB,
    'the setting briefingDesk.maxSourceSizeMB',
  );
}

/** The core's kind of entry for a VS Code file type (which follows symbolic links where it can). */
export function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return type & vscode.FileType.SymbolicLink ? 'bad-link' : 'other';
}

/** Why `uri` must not be read as a source (looked at with stat, never by opening it), or undefined. */
export async function statProblem(uri: vscode.Uri, limit: SizeLimit): Promise<string | undefined> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    return `cannot be read (${(e as Error).message})`;
  }
  return entryProblem({ kind: kindOf(stat.type), size: stat.size }, limit);
}

/** The folder part of a glob before its first wildcard (`sources/**\/*.md` → `sources`). */
export function globBase(glob: string): string {
  const parts = glob.split('/');
  const i = parts.findIndex((p) => /[*?[{]/.test(p));
  return (i < 0 ? parts.slice(0, -1) : parts.slice(0, i)).join('/');
}

/** At most this many directory entries are looked at when naming bad entries. */
const MAX_ENTRIES = 20_000;

/**
 * How the desktop host names bad entries under a folder on disk (with lstat/stat, since VS Code's readDirectory drops
 * link loops without a trace): the paths skipped and why, or undefined when the folder does not exist. Handed in
 * by the desktop entry (src/extension.ts, through `HostKit`); the browser has no disk, so there every folder is
 * walked with readDirectory.
 */
export type DiskEntryLister = (dir: string) => Promise<Array<{ path: string; reason: string }> | undefined>;

/**
 * Entries named like sources under the globs' base folders that are not regular files (a FIFO, a device, a link
 * that leads nowhere or loops), and folders that cannot be listed, each with the reason. File search passes over
 * these silently; listing them lets the user see why a file is missing. On disk (`file:`, desktop) the host's lister
 * looks with lstat/stat; elsewhere readDirectory's types.
 */
export async function badEntries(
  folders: readonly vscode.WorkspaceFolder[],
  globs: string[],
  lister?: DiskEntryLister,
): Promise<Array<{ uri: vscode.Uri; reason: string }>> {
  const bases = [...new Set(globs.map(globBase))];
  const onDisk = lister ? folders.filter((f) => f.uri.scheme === 'file') : [];
  const out: Array<{ uri: vscode.Uri; reason: string }> = [];
  for (const f of onDisk) {
    for (const b of bases) {
      const skipped = await lister?.(vscode.Uri.joinPath(f.uri, b).fsPath);
      for (const p of skipped ?? []) out.push({ uri: vscode.Uri.file(p.path), reason: p.reason });
    }
  }
  const other = folders.filter((f) => !onDisk.includes(f));
  const seen = new Set<string>();
  let budget = MAX_ENTRIES;
  const limit = sizeLimit(Number.MAX_SAFE_INTEGER, '');
  const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
    if (seen.has(dir.toString()) || depth > 32 || budget <= 0) return;
    seen.add(dir.toString());
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch (e) {
      if (depth > 0) out.push({ uri: dir, reason: `folder cannot be read (${(e as Error).message})` });
      return;
    }
    for (const [name, type] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (--budget <= 0) return;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const uri = vscode.Uri.joinPath(dir, name);
      // Linked folders are left to file search, which follows them and stops at loops.
      if (type === vscode.FileType.Directory) await walk(uri, depth + 1);
      else if (isSourceFile(name) && kindOf(type) !== 'file') {
        out.push({ uri, reason: entryProblem({ kind: kindOf(type), size: 0 }, limit) ?? 'is not a regular file' });
      }
    }
  };
  for (const f of other) for (const g of bases) await walk(vscode.Uri.joinPath(f.uri, g), 0);
  return out;
}
