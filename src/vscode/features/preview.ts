// The built-in Markdown preview with our citation plugin, the preview command, and HTML export. The cited passages'
// texts come from the desk (the host's copy of the sources holds none).
import * as vscode from 'vscode';
import { parseCitations } from '../../core/citations';
import type { CorpusView, Source } from '../../core/corpus';
import type { GroundingDiagnostic } from '../../core/grounding';
import { citationPlugin, renderStandalone, type CitationPluginOptions } from '../../markdown';
import type { MarkdownItInstance } from '../../markdown/plugin';
import { COMMANDS } from '../commandIds';
import { setting } from '../config';
import type { SourcesService } from '../services/sources';

/** VS Code's built-in Markdown extension (the preview). */
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';

function location(source: Source): string {
  if (source.url) return source.url;
  const uri = vscode.Uri.parse(source.uri);
  return source.bundled ? `bundled seed ${uri.path.split('/').pop()}` : vscode.workspace.asRelativePath(uri);
}

/** Briefings checked for the preview, newest last: the preview renders at once, the desk checks in its own time. */
const CHECKED = 8;

/**
 * The preview's grounding list. markdown-it renders synchronously and the check runs in the desk, so a text not
 * checked yet renders without the list, and the preview is refreshed when the desk's answer arrives.
 */
class PreviewChecks {
  #done = new Map<string, { version: number; claims: boolean; diagnostics: GroundingDiagnostic[] }>();
  #asked = new Set<string>();
  constructor(private readonly sources: SourcesService) {}

