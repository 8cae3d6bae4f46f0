// The shape of a `briefing` subcommand.
import type { FlagSpec } from './args';
import type { CliContext } from './context';

/** One subcommand: its flags, help and what it does. */
export interface Command {
  /** The word after `briefing`. */
  name: string;
  /** One line for `briefing --help`. */
  summary: string;
  /** Usage line, e.g. `briefing search "QUERY" [--limit N] [--json]`. */
  usage: string;
  /** Flags besides the common ones (`--json`, `--sources`, `--help`). */
  flags: Record<string, FlagSpec>;
  /** Runs the command; resolves to the exit code. */
  run(ctx: CliContext): Promise<number>;
}

/** Flags every command accepts. */
export const COMMON_FLAGS: Record<string, FlagSpec> = {
  json: {},
  help: { short: 'h' },
  sources: { value: true, repeat: true },
  'max-source-mb': { value: true },
  cache: { value: true },
  'no-cache': {},
};
