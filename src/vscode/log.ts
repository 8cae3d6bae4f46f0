// The "Briefing Desk" output channel: one logger, set up once.
import * as vscode from 'vscode';
import type { DeskLog } from '../core';

/** Where the extension (and the desk it hosts) writes what it did and what went wrong. */
export interface Logger extends DeskLog {
  /** Brings the channel into view. */
  show(): void;
  /** The last lines written (at most 2,000), for tests: the channel itself cannot be read back. */
  recent(): string[];
}

const KEEP = 2000;

/** Creates the output channel and a logger over it. */
export function createLogger(context: vscode.ExtensionContext): Logger {
  const channel = vscode.window.createOutputChannel('Briefing Desk', { log: true });
  context.subscriptions.push(channel);
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEEP) lines.splice(0, lines.length - KEEP);
    return line;
  };
  return {
    info: (m) => channel.info(keep(m)),
    warn: (m) => channel.warn(keep(m)),
    error: (m, e) => channel.error(keep(e instanceof Error ? `${m}: ${e.message}` : m)),
    show: () => channel.show(true),
    recent: () => [...lines],
  };
}
