// The side panel: a webview view that searches the sources as you type and acts on passages.
import * as vscode from 'vscode';
import { highlight, type SearchOptions } from '../../../core/search';
import type { HostMessage, PassageView, WebviewMessage } from '../../../protocol/panel';
import { COMMANDS } from '../../commandIds';
import { openSource } from '../../services/openSource';
import type { SourcesService } from '../../services/sources';
import { panelHtml } from './html';

/** Serves the panel and answers its messages. */
export class PanelViewProvider implements vscode.WebviewViewProvider {
  #view: vscode.WebviewView | undefined;
  #pending: HostMessage[] = [];
  readonly #extensionUri: vscode.Uri;
  readonly #sources: SourcesService;

  constructor(extensionUri: vscode.Uri, sources: SourcesService) {
    this.#extensionUri = extensionUri;
    this.#sources = sources;
  }

  /** True once VS Code has created the view. */
  get resolved(): boolean {
    return !!this.#view;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.#view = view;
    const media = vscode.Uri.joinPath(this.#extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = panelHtml(view.webview, media);
    view.webview.onDidReceiveMessage((m: WebviewMessage) => this.handle(m));
    view.onDidDispose(() => (this.#view = undefined));
  }

  /** Answers one webview message; returns what it posted back (tests call this directly). */
  async handle(message: WebviewMessage): Promise<HostMessage | undefined> {
    const library = this.#sources.library;
    switch (message.type) {
      case 'load': {
        const loaded = await this.#loaded();
        this.#post(loaded);
        for (const m of this.#pending.splice(0)) this.#post(m);
        return loaded;
      }
      case 'search': {
        // Answer from what is indexed so far while a (re)load runs; only an empty index waits for it.
        if (!library.sources.length) await this.#sources.ready;
        const options: SearchOptions = { limit: 40 };
        if (message.keys.length) options.keys = message.keys;
        if (message.from) options.from = message.from;
        if (message.to) options.to = message.to;
        if (message.entity) {
          const entity = (await this.#sources.entities()).find(message.entity);
          options.passages = entity ? entity.mentions.map((m) => ({ key: m.key, paragraph: m.paragraph })) : [];
        }
        const hits = message.query.trim() || options.passages ? this.#sources.desk.search(message.query, options) : [];
        const results: PassageView[] = hits.map((h) => ({
          key: h.key,
          title: h.title,
          date: h.date,
          paragraph: h.paragraph,
          segments: highlight(h.text, h.matches),
          notes: h.notes,
        }));
        const reply: HostMessage = { type: 'didSearch', id: message.id, query: message.query, results };
        this.#post(reply);
        return reply;
      }
      case 'insertCitation':
        await vscode.commands.executeCommand(COMMANDS.insertCitation, {
          items: [{ key: message.key, paragraph: message.paragraph }],
        });
        return;
      case 'insertQuote':
        await vscode.commands.executeCommand(COMMANDS.insertQuote, {
          items: [{ key: message.key, paragraph: message.paragraph }],
          quote: message.selection || undefined,
        });
        return;
      case 'openSource': {
        const source = library.corpus.get(message.key);
        if (source) await openSource(source, message.paragraph);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(`${message.text} [@${message.key}, ¶${message.paragraph}]`);
        vscode.window.setStatusBarMessage(`Copied @${message.key}, ¶${message.paragraph}`, 2000);
        return;
      case 'showEntity':
        return this.showEntity(message.name);
      case 'focusEditor':
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        return;
    }
  }

  /** Shows an entity's card in the panel. */
  async showEntity(name: string): Promise<HostMessage | undefined> {
    await this.#sources.ready;
    const card = await this.#sources.desk.entityCard(name);
    if (!card) return;
    const reply: HostMessage = { type: 'didShowEntity', card };
    this.#post(reply);
    return reply;
  }

  /** Focuses the search box, searching for `query` when given (from hovers, commands, the editor's selection). */
  focusSearch(query?: string): void {
    this.#post(query === undefined ? { type: 'didFocusSearch' } : { type: 'didFocusSearch', query });
  }

  /** Sends the source and entity lists again (after sources changed). */
  async refresh(): Promise<void> {
    if (this.#view) this.#post(await this.#loaded());
  }

  async #loaded(): Promise<HostMessage> {
    const library = this.#sources.library;
    const entities = (await this.#sources.entities()).entities;
    return {
      type: 'didLoad',
      sources: library.sources.map((s) => ({
        key: s.key,
        title: s.title,
        date: s.date,
        paragraphs: s.paragraphs.length,
        bundled: s.bundled,
      })),
      entities: entities
        .map((e) => ({
          name: e.name,
          type: e.type,
          mentions: e.mentions.length,
          sources: new Set(e.mentions.map((m) => m.key)).size,
          description: e.description,
        }))
        .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
      entityTypes: [...new Set(entities.map((e) => e.type))].sort(),
    };
  }

  #post(message: HostMessage): void {
    if (this.#view) void this.#view.webview.postMessage(message);
    else if (message.type !== 'didLoad' && message.type !== 'didSearch') this.#pending.push(message);
  }
}
