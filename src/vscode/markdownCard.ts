// Builds hover Markdown safely: source text is always escaped, and only named commands are enabled.
import * as vscode from 'vscode';

/** A command link for a MarkdownString whose `isTrusted.enabledCommands` lists `command`. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${label}")`;
}

/** A hover card with escaped text and only `commands` enabled. */
export class Card {
  readonly md: vscode.MarkdownString;

  constructor(commands: string[]) {
    this.md = new vscode.MarkdownString('', true);
    this.md.isTrusted = { enabledCommands: commands };
    this.md.supportHtml = false;
  }

  /** Appends escaped text. */
  text(t: string): this {
    this.md.appendText(t);
    return this;
  }

  /** Appends trusted Markdown written by us (never source text). */
  raw(markdown: string): this {
    this.md.appendMarkdown(markdown);
    return this;
  }

  /** Appends a bold heading line of escaped text. */
  heading(t: string): this {
    return this.raw('**').text(t).raw('**\n\n');
  }

  /** Appends a quoted passage of escaped text. */
  quote(t: string): this {
    return this.raw('> ').text(t).raw('\n\n');
  }
}