  diagnostics(markdown: string): GroundingDiagnostic[] {
    if (setting<boolean>('diagnostics.enabled') === false) return [];
    const wanted = setting<boolean>('diagnostics.claims.enabled') !== false;
    const found = this.#done.get(markdown);
    const current =
      found && found.version === this.sources.version && found.claims === (wanted && this.sources.entitiesReady);
    if (!current && !this.#asked.has(markdown)) this.#ask(markdown, wanted);
    return found?.diagnostics ?? [];
  }

  #ask(markdown: string, claims: boolean): void {
    this.#asked.add(markdown);
    const version = this.sources.version;
    void this.sources.check(markdown, claims).then(
      (r) => {
        this.#asked.delete(markdown);
        this.#done.delete(markdown);
        this.#done.set(markdown, { version, claims: r.claims, diagnostics: r.diagnostics });
        for (const old of [...this.#done.keys()].slice(0, -CHECKED)) this.#done.delete(old);
        refreshPreviews();
      },
      () => this.#asked.delete(markdown),
    );
  }
}

/** What a tooltip shows for a cited passage whose text is still on its way from the desk. */
const LOADING = '…';
/** A source asked for by a preview is not asked for again by one sooner than this (milliseconds). */
const ASK_AGAIN_AFTER = 10_000;

/**
 * The cited passages' texts for the preview. The host's copy of the sources has none and markdown-it renders
 * synchronously, so a render uses the texts the host keeps; a cited source whose texts are not kept shows `LOADING`,
 * its texts are fetched from the desk, and the preview is refreshed when they arrive. A source is asked for once in a
 * while at most: a preview citing more sources than the host keeps texts for must not render again and again.
 */
class PreviewTexts {
  #wanted = new Set<Source>();
  #asked = new WeakMap<Source, number>();
  #scheduled = false;
  constructor(private readonly sources: SourcesService) {}

  /** The sources for one render. */
  view(): CorpusView {
    return this.sources.texts.view((s) => this.#want(s), LOADING);
  }

  #want(source: Source): void {
    const asked = this.#asked.get(source);
    if (asked !== undefined && Date.now() - asked < ASK_AGAIN_AFTER) return;
    this.#wanted.add(source);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Once the render is done: every source it cited goes in one request.
    setTimeout(() => {
      this.#scheduled = false;
      const wanted = [...this.#wanted];
      this.#wanted.clear();
      const now = Date.now();
      for (const s of wanted) this.#asked.set(s, now);
      void this.sources.texts.fetch(wanted).then(() => {
        if (wanted.some((s) => this.sources.texts.filled(s))) refreshPreviews();
      });
    }, 0);
  }
}

/** The keys a briefing cites (what the preview and the export need the texts of). */
function citedKeys(markdown: string): Set<string> {
  return new Set(parseCitations(markdown).flatMap((c) => c.items.map((i) => i.key)));
}

/** The plugin options for this host: keys resolve against the live corpus; problems are listed at the end. */
export function pluginOptions(sources: SourcesService): CitationPluginOptions {
  const checks = new PreviewChecks(sources);
  const texts = new PreviewTexts(sources);
  return {
    resolve: (key) => texts.view().get(key),
    location,
    check: (markdown) => checks.diagnostics(markdown),
  };
}

/** What `activate` returns for the built-in preview (`markdown.markdownItPlugins`). */
export function extendMarkdownIt(sources: SourcesService): (md: MarkdownItInstance) => MarkdownItInstance {
  return (md) => md.use(citationPlugin, pluginOptions(sources));
}

/**
 * Re-renders open Markdown previews. Only when the Markdown extension is active (in this host) can one be open:
 * otherwise the command would activate that extension (its bundle and language server) for nothing, mid-indexing.
 */
function refreshPreviews(): void {
  if (!vscode.extensions.getExtension(MARKDOWN_EXTENSION)?.isActive) return;
  void vscode.commands.executeCommand('markdown.preview.refresh');
}

async function readMedia(extensionUri: vscode.Uri, name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', name)));
}

/** Registers preview refresh, Open Briefing Preview and Export Briefing to HTML; returns the disposables. */
export function registerPreview(context: vscode.ExtensionContext, sources: SourcesService): vscode.Disposable[] {
  const markdownEditor = () => {
    const e = vscode.window.activeTextEditor;
    return e?.document.languageId === 'markdown' ? e : undefined;
  };
  return [
    sources.onDidChange(refreshPreviews),
    vscode.commands.registerCommand(COMMANDS.openPreview, async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : markdownEditor()?.document.uri;
      await sources.ready;
      // The cited passages' texts first, so that the first render shows them.
      const doc = target && vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      if (doc) await sources.withTexts(citedKeys(doc.getText()));
      await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
    }),
    vscode.commands.registerCommand(COMMANDS.exportHtml, async (uri?: vscode.Uri, target?: vscode.Uri) => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : markdownEditor()?.document;
      if (!doc) return void vscode.window.showWarningMessage('Open a Markdown briefing to export.');
      const suggested = doc.uri.with({ path: doc.uri.path.replace(/\.(md|markdown)$/i, '') + '.html' });
      const out =
        target ??
        (await vscode.window.showSaveDialog({
          defaultUri: suggested,
          filters: { HTML: ['html'] },
          title: 'Export Briefing to HTML',
        }));
      if (!out) return;
      await sources.ready;
      // Never write over the briefing or a source.
      const clash =
        out.toString() === doc.uri.toString()
          ? 'the briefing being exported'
          : sources.corpus.byUri(out.toString())
            ? 'a source'
            : undefined;
      if (clash) {
        void vscode.window.showErrorMessage(
          `Briefing Desk: not exported: ${vscode.workspace.asRelativePath(out)} is ${clash}; choose another file.`,
        );
        return undefined;
      }
      // Checked in the desk, once entities are extracted (the claim check uses their aliases).
      await sources.entities();
      const text = doc.getText();
      const checked = await sources.check(text, setting<boolean>('diagnostics.claims.enabled') !== false);
      const css = await readMedia(context.extensionUri, 'preview.css');
      const js = await readMedia(context.extensionUri, 'preview.js');
      // With the cited sources' paragraph texts from the desk; a source the render looked up without them (a
      // citation found where the key list did not) is fetched and the page rendered again, once.
      const keys = citedKeys(text);
      let result: ReturnType<typeof renderStandalone>;
      for (let pass = 0; ; pass++) {
        const missed = new Set<string>();
        const corpus = await sources.withTexts(keys, (s) => missed.add(s.key));
        const options = { corpus, diagnostics: checked.diagnostics, css, js, location };
        result = renderStandalone(text, { ...options, fallbackTitle: doc.uri.path.split('/').pop() });
        if (!missed.size || pass > 0) break;
        for (const key of missed) keys.add(key);
      }
      await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(result.html));
      const problems = result.diagnostics.filter((d) => d.severity === 'error').length;
      void vscode.window.showInformationMessage(
        `Exported ${vscode.workspace.asRelativePath(out)}: ${result.cited.length} sources cited, ${problems} grounding problem${problems === 1 ? '' : 's'}.`,
      );
      return out;
    }),
  ];
}
