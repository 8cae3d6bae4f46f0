// Writing citations in the pandoc form Briefing Desk reads back: `[@a, ¶2; @b, ¶¶5-6]`.
import { isValidKey } from '../corpus/keys';

/** A citation that cannot be written: a key pandoc would not read, or paragraphs that make no sense. */
export class CitationFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CitationFormatError';
  }
}

/** `¶3` for one paragraph, `¶¶3-4` for a range. */
export function formatLocator(from: number, to = from): string {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) {
    throw new CitationFormatError(`Paragraphs ${from}-${to} are not a valid range.`);
  }
  return from === to ? `¶${from}` : `¶¶${from}-${to}`;
}

/** Writes a bracketed citation: `[@a]`, `[@a, ¶2; @b, ¶¶5-6]`. Throws `CitationFormatError` for invalid keys or ranges. */
export function formatCitation(items: Array<{ key: string; from?: number; to?: number }>): string {
  if (!items.length) throw new CitationFormatError('A citation needs at least one source.');
  const parts = items.map(({ key, from, to }) => {
    if (!isValidKey(key)) throw new CitationFormatError(`"${key}" is not a valid citation key.`);
    return from === undefined ? `@${key}` : `@${key}, ${formatLocator(from, to ?? from)}`;
  });
  return `[${parts.join('; ')}]`;
}

/**
 * `text` as inserted at a cursor between the characters `before` and `after` ('' at a line's edge): a space is added
 * where it would run into a word or a closing mark before it (`roadmap “…”`, not `roadmap“…”`), or into a word or an
 * opening mark after it.
 */
export function spacedInsert(text: string, before: string, after: string): string {
  const lead = /[\p{L}\p{N}\])}.,;:!?”’"']$/u.test(before) && !/^\s/.test(text) ? ' ' : '';
  const trail = /^[\p{L}\p{N}[({“‘]/u.test(after) && !/\s$/.test(text) ? ' ' : '';
  return lead + text + trail;
}
