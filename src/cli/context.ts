// What every CLI command gets: its arguments, output, and the Briefing Desk over the bundled seeds or --sources.
import * as fs from 'fs';
import * as path from 'path';
import { createBriefingDesk, SOURCE_EXTENSIONS, type BriefingDesk, type LoadOptions } from '../core';
import { DEFAULT_MAX_SOURCE_MB, sizeLimit, type SourceProblem } from '../core/corpus';
import { decodeText } from '../core/corpus/load';
import { cacheFileFor, FsCacheStore, userCacheDir } from '../node/cacheStore';
import { bundledSeedsDir, FsSourceStore } from '../node/fsStore';
import { listFlag, type ParsedArgs, UsageError } from './args';
import { paint, type Output } from './output';

/** A command's environment. */
export interface CliContext {
  /** Parsed arguments for this command. */
  args: ParsedArgs;
  /** Where to write. */
  output: Output;
  /** True when `--json` was given. */
  json: boolean;
}

/** A failure the user can fix (missing file, no sources): one line, exit 2. */
export class InputError extends Error {}

/** `--max-source-mb N`: the largest source read, in MB (default 20). */
function maxSourceMb(args: ParsedArgs): number {
  const v = args.flags['max-source-mb'];
  if (v === undefined) return DEFAULT_MAX_SOURCE_MB;
  const n = Number(v);
  if (typeof v !== 'string' || !v.trim() || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--max-source-mb takes a size in MB greater than 0, not "${String(v)}"`);
  }
  return n;
}

/** What a command may ask of the desk's host: `betweenPieces` runs before each piece of the saved index is written. */
export interface DeskHooks {
  betweenPieces?: () => void;
}

/** Opens the Briefing Desk over `--sources DIR` and loads it (see `loadDesk`). */
export async function openDesk(ctx: CliContext, load: LoadOptions = {}, hooks: DeskHooks = {}): Promise<BriefingDesk> {
  return (await loadDesk(ctx, load, hooks)).desk;
}

/**
 * Opens the Briefing Desk over `--sources DIR` (repeatable; replaces the bundled seeds) and loads it. Unreadable
 * files and bad entries are reported on stderr and skipped; front-matter problems are printed as
 * `path:line: warning: …`; no readable source at all is an input error. A command that extracts entities next loads
 * with `saveLater`, so a changed index is saved once, with its entities, not also before them.
 */
export async function loadDesk(
  ctx: CliContext,
  load: LoadOptions = {},
  hooks: DeskHooks = {},
): Promise<{ desk: BriefingDesk; problems: SourceProblem[] }> {
  const dirs = listFlag(ctx.args, 'sources');
  const limit = sizeLimit(maxSourceMb(ctx.args), '--max-source-mb');
  for (const d of dirs) {
    if (!fs.lstatSync(d, { throwIfNoEntry: false })) throw new InputError(`${d}: no such file or directory`);
  }
  const bundled = dirs.length === 0;
  const store = new FsSourceStore(bundled ? [bundledSeedsDir()] : dirs, { bundled, limit });
  const desk = createBriefingDesk({ store, cache: cacheStore(ctx, bundled ? [bundledSeedsDir()] : dirs, hooks) });
  let loaded: Awaited<ReturnType<BriefingDesk['load']>>;
  try {
    loaded = await desk.load(undefined, load);
  } catch (e) {
    throw new InputError(`cannot list sources: ${(e as Error).message}`);
  }
  const { parsed, problems, listed } = loaded;
  for (const p of problems) ctx.output.err(`${paint(ctx.output, 'yellow', 'skipped')} ${p.uri}: ${p.reason}\n`);
  if (!parsed.length) {
    throw new InputError(
      listed + problems.length
        ? `no readable sources in ${dirs.join(', ')} (${problems.length} skipped)`
        : `no sources (${SOURCE_EXTENSIONS.join(', ')}) in ${dirs.join(', ')}`,
    );
  }
  for (const w of desk.library.corpus.warnings) {
    ctx.output.err(`${w.uri}:${w.line + 1}: ${paint(ctx.output, 'yellow', 'warning:')} ${w.message}\n`);
  }
  return { desk, problems };
}

/** The saved index for these source folders: `--cache DIR`, else the user's cache folder; none with `--no-cache`. */
function cacheStore(ctx: CliContext, dirs: string[], hooks: DeskHooks): FsCacheStore | undefined {
  if (ctx.args.flags['no-cache'] === true) return undefined;
  const given = ctx.args.flags.cache;
  if (given !== undefined && typeof given !== 'string') throw new UsageError('--cache needs a folder');
  const dir = typeof given === 'string' ? path.resolve(given) : path.join(userCacheDir(), 'index');
  return new HookedCacheStore(cacheFileFor(dir, dirs), hooks);
}

/** The saved index file, running `hooks.betweenPieces` before each piece is written (reads as FsCacheStore does). */
class HookedCacheStore extends FsCacheStore {
  constructor(
    file: string,
    readonly hooks: DeskHooks,
  ) {
    super(file);
  }

  override write(chunks: Iterable<Uint8Array>): Promise<void> {
    return super.write(piecesWith(chunks, this.hooks));
  }
}

function* piecesWith(chunks: Iterable<Uint8Array>, hooks: DeskHooks): Generator<Uint8Array> {
  for (const chunk of chunks) {
    hooks.betweenPieces?.();
    yield chunk;
  }
}

/** Reads a text file given on the command line (a briefing), with a one-line error when it cannot. */
export function readTextArg(file: string | undefined, what: string): string {
  if (!file) throw new UsageError(`missing ${what}`);
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: is a directory, expected a ${what}`);
    // A FIFO or a device would block or never end: only regular files are read.
    if (!st.isFile()) throw new InputError(`${file}: is not a regular file, expected a ${what}`);
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? (e as Error).message})`,
    );
  }
  const decoded = decodeText(bytes);
  if (!('problem' in decoded)) return decoded.text;
  switch (decoded.problem) {
    case 'binary':
      throw new InputError(`${file}: is a binary file, expected a ${what}`);
    case 'not-utf8':
      throw new InputError(`${file}: is not valid UTF-8 text`);
    case 'empty':
    case 'blank':
      throw new InputError(`${file}: is empty, nothing to check`);
  }
}
