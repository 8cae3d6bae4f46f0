// The side panel: a webview view that searches the sources as you type and acts on passages.
import * as vscode from 'vscode';
import { highlight, type SearchOptions } from '../../../core/search';
import type { HostMessage, PassageView, WebviewMessage } from '../../../protocol/panel';
import { COMMANDS } from '../../commandIds';
import { openSource } from '../../services/openSource';
import { progressText, type SourcesService } from '../../services/sources';
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

  /** The indexing line as the panel shows it (null when not indexing). */
  progressMessage(): HostMessage {
    const p = this.#sources.progress;
    return { type: 'didProgress', text: p ? progressText(p) : null };
  }

  /** Shows how indexing goes (the sources service calls this as it advances). */
  showProgress(): void {
    if (this.#view) void this.#view.webview.postMessage(this.progressMessage());
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
    const corpus = this.#sources.corpus;
    switch (message.type) {
      case 'load': {
        this.showProgress();
        const loaded = await this.#loaded();
        this.#post(loaded);
        for (const m of this.#pending.splice(0)) this.#post(m);
        return loaded;
      }
      case 'search': {
        // Answer from what is indexed so far while a (re)load runs; only an empty index waits for it.
        if (!corpus.size) await this.#sources.ready;
        const options: SearchOptions = { limit: 40 };
        if (message.keys.length) options.keys = message.keys;
        if (message.from) options.from = message.from;
        if (message.to) options.to = message.to;
        const entity = message.entity || undefined;
        const hits = message.query.trim() || entity ? await this.#sources.search(message.query, options, entity) : [];
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
        const source = corpus.get(message.key);
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
    const card = await this.#sources.entityCard(name);
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
    // Sources at once; entities once extracted (the panel hears again when they are).
    const entities = (await this.#sources.entitiesIfReady()) ?? [];
    return {
      type: 'didLoad',
      sources: this.#sources.corpus.sources.map((s) => ({
        key: s.key,
        title: s.title,
        date: s.date,
        paragraphs: s.paragraphs.length,
        bundled: s.bundled,
      })),
      entities: [...entities].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
      entityTypes: [...new Set(entities.map((e) => e.type))].sort(),
    };
  }

  #post(message: HostMessage): void {
    if (this.#view) void this.#view.webview.postMessage(message);
    else if (message.type !== 'didLoad' && message.type !== 'didSearch') this.#pending.push(message);
  }
}
