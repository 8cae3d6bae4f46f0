// Strings that hold their own characters.

/**
 * `s` as a string of its own: a slice of a longer string (a name cut from a source text) keeps the whole longer string
 * in memory for as long as the slice lives, and a source text is meant to be let go once it is no longer used. Short
 * strings are copies already in JavaScript engines (V8 slices only from 13 characters), so they are passed through.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
