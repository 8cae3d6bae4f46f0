// Commands that insert citations and quotes: a QuickPick that searches passages as you type.
import * as vscode from 'vscode';
import { formatCitation, spacedInsert } from '../../core/citations';
import type { SearchHit } from '../../core/search';
import { COMMANDS } from '../commandIds';
import { setting } from '../config';
import { noIcons } from '../convert';
import type { LastMarkdownEditor } from '../services/lastEditor';
import type { SourcesService } from '../services/sources';

/** Arguments that let a caller (the panel, a test, a keybinding) skip the picker. */
export interface InsertArgs {
  /** Passages to cite, in order. */
  items?: Array<{ key: string; paragraph?: number }>;
  /** Starts the picker with this query. */
  query?: string;
  /** With `query`: accept the best result without showing the picker. */
  acceptFirst?: boolean;
  /** For quotes: the text to quote (a part of the passage the user selected). */
  quote?: string;
}

interface PassageItem extends vscode.QuickPickItem {
  hit: SearchHit;
}

function toItem(hit: SearchHit): PassageItem {
  return {
    label: `$(quote) @${hit.key}, ¶${hit.paragraph}`,
    description: noIcons(`${hit.title}${hit.date ? ` · ${hit.date}` : ''}`),
    detail: noIcons(hit.text.length > 160 ? `${hit.text.slice(0, 159)}…` : hit.text),
    hit,
  };
}

/** Lets the user pick passages; resolves to the hits chosen (empty when cancelled). */
async function pickPassages(sources: SourcesService, query: string, many: boolean): Promise<SearchHit[]> {
  await sources.ready;
  const qp = vscode.window.createQuickPick<PassageItem>();
  qp.title = many ? 'Insert Citation' : 'Insert Quote with Citation';
  qp.placeholder = 'Search the sources (typos are fine)';
  qp.canSelectMany = many;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  // Searches run in the desk; only the answer to the latest one is shown.
  let asked = 0;
  const run = async (value: string) => {
    const mine = ++asked;
    const found = value.trim() ? await sources.search(value, { limit: 30 }) : [];
    if (mine !== asked) return;
    const chosen = many ? qp.selectedItems : [];
    const hits = found;
    const fresh = hits
      .filter((h) => !chosen.some((c) => c.hit.key === h.key && c.hit.paragraph === h.paragraph))
      .map(toItem);
    // Filtering is ours (fuzzy over the sources), so VS Code must not hide items that do not contain the text.
    for (const i of fresh) i.alwaysShow = true;
    qp.items = [...chosen, ...fresh];
    if (many) qp.selectedItems = chosen;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  qp.onDidChangeValue((v) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(v), 60);
  });
  qp.value = query;
  void run(query);
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      // Enter with nothing ticked takes the highlighted passage, else the best one.
      const ticked = many ? qp.selectedItems : [];
      const picked = ticked.length ? ticked : qp.activeItems.length ? qp.activeItems : qp.items.slice(0, 1);
      resolve(picked.map((i) => i.hit));
      qp.hide();
    });
    qp.onDidHide(() => {
      clearTimeout(timer);
      resolve([]);
      qp.dispose();
    });
    qp.show();
  });
}

/** Replaces every selection with `text`; `spaced`: with a space where it would run into the words around it. */
async function insertAt(editor: vscode.TextEditor, text: string, spaced = false): Promise<boolean> {
  const doc = editor.document;
  const charAt = (from: vscode.Position, to: vscode.Position) =>
    doc.getText(doc.validateRange(new vscode.Range(from, to)));
  return editor.edit((b) => {
    for (const sel of editor.selections) {
      const { start, end } = sel;
      const before = start.character ? charAt(start.translate(0, -1), start) : '';
      b.replace(sel, spaced ? spacedInsert(text, before, charAt(end, end.translate(0, 1))) : text);
    }
  });
}

function citationText(items: Array<{ key: string; paragraph?: number }>, withLocator: boolean): string {
  return formatCitation(
    items.map((i) => ({
      key: i.key,
      from: withLocator ? i.paragraph : undefined,
      to: withLocator ? i.paragraph : undefined,
    })),
  );
}

/** Builds `“quote” [@key, ¶n]` with curly quotes (quote marks already around the text are dropped). */
function quoteWithCitation(text: string, key: string, paragraph: number, withLocator: boolean): string {
  let inner = text.trim();
  // Loops, not `[”"']+$`, which is quadratic on a passage with many runs of quotation marks.
  while ('“"\''.includes(inner[0] ?? '-')) inner = inner.slice(1);
  while ('”"\''.includes(inner[inner.length - 1] ?? '-')) inner = inner.slice(0, -1);
  return `“${inner}” ${citationText([{ key, paragraph }], withLocator)}`;
}

/** Registers Insert Citation and Insert Quote with Citation; returns the disposables. */
export function registerInsertCommands(sources: SourcesService, lastEditor: LastMarkdownEditor): vscode.Disposable[] {
  const includeParagraph = () => setting<boolean>('citation.includeParagraph') !== false;
  const selectionQuery = (editor: vscode.TextEditor | undefined) =>
    editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).slice(0, 200) : '';

  const resolveItems = async (args: InsertArgs | undefined, many: boolean) => {
    const editor = lastEditor.get();
    if (args?.items?.length) return args.items.map((i) => ({ key: i.key, paragraph: i.paragraph }));
    const query = args?.query ?? selectionQuery(editor);
    if (args?.acceptFirst && query) {
      await sources.ready;
      const top = (await sources.search(query, { limit: 1 }))[0];
      return top ? [{ key: top.key, paragraph: top.paragraph, text: top.text }] : [];
    }
    return (await pickPassages(sources, query, many)).map((h) => ({
      key: h.key,
      paragraph: h.paragraph,
      text: h.text,
    }));
  };

  return [
    vscode.commands.registerCommand(COMMANDS.insertCitation, async (args?: InsertArgs) => {
      const items = await resolveItems(args, true);
      const editor = lastEditor.get();
      if (!items.length) return;
      if (!editor) return void vscode.window.showWarningMessage('Open a Markdown briefing to insert a citation into.');
      await insertAt(editor, citationText(items, includeParagraph()));
    }),
    vscode.commands.registerCommand(COMMANDS.insertQuote, async (args?: InsertArgs) => {
      const [item] = await resolveItems(args, false);
      const editor = lastEditor.get();
      if (!item) return;
      if (!editor) return void vscode.window.showWarningMessage('Open a Markdown briefing to insert a quote into.');
      // The passage comes from the search hit, else from the desk (the host's copy of the sources has no texts).
      const text =
        args?.quote ??
        ('text' in item ? item.text : undefined) ??
        (await sources.paragraphText(item.key, item.paragraph ?? 1)) ??
        '';
      await insertAt(editor, quoteWithCitation(text, item.key, item.paragraph ?? 1, includeParagraph()), true);
    }),
  ];
}
