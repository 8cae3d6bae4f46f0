// The "Briefing Desk" output channel: one logger, set up once.
import * as vscode from 'vscode';
import type { DeskLog } from '../core';

/** Where the extension (and the desk it hosts) writes what it did and what went wrong. */
export interface Logger extends DeskLog {
  /** Brings the channel into view. */
  show(): void;
}

/** Creates the output channel and a logger over it. */
export function createLogger(context: vscode.ExtensionContext): Logger {
  const channel = vscode.window.createOutputChannel('Briefing Desk', { log: true });
  context.subscriptions.push(channel);
  return {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, e) => channel.error(e instanceof Error ? `${m}: ${e.message}` : m),
    show: () => channel.show(true),
  };
}
