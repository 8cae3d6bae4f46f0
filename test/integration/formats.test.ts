// Web pages, PDFs and Word files in a real workspace: indexed, listed in the panel, opened as read-only extracted
// text at the cited paragraph, hovered and checked with page locators; and Add Source from URL against 127.0.0.1.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseSource, type ParsedSource } from '../../src/core/corpus';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import { newsPage, reportPdf, wordDoc } from '../support/sourceFixtures';
import { EXTENSION_ID, sourcesWithTexts, waitFor, workspaceRoot } from './helpers';

const SEEDS = path.join(__dirname, '..', '..', '..', 'seeds');
const seeds: ParsedSource[] = fs
  .readdirSync(SEEDS)
  .sort()
  .map((f) => parseSource(`seeds/${f}`, fs.readFileSync(path.join(SEEDS, f), 'utf8')));

async function api(): Promise<BriefingDeskApi> {
  const exports = await vscode.extensions.getExtension<BriefingDeskApi>(EXTENSION_ID)!.activate();
  await exports.sources.ready;
  return exports;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

describe('Source formats in the workspace', function () {
  this.timeout(60_000);
  const files = {
    'web-khan.html': async () => new TextEncoder().encode(newsPage(seeds[0])),
    'report-pact.pdf': async () => reportPdf(seeds[1], { linesPerPage: 18 }),
    'memo-islamabad.docx': async () => wordDoc(seeds[3]),
  };
  const uriOf = (name: string) => vscode.Uri.joinPath(workspaceRoot(), 'sources', name);
  /** The source read from the file `name`, with its paragraph texts (asked of the desk). */
  const withTexts = async (a: BriefingDeskApi, name: string) => {
    const source = a.sources.corpus.byUri(uriOf(name).toString());
    assert.ok(source, `${name} is indexed`);
    const [filled] = await sourcesWithTexts(a, [source.key]);
    assert.ok(filled, `${name} has its paragraph texts`);
    return filled;
  };

  before(async () => {
    const a = await api();
    for (const [name, make] of Object.entries(files)) await vscode.workspace.fs.writeFile(uriOf(name), await make());
    await waitFor(
      'the three files to be indexed',
      () => Object.keys(files).every((n) => a.sources.corpus.byUri(uriOf(n).toString())),
      30_000,
    );
  });

  after(async () => {
    for (const name of Object.keys(files)) await vscode.workspace.fs.delete(uriOf(name)).then(undefined, () => {});
  });

  it('lists the web page, the PDF and the Word file in the panel with their titles, dates and paragraph counts', async () => {
    const a = await api();
    await vscode.commands.executeCommand('briefingDesk.panel.focus');
    await waitFor('the panel to resolve', () => a.features.panel.resolved);
    const loaded = await a.features.panel.handle({ type: 'load' });
    const rows = loaded?.type === 'didLoad' ? loaded.sources : [];
    for (const [name, seed] of [
      ['web-khan.html', seeds[0]],
      ['report-pact.pdf', seeds[1]],
      ['memo-islamabad.docx', seeds[3]],
    ] as const) {
      const key = a.sources.corpus.byUri(uriOf(name).toString())!.key;
      const row = rows.find((s) => s.key === key);
      assert.ok(row, `${name} should be in the panel`);
      assert.strictEqual(row.title, seed.title);
      assert.strictEqual(row.paragraphs, seed.paragraphs.length);
      assert.strictEqual(row.date, seed.date ?? '2025-11-05', name);
    }
  });

  it('Open Source shows the PDF as read-only extracted text, with paragraph numbers and pages, at the paragraph', async () => {
    const a = await api();
    const pdf = await withTexts(a, 'report-pact.pdf');
    const p = pdf.paragraphs.find((x) => x.page === 2)!;
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('briefingDesk.openSource', pdf.key, p.n);
    assert.strictEqual(editor.document.uri.scheme, 'briefing-extract');
    assert.strictEqual(editor.document.getText(editor.selection), p.text);
    assert.ok(editor.document.lineAt(editor.selection.start.line).text.startsWith(`¶${p.n} · p. 2  `));
    // The original file is one command away.
    await vscode.commands.executeCommand('briefingDesk.openOriginal');
    await waitFor('the original PDF to open', () =>
      vscode.window.tabGroups.all.some((g) =>
        g.tabs.some((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === uriOf('report-pact.pdf').toString()),
      ),
    );
  });

  it('a page citation hovers with the text of that page, and a misquote on that page is flagged', async () => {
    const a = await api();
    const pdf = await withTexts(a, 'report-pact.pdf');
    const plainText = (t: string) => !/[“”"]/.test(t);
    const onTwo = pdf.paragraphs.find((x) => x.page === 2 && !x.pageEnd && plainText(x.text))!;
    const quote = onTwo.text.split(' ').slice(1, 7).join(' ');
    const word = await withTexts(a, 'memo-islamabad.docx');
    const wordPara = word.paragraphs.find((x) => plainText(x.text))!;
    const md =
      `# Note\n\nThe report: “${quote}” [@${pdf.key}, p. 2].\n\nAltered: “${quote} elephants” [@${pdf.key}, p. 2].\n\n` +
      `Word: “${wordPara.text.split(' ').slice(0, 6).join(' ')}” [@${word.key}, ¶${wordPara.n}].\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(md.indexOf(`@${pdf.key}, p. 2`) + 3),
    );
    const text = hoverText(hovers);
    assert.ok(text.includes(pdf.title), text);
    assert.ok(text.includes(onTwo.text.slice(0, 60)), text);
    const diags = await waitFor('the misquote diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Briefing Desk');
      return d.length ? d : undefined;
    });
    assert.deepStrictEqual(
      diags.map((d) => d.code),
      ['quote-not-found'],
    );
    assert.match(diags[0].message, new RegExp(`in ${pdf.key} p\\. 2`));
    assert.strictEqual(doc.lineAt(diags[0].range.start.line).text.startsWith('Altered'), true);
  });

  it('Go to Definition on a citation of the Word file opens its extracted text at the paragraph', async () => {
    const a = await api();
    const word = await withTexts(a, 'memo-islamabad.docx');
    const md = `See [@${word.key}, ¶4].\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
    const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      doc.positionAt(md.indexOf('@') + 2),
    );
    const loc = locs[0] as vscode.Location;
    assert.strictEqual(loc.uri.scheme, 'briefing-extract');
    const view = await vscode.workspace.openTextDocument(loc.uri);
    assert.strictEqual(view.getText(loc.range), word.paragraphs[3].text);
  });

  it('Add Source from URL saves a page served on 127.0.0.1 as Markdown in sources/ and indexes it', async () => {
    const a = await api();
    const server = http.createServer((req, res) => {
      if (req.url === '/story')
        res.writeHead(200, { 'content-type': 'text/html' }).end(newsPage(seeds[2], { outlet: 'Harbour Times' }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
      const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('briefingDesk.addSourceFromUrl', url);
      assert.ok(saved, 'the command should return the saved file');
      assert.ok(saved.path.endsWith('/sources/india-israel-strengthen-2025.md'), saved.path);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(saved));
      assert.match(text, /^---\nkey: india-israel-strengthen-2025\n/);
      assert.match(text, /\noutlet: Harbour Times\n/);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), saved.toString());
      const added = await waitFor('the new source to be indexed', () =>
        a.sources.corpus.get('india-israel-strengthen-2025'),
      );
      assert.strictEqual(added.paragraphs.length, seeds[2].paragraphs.length);
      const missing = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'briefingDesk.addSourceFromUrl',
        `${url}-gone`,
      );
      assert.strictEqual(missing, undefined);
      await vscode.workspace.fs.delete(saved);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
