// What kind of directory entry may be read as a source, decided from a stat-like record (hosts do the stat).

/**
 * The kinds of entry a host can report. `loop` and `dangling` are symbolic links that lead nowhere; `bad-link` is a
 * link to something other than a file or folder, when the host cannot tell what (VS Code's file system API).
 */
export type EntryKind =
  'file' | 'directory' | 'fifo' | 'socket' | 'device' | 'other' | 'dangling' | 'loop' | 'bad-link';

/** The little the core needs to know about an entry before reading it. */
export interface EntryStat {
  /** What the entry is once symbolic links are followed. */
  kind: EntryKind;
  /** Its size in bytes (regular files). */
  size: number;
}

/** Default size limit for one source file, in MB (setting `briefingDesk.maxSourceSizeMB`, CLI `--max-source-mb`). */
export const DEFAULT_MAX_SOURCE_MB = 20;

/** How a host names the size limit to its user, and its value. */
export interface SizeLimit {
  /** Largest file read, in bytes. */
  bytes: number;
  /** What changes it: `the setting briefingDesk.maxSourceSizeMB`, `--max-source-mb`. */
  name: string;
}

/** A size limit of `mb` megabytes (1 MB = 1,048,576 bytes), named as the host's user changes it. */
export function sizeLimit(mb: number, name: string): SizeLimit {
  return { bytes: Math.floor(Math.max(0, mb) * 1024 * 1024), name };
}

const KIND_REASON: Record<Exclude<EntryKind, 'file' | 'directory'>, string> = {
  fifo: 'is a named pipe (FIFO), not a regular file',
  socket: 'is a socket, not a regular file',
  device: 'is a device, not a regular file',
  other: 'is not a regular file (a named pipe, socket or device)',
  dangling: 'is a symbolic link to a file that does not exist',
  loop: 'is a symbolic link loop',
  'bad-link': 'is a symbolic link that leads to no regular file (a loop, a missing file, a pipe or a device)',
};

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * Why an entry cannot be read as a source, or undefined when it can: only regular files (symbolic links
 * followed) no larger than the limit. Never read an entry this rejects: a FIFO blocks, a device never ends.
 */
export function entryProblem(stat: EntryStat, limit: SizeLimit): string | undefined {
  if (stat.kind === 'directory') return 'is a directory';
  if (stat.kind !== 'file') return KIND_REASON[stat.kind];
  if (stat.size > limit.bytes) {
    return `is ${megabytes(stat.size)}, over the ${megabytes(limit.bytes)} limit for one source (raise it with ${limit.name})`;
  }
  return undefined;
}

/** Thrown by a store's `read` when an entry must be skipped; the message is the reason, shown as is. */
export class UnusableEntry extends Error {}
