// The built-in Markdown preview with our citation plugin, the preview command, and HTML export.
import * as vscode from 'vscode';
import type { Source } from '../../core/corpus';
import { checkBriefing } from '../../core/grounding';
import { citationPlugin, renderStandalone, type CitationPluginOptions } from '../../markdown';
import type { MarkdownItInstance } from '../../markdown/plugin';
import { COMMANDS } from '../commandIds';
import { setting } from '../config';
import type { SourcesService } from '../services/sources';

function location(source: Source): string {
  if (source.url) return source.url;
  const uri = vscode.Uri.parse(source.uri);
  return source.bundled ? `bundled seed ${uri.path.split('/').pop()}` : vscode.workspace.asRelativePath(uri);
}

/** The plugin options for this host: keys resolve against the live corpus; problems are listed at the end. */
export function pluginOptions(sources: SourcesService): CitationPluginOptions {
  return {
    resolve: (key) => sources.library.corpus.get(key),
    location,
    check: (markdown) => {
      if (setting<boolean>('diagnostics.enabled') === false) return [];
      const entities = sources.library.entitiesIfReady;
      const claims = setting<boolean>('diagnostics.claims.enabled') !== false && !!entities;
      return checkBriefing(markdown, sources.library.corpus, { claims, entities });
    },
  };
}

/** What `activate` returns for the built-in preview (`markdown.markdownItPlugins`). */
export function extendMarkdownIt(sources: SourcesService): (md: MarkdownItInstance) => MarkdownItInstance {
  return (md) => md.use(citationPlugin, pluginOptions(sources));
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
    sources.onDidChange(() => void vscode.commands.executeCommand('markdown.preview.refresh')),
    vscode.commands.registerCommand(COMMANDS.openPreview, async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : markdownEditor()?.document.uri;
      await sources.ready;
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
          : sources.library.corpus.byUri(out.toString())
            ? 'a source'
            : undefined;
      if (clash) {
        void vscode.window.showErrorMessage(
          `Briefing Desk: not exported: ${vscode.workspace.asRelativePath(out)} is ${clash}; choose another file.`,
        );
        return undefined;
      }
      const entities = await sources.entities();
      const result = renderStandalone(doc.getText(), {
        corpus: sources.library.corpus,
        entities,
        claims: setting<boolean>('diagnostics.claims.enabled') !== false,
        css: await readMedia(context.extensionUri, 'preview.css'),
        js: await readMedia(context.extensionUri, 'preview.js'),
        location,
        fallbackTitle: doc.uri.path.split('/').pop(),
      });
      await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(result.html));
      const problems = result.diagnostics.filter((d) => d.severity === 'error').length;
      void vscode.window.showInformationMessage(
        `Exported ${vscode.workspace.asRelativePath(out)}: ${result.cited.length} sources cited, ${problems} grounding problem${problems === 1 ? '' : 's'}.`,
      );
      return out;
    }),
  ];
}
