// Terminal output for the CLI: JSON, aligned tables, and colour only on a TTY.

/** Where the CLI writes; tests pass string buffers. */
export interface Output {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when colour escapes may be used (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
  /**
   * Writes JSON text to standard output as it is, where `out` would make it safe for a terminal first: JSON from
   * {@link printJson} has every control character escaped already (and no style marks to turn into escapes).
   */
  json?(text: string): void;
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

// `paint` marks its styles with a token no file can contain (random private-use characters, new each run);
// the terminal output turns every control character into a visible one first, then the marks into escapes.
const MARK = Array.from({ length: 4 }, () => String.fromCharCode(0xe000 + Math.floor(Math.random() * 0x1900))).join('');
const MARKED = new RegExp(`${MARK}(\\d{1,2})m`, 'g');

/** Wraps `text` in a style when colour is on (the escape is written by the terminal output). */
export function paint(o: Output, style: Style, text: string): string {
  return o.color ? `${MARK}${CODES[style]}m${text}${MARK}0m` : text;
}

/**
 * Makes text from files safe to print on a terminal: every control character but tab and newline (ESC,
 * BEL, backspace, carriage return, DEL, the C1 range) becomes a visible `\x1b`-style escape, so no source,
 * briefing or file name can move the cursor, retitle the window or hide text.
 */
export function sanitize(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
}

/** An output for people: sanitises everything written, then applies `paint`'s styles (or drops them). */
export function terminalOutput(raw: Output): Output {
  const clean = (t: string) => sanitize(t).replace(MARKED, (_, code: string) => (raw.color ? `\u001b[${code}m` : ''));
  return { out: (t) => raw.out(clean(t)), err: (t) => raw.err(clean(t)), color: raw.color, json: (t) => raw.out(t) };
}

/**
 * Prints a value as indented JSON followed by a newline. Strings keep their exact text; besides the
 * C0 controls JSON escapes, DEL and the C1 range are written as `\u` escapes too.
 */
export function printJson(o: Output, value: unknown): void {
  writeJson(o, jsonText(value, '') + '\n');
}

/** JSON text to standard output: as it is where the output can take it so (see `Output.json`). */
function writeJson(o: Output, text: string): void {
  if (o.json) o.json(text);
  else o.out(text);
}

/** Indented JSON of `value` with DEL and C1 escaped, every line after the first starting with `indent`. */
function jsonText(value: unknown, indent: string): string {
  const json = JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return indent ? json.replace(/\n/g, '\n' + indent) : json;
}

/**
 * Prints `{ [key]: items.map(each) }` exactly as {@link printJson} would, writing the items a few at a time so a long
 * list (entities of a large corpus) never becomes one string. JSON strings hold no raw line break, so re-indenting
 * an item's lines is safe.
 */
export function printJsonList<T>(o: Output, key: string, items: T[], each: (item: T) => unknown): void {
  if (!items.length) {
    printJson(o, { [key]: [] });
    return;
  }
  let chunk = `{\n  ${JSON.stringify(key)}: [\n`;
  items.forEach((item, i) => {
    chunk += `    ${jsonText(each(item), '    ')}${i < items.length - 1 ? ',' : ''}\n`;
    // Small pieces: a string of more than ~128 KB is made in V8's large-object space, freed only by a full collection.
    if (chunk.length > 1 << 15) (writeJson(o, chunk), (chunk = ''));
  });
  writeJson(o, chunk + '  ]\n}\n');
}

/** Visible width of a string (style marks do not count). */
function width(s: string): number {
  return [...s.replace(MARKED, '')].length;
}

/** Formats rows as aligned columns; the last column is not padded. */
export function table(rows: string[][], gap = 2): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - width(c) + gap)))
          .join('')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Shortens text to `max` characters on a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut) + '…';
}
