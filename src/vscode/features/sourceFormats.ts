// Web pages, PDFs and Word files in the editor: a read-only view of their extracted text (paragraph numbers, pages),
// a way back to the original file, and "Add Source from URL…".
import * as vscode from 'vscode';
import { AddSourceError, planSource, today } from '../../io/addSource';
import { FetchError, fetchUrl } from '../../io/fetchUrl';
import { EXTRACT_SCHEME } from '../convert';
import type { Logger } from '../log';
import type { SourcesService } from '../services/sources';
import { COMMANDS } from '../commandIds';
import { openSource } from '../services/openSource';

/** The folder new sources are saved in: `sources/` of the first workspace folder. */
function sourcesFolder(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, 'sources');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Fetches `url`, saves it as a new source and opens it; resolves to the saved file, or undefined when it failed. */
async function addFromUrl(sources: SourcesService, log: Logger, url: string): Promise<vscode.Uri | undefined> {
  const folder = sourcesFolder();
  if (!folder) {
    void vscode.window.showErrorMessage(
      'Briefing Desk: open a folder first; new sources are saved in its sources/ folder.',
    );
    return undefined;
  }
  await sources.ready;
  const taken = new Set(sources.corpus.sources.map((s) => s.key));
  let saved: vscode.Uri;
  let planned: Awaited<ReturnType<typeof planSource>>;
  try {
    planned = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Briefing Desk: adding ${url}` },
      async () => {
        const got = await fetchUrl(url);
        // Names in use are checked first, so the plan can be made without waiting on the file system for each guess.
        const names = new Set(
          (await vscode.workspace.fs.readDirectory(folder).then(undefined, () => [])).map(([n]) => n),
        );
        return planSource(
          { bytes: got.bytes, contentType: got.contentType, url: got.url, name: new URL(got.url).pathname },
          { taken: (k) => taken.has(k), exists: (f) => names.has(f), today: today() },
        );
      },
    );
    saved = vscode.Uri.joinPath(folder, planned.fileName);
    if (await exists(saved))
      throw new AddSourceError(`${planned.fileName} appeared in ${folder.fsPath} meanwhile; try again`);
    await vscode.workspace.fs.writeFile(saved, planned.bytes);
  } catch (e) {
    const message =
      e instanceof FetchError || e instanceof AddSourceError
        ? e.message
        : `${url} could not be added (${(e as Error).message})`;
    log.warn(`Add Source from URL: ${message}`);
    void vscode.window.showErrorMessage(`Briefing Desk: ${message}`);
    return undefined;
  }
  log.info(`Added @${planned.key} from ${url} as ${saved.fsPath}`);
  if (planned.fileName.endsWith('.md')) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(saved), { preview: false });
  } else {
    // A PDF or Word file opens as its extracted text once it is indexed.
    const deadline = Date.now() + 15_000;
    while (!sources.corpus.byUri(saved.toString()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const source = sources.corpus.byUri(saved.toString());
    if (source) await openSource(source);
  }
  return saved;
}

/** Registers the extracted-text view, Open Original and Add Source from URL; returns the disposables. */
export function registerSourceFormats(sources: SourcesService, log: Logger): vscode.Disposable[] {
  const extracted: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const find = () => sources.corpus.byUri(uri.query);
      if (!find()) await sources.ready;
      return (
        (find() && (await sources.sourceText(uri.query))) ?? `This file is not an indexed source (yet): ${uri.query}\n`
      );
    },
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(EXTRACT_SCHEME, extracted),
    vscode.commands.registerCommand(COMMANDS.openOriginal, async (uri?: vscode.Uri) => {
      const view = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (view?.scheme !== EXTRACT_SCHEME) return;
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(view.query));
    }),
    vscode.commands.registerCommand(COMMANDS.addSourceFromUrl, async (given?: string) => {
      const url =
        typeof given === 'string'
          ? given
          : await vscode.window.showInputBox({
              title: 'Add Source from URL',
              prompt:
                'A web page, PDF or Word file to save in sources/ (fetched once; the saved copy is what is cited)',
              placeHolder: 'https://…',
              ignoreFocusOut: true,
              validateInput: (v) =>
                /^https?:\/\/\S+$/i.test(v.trim()) ? undefined : 'Enter an http:// or https:// address',
            });
      if (!url) return undefined;
      return addFromUrl(sources, log, url.trim());
    }),
  ];
}
