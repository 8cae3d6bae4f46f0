// Terminal output for the CLI: JSON, aligned tables, and colour only on a TTY.

/** Where the CLI writes; tests pass string buffers. */
export interface Output {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when colour escapes may be used (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
}

/** The process's own streams. A closed pipe (`briefing sources | head`) ends the command quietly. */
export function processOutput(): Output {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
}

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
/** A colour or style name. */
export type Style = keyof typeof CODES;

/** Wraps `text` in an ANSI style when colour is on. */
export function paint(o: Output, style: Style, text: string): string {
  return o.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

/** Prints a value as indented JSON followed by a newline. */
export function printJson(o: Output, value: unknown): void {
  o.out(JSON.stringify(value, null, 2) + '\n');
}

/** Visible width of a string (ANSI escapes do not count). */
function width(s: string): number {
  return [...s.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

/** Formats rows as aligned columns; the last column is not padded. */
export function table(rows: string[][], gap = 2): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - width(c) + gap))).join('').trimEnd())
    .join('\n') + '\n';
}

/** Shortens text to `max` characters on a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut) + '…';
}
