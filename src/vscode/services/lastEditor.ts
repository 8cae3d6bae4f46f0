// The Markdown editor commands insert into: the active one, else the last one used (the panel takes focus away).
import * as vscode from 'vscode';
import { SEED_SCHEME } from '../convert';

/** The last Markdown editor the user was in (the panel takes focus away from it). */
export class LastMarkdownEditor {
  #editor: vscode.TextEditor | undefined;
  readonly disposable: vscode.Disposable;

  constructor() {
    this.#editor = this.#pick(vscode.window.activeTextEditor);
    this.disposable = vscode.window.onDidChangeActiveTextEditor((e) => (this.#editor = this.#pick(e) ?? this.#editor));
  }

  #pick(e: vscode.TextEditor | undefined) {
    return e && e.document.languageId === 'markdown' && e.document.uri.scheme !== SEED_SCHEME ? e : undefined;
  }

  /** The active Markdown editor, else the last one that is still open. */
  get(): vscode.TextEditor | undefined {
    const active = this.#pick(vscode.window.activeTextEditor);
    if (active) return active;
    if (this.#editor && vscode.window.visibleTextEditors.includes(this.#editor)) return this.#editor;
    const doc = this.#editor?.document;
    return doc && !doc.isClosed ? vscode.window.visibleTextEditors.find((e) => e.document === doc) : undefined;
  }
}
