// Writing Markdown from text we did not write (source paragraphs, titles): escaped so it reads as written.

/** ASCII punctuation Markdown (and VS Code's `$(icon)` syntax) may read as syntax; a backslash makes each literal. */
const SYNTAX = /[\\`*_{}[\]()#+\-.!<>|~&$]/g;

/**
 * `text` as inline Markdown that renders exactly as written: syntax characters escaped, and every run of white space
 * one plain space, so nothing turns into a heading, list or code block and long lines wrap between words.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(SYNTAX, '\\$&');
}

/** `text` as a Markdown block quote that wraps at word boundaries (never a code block). */
export function blockQuote(text: string): string {
  return `> ${escapeMarkdown(text)}\n\n`;
}

/** A Markdown link with an escaped label; `target` must already be a valid link destination (no spaces). */
export function markdownLink(label: string, target: string): string {
  const text = escapeMarkdown(label);
  return `[${text}](${target} "${text.replace(/"/g, '\\"')}")`;
}
