// Saved texts over bytes in memory, for tests.
import { KEPT_CHARS, SavedText, type ByteSource } from '../../../src/core/corpus/savedText';

export { KEPT_CHARS, SavedText };

/** `texts` as UTF-8 bytes one after another, read by position, and where each text is. */
export function bytesSourceFor(texts: string[]): { source: ByteSource; places: Array<{ at: number; bytes: number }> } {
  const encoded = texts.map((t) => new TextEncoder().encode(t));
  const all = new Uint8Array(encoded.reduce((n, b) => n + b.length, 0));
  const places: Array<{ at: number; bytes: number }> = [];
  let at = 0;
  for (const b of encoded) {
    all.set(b, at);
    places.push({ at, bytes: b.length });
    at += b.length;
  }
  return { source: { read: (from, length) => all.subarray(from, from + length) }, places };
}
