// Go to Definition (the cited paragraph), Find All References (citations of a source), and read-only seed documents.
import * as vscode from 'vscode';
import { parseCitations } from '../../core/citations';
import { citedKeyAt, definitionAt, keySpans } from '../../core/features/navigation';
import { paragraphLocation, rangesInText, SEED_SCHEME } from '../convert';
import type { BriefingDocuments } from '../services/briefings';
import type { SourcesService } from '../services/sources';

/** Briefings searched for references (sources of the corpus are skipped). */
const BRIEFING_GLOB = '**/*.{md,markdown}';

/** Opens a citation at the first paragraph it names. */
export class CitationDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly sources: SourcesService,
    private readonly briefings: BriefingDocuments,
  ) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position) {
    const found = definitionAt(this.briefings.briefing(document), document.offsetAt(position), this.sources.corpus);
    return found && paragraphLocation(found.source, found.paragraph);
  }
}

/** Lists every citation of the source under the cursor, across the workspace's briefings. */
export class CitationReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly sources: SourcesService,
    private readonly briefings: BriefingDocuments,
  ) {}

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ) {
    const key = citedKeyAt(this.briefings.briefing(document), document.offsetAt(position));
    if (!key) return;
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const files = await vscode.workspace.findFiles(BRIEFING_GLOB, '**/node_modules/**');
    if (token.isCancellationRequested) return;
    const out: vscode.Location[] = [];
    for (const uri of files) {
      if (this.sources.corpus.byUri(uri.toString())) continue;
      const doc = open.get(uri.toString());
      const text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (token.isCancellationRequested) return;
      const range = rangesInText(text);
      for (const s of keySpans(parseCitations(text), key)) out.push(new vscode.Location(uri, range(s.start, s.end)));
    }
    return out;
  }
}

/** Serves bundled seeds read-only under `briefing-seed:`. */
class SeedDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly sources: SourcesService) {}

  async provideTextDocumentContent(uri: vscode.Uri) {
    const file = uri.query ? vscode.Uri.parse(uri.query) : uri.with({ scheme: 'file' });
    return (
      (await this.sources.sourceText(file.toString())) ??
      new TextDecoder().decode(await vscode.workspace.fs.readFile(file))
    );
  }
}

/** Registers definition, references and the read-only seed documents; returns the disposables. */
export function registerNavigation(sources: SourcesService, briefings: BriefingDocuments): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(SEED_SCHEME, new SeedDocuments(sources)),
    vscode.languages.registerDefinitionProvider(
      { language: 'markdown' },
      new CitationDefinitionProvider(sources, briefings),
    ),
    vscode.languages.registerReferenceProvider(
      { language: 'markdown' },
      new CitationReferenceProvider(sources, briefings),
    ),
  ];
}
