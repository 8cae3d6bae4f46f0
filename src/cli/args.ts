// A small, strict argument parser for the `briefing` CLI: flags are declared, unknown ones are usage errors.

/** Declares a flag: whether it takes a value and whether it may repeat. */
export interface FlagSpec {
  /** True when the flag takes a value (`--limit 5` or `--limit=5`). */
  value?: boolean;
  /** True when the flag may be given more than once (values collect into a list). */
  repeat?: boolean;
  /** Short alias, e.g. `o` for `-o`. */
  short?: string;
}

/** Parsed command line: positionals and flags. */
export interface ParsedArgs {
  /** Arguments that are not flags, in order. */
  positionals: string[];
  /** Flag values: `true` for switches, strings (or lists for repeatable flags) for valued flags. */
  flags: Record<string, string | string[] | boolean>;
}

/** The command line was wrong; its message is shown with the usage line, exit 2. */
export class UsageError extends Error {}

/** Parses `argv` against `specs`. */
export function parseArgs(argv: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  const byShort = new Map(
    Object.entries(specs)
      .filter(([, s]) => s.short)
      .map(([n, s]) => [s.short!, n]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = byShort.get(arg[1]);
      if (!name) throw new UsageError(`unknown option ${arg}`);
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const v = inline ?? argv[++i];
    if (v === undefined) throw new UsageError(`--${name} needs a value`);
    if (spec.repeat) flags[name] = [...((flags[name] as string[] | undefined) ?? []), v];
    else flags[name] = v;
  }
  return { positionals, flags };
}

/** Reads a positive whole number flag, or the default. */
export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} takes a whole number of at least 1, not "${String(v)}"`);
  return n;
}

/** Reads a string-list flag (repeatable), or an empty list. */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
