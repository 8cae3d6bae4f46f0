// Citation keys: derived from the title and year, valid under pandoc's rules, unique in a corpus.

const STOP = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or over the to toward towards ' +
    'with after amid against about as says said new how why what who will'
  ).split(' '),
);

/** Pandoc's citation key rule: starts with a letter, digit or `_`; inner punctuation `:.#$%&-+?<>~/` allowed. */
export const KEY_PATTERN = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*/u;

/** True when `key` is a complete pandoc citation key. */
export function isValidKey(key: string): boolean {
  const m = new RegExp(`^${KEY_PATTERN.source}$`, 'u').exec(key);
  return !!m;
}

/** Only ASCII characters. */
const ASCII = /^[\x00-\x7f]*$/;

/** The readable key a title and date suggest: three significant title words and the year. */
export function baseKey(title: string, date: string | null): string {
  // Decomposing and dropping combining marks changes nothing in plain ASCII (most titles): skipped there.
  const words = (ASCII.test(title) ? title : title.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
  const picked = words.slice(0, 3);
  if (!picked.length) picked.push('source');
  if (date) picked.push(date.slice(0, 4));
  return picked.join('-');
}

/** Base keys already known, by parsed source: taken by the corpus, or read back with a saved index. */
const knownBase = new WeakMap<object, string>();

/**
 * The base key of a parsed source (which never changes once parsed): as known (saved with the index, or taken before),
 * else computed now and remembered.
 */
export function baseKeyOf(source: { title: string; date: string | null }): string {
  let base = knownBase.get(source);
  if (base === undefined) knownBase.set(source, (base = baseKey(source.title, source.date)));
  return base;
}

/** Records a parsed source's base key as saved with the index (the same version of `baseKey` wrote it). */
export function rememberBaseKey(source: { title: string; date: string | null }, base: string): void {
  knownBase.set(source, base);
}

/** Suffix for the i-th (0-based) source sharing a base key: '', 'b', 'c', … 'z', 'ba', … */
export function suffix(i: number): string {
  if (i === 0) return '';
  let s = '';
  let n = i;
  while (n > 0) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}
