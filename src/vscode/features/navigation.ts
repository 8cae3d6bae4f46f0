// Go to Definition (cited paragraph), Find All References (citations of a source), and opening sources read-only.
import * as vscode from 'vscode';
import { itemParagraphs, parseCitations } from '../../core/citations';
import type { Source } from '../../core/corpus';
import { paragraphLocation, rangeInText, SEED_SCHEME, sourceUri } from '../convert';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

/** Opens a source at a paragraph, with the paragraph selected and revealed. */
export async function openSource(source: Source, paragraph?: number): Promise<vscode.TextEditor> {
  const p = source.paragraphs.find((x) => x.n === paragraph) ?? source.paragraphs[0];
  const range = p ? rangeInText(source.text, p.start, p.end) : new vscode.Range(0, 0, 0, 0);
  const doc = await vscode.workspace.openTextDocument(sourceUri(source));
  return vscode.window.showTextDocument(doc, { selection: range, preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** Registers definition, references and the read-only seed documents; returns the disposables. */
export function registerNavigation(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  const seedDocuments: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent(uri) {
      return sources.library.corpus.byUri(uri.with({ scheme: 'file' }).toString())?.text
        ?? vscode.workspace.fs.readFile(uri.with({ scheme: 'file' })).then((b) => new TextDecoder().decode(b));
    },
  };
  const definitions: vscode.DefinitionProvider = {
    provideDefinition(document, position) {
      const hit = briefings.itemAt(document, position);
      if (!hit?.source) return;
      const p = itemParagraphs(hit.item, hit.source)[0] ?? hit.source.paragraphs[0];
      return p ? paragraphLocation(hit.source, p) : new vscode.Location(sourceUri(hit.source), new vscode.Position(0, 0));
    },
  };
  const references: vscode.ReferenceProvider = {
    async provideReferences(document, position, _context, token) {
      const hit = briefings.itemAt(document, position);
      if (!hit) return;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**');
      if (token.isCancellationRequested) return;
      const out: vscode.Location[] = [];
      for (const uri of files) {
        if (sources.library.corpus.byUri(uri.toString())) continue;
        const doc = open.get(uri.toString());
        const text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        if (token.isCancellationRequested) return;
        for (const c of parseCitations(text)) {
          for (const it of c.items) if (it.key === hit.item.key) out.push(new vscode.Location(uri, rangeInText(text, it.keyStart, it.keyEnd)));
        }
      }
      return out;
    },
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(SEED_SCHEME, seedDocuments),
    vscode.languages.registerDefinitionProvider({ language: 'markdown' }, definitions),
    vscode.languages.registerReferenceProvider({ language: 'markdown' }, references),
  ];
}
