// The extension in the browser's web worker extension host (code-server's workbench, headless Chromium): the same
// features as the Node host's suite, with the checks both hosts share (./checks.ts) and what only the browser build
// has (the index as a web worker, extractor bundles loaded without `require`). Run by scripts/test-web.mjs.
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { DeskClient } from '../../src/core/worker/client';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import { WorkspaceSourceStore } from '../../src/vscode/services/workspaceStore';
import { startWebWorker } from '../../src/web/workerHost';
import * as assert from './assert';
import {
  checkCitationHover,
  checkMisquote,
  checkMisquoteFix,
  checkPanelSearch,
  deskApi,
  EXPECTED,
  EXTENSION_ID,
  hoverText,
  notes,
  ourDiagnostics,
  sourcesWithTexts,
  waitFor,
  workspaceRoot,
} from './checks';

/** Files scripts/test-web.mjs writes into the workspace from the bundled seeds before the server starts. */
const FORMAT_FILES = [
  ['web-page.html', 'seeds/000_'],
  ['report.pdf', 'seeds/001_'],
  ['memo.docx', 'seeds/003_'],
] as const;

// The four ways the tests look into the extension's sources (one place to change if SourcesService changes shape).
const allSources = (a: BriefingDeskApi) => a.sources.corpus.sources;
const corpus = (a: BriefingDeskApi) => a.sources.corpus;
const firstHitKey = async (a: BriefingDeskApi, query: string) => (await a.sources.search(query))[0]?.key;
const entityNames = async (a: BriefingDeskApi) => (await a.sources.entities()).map((e) => e.name);

describe('Briefing Desk in the web worker extension host', function () {
  this.timeout(60_000);

  it('runs as the browser build, without Node', async () => {
    const a = await deskApi();
    assert.strictEqual(a.platform, 'web');
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process object');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    notes.push(`activate() took ${a.activationMs.toFixed(1)} ms in the web worker extension host`);
  });

  it('indexes in a web worker, not on the extension host', async () => {
    const a = await deskApi();
    await a.sources.ready;
    assert.strictEqual(a.sources.mode, 'worker');
    assert.ok(
      a.log.recent().some((line) => line.includes('Indexing in the index worker')),
      'the log says where the desk runs',
    );
  });

  it('indexes the bundled seeds and the workspace sources folder', async () => {
    const a = await deskApi();
    const keys = allSources(a).map((s) => s.key);
    assert.ok(keys.includes('harbour-deal-2025'), keys.join(', '));
    assert.strictEqual(allSources(a).filter((s) => s.bundled).length, 5);
  });

  it('reads a web page, a PDF and a Word file with the lazily loaded extractors', async () => {
    const a = await deskApi();
    for (const [file, seedName] of FORMAT_FILES) {
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'sources', file).toString();
      const indexed = await waitFor(`${file} to be indexed`, () => corpus(a).byUri(uri), 30_000);
      const bundled = allSources(a).find((s) => s.bundled && s.uri.includes(seedName));
      assert.ok(bundled, `the seed ${seedName}`);
      // With their paragraph texts, asked of the desk in the web worker.
      const [got, seed] = await sourcesWithTexts(a, [indexed.key, bundled.key]);
      assert.ok(got && seed, `${file} and ${seedName} with their texts`);
      assert.strictEqual(got.title, seed.title, `${file} title`);
      assert.strictEqual(got.paragraphs.length, seed.paragraphs.length, `${file} paragraphs`);
      assert.strictEqual(got.paragraphs[1].text, seed.paragraphs[1].text, `${file} second paragraph`);
    }
    const pdf = corpus(a).byUri(vscode.Uri.joinPath(workspaceRoot(), 'sources', 'report.pdf').toString());
    assert.ok(
      pdf?.paragraphs.some((p) => p.page === 2),
      'the PDF has paragraphs on page 2',
    );
  });

  it('picks up a source added to the workspace', async () => {
    const a = await deskApi();
    const file = vscode.Uri.joinPath(workspaceRoot(), 'sources', 'ferry.md');
    const text =
      '---\nkey: ferry-2025\ntitle: Ferry service resumes\n---\nFerry service resumes\n\nThe island ferry sailed again on Friday.\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    await waitFor('the new source to be indexed', () => corpus(a).get('ferry-2025'));
    assert.strictEqual(await firstHitKey(a, 'island ferry'), 'ferry-2025');
    await vscode.workspace.fs.delete(file);
    await waitFor('the deleted source to leave the index', () => !corpus(a).get('ferry-2025'));
  });

  it('the side panel answers a search (same result as the Node host)', async () => {
    await checkPanelSearch(await deskApi());
  });

  it('hovering a citation shows the source title and the cited paragraph (same as the Node host)', async () => {
    await deskApi();
    await checkCitationHover();
  });

  it('flags the misquote in the sample briefing and nothing else (same as the Node host)', async () => {
    await deskApi();
    await checkMisquote();
  });

  it('fixes a misquote with the closest passage text (same as the Node host)', async () => {
    await deskApi();
    await checkMisquoteFix();
  });

  it('flags a place the cited passage does not name (claim check) and replaces it with the one it does', async () => {
    const a = await deskApi();
    await entityNames(a); // the claim check waits for the entity index
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'The memorandum was signed in Jerusalem [@india-israel-ink-2025, ¶3].',
    });
    const editor = await vscode.window.showTextDocument(doc);
    const diag = await waitFor('a claim warning', () =>
      ourDiagnostics(doc.uri).find((d) => d.code === 'claim-not-in-source'),
    );
    assert.strictEqual(diag.message, 'Jerusalem is not in ¶3, which names Tel Aviv.');
    const fix = await waitFor('the quick fix', async () =>
      (
        await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          diag.range,
        )
      ).find((x) => x.title === 'Replace with “Tel Aviv”' && x.edit),
    );
    await vscode.workspace.applyEdit(fix.edit!);
    assert.strictEqual(
      editor.document.getText(),
      'The memorandum was signed in Tel Aviv [@india-israel-ink-2025, ¶3].',
    );
  });

  it('Insert Citation puts the best passage for a misspelt query at the cursor', async () => {
    const a = await deskApi();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Singh signed it. ' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.positionAt(17), doc.positionAt(17));
    await vscode.commands.executeCommand('briefingDesk.insertCitation', { query: 'Rajnat Singh', acceptFirst: true });
    const source = (await sourcesWithTexts(a)).find((s) =>
      s?.paragraphs.some((p) => p.text.includes('Defence Minister Rajnath Singh')),
    );
    const paragraph = source?.paragraphs.find((p) => p.text.includes('Defence Minister Rajnath Singh'));
    assert.ok(source && paragraph, 'a seed names Defence Minister Rajnath Singh');
    assert.strictEqual(doc.getText(), `Singh signed it. [@${source.key}, ¶${paragraph.n}]`);
  });

  it('Go to Definition opens the cited paragraph; Find All References lists the citations', async () => {
    await deskApi();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'briefings', 'sample.md'));
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('@israel-calls-india, ¶6') + 3);
    const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      at,
    );
    assert.strictEqual(locs.length, 1);
    const loc = locs[0] as vscode.Location;
    const source = await vscode.workspace.openTextDocument(loc.uri);
    assert.match(source.getText(loc.range).replace(/\s+/g, ' '), /^“India is a key strategic ally of Israel/);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      doc.uri,
      at,
    );
    // Ours: both citations of the source in sample.md (the built-in Markdown extension may add its own results).
    const ours = refs.filter((r) => r.uri.toString() === doc.uri.toString());
    const expected = [...doc.getText().matchAll(/@israel-calls-india\b/g)].map((m) => doc.positionAt(m.index + 1));
    assert.strictEqual(expected.length, 2);
    for (const pos of expected)
      assert.ok(
        ours.some((r) => r.range.start.isEqual(pos)),
        `a reference at ${pos.line}:${pos.character}`,
      );
  });

  it('extracts entities (the Entities tab) and hovers a name with its card', async () => {
    const a = await deskApi();
    assert.ok((await entityNames(a)).includes('Masood Khan'), 'Masood Khan is an entity');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'briefings', 'sample.md'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(doc.getText().indexOf('Masood Khan') + 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /Person/);
    assert.match(text, /@india-israel-advancing/);
  });

  it('the preview plugin renders numbered citations with tooltips and a bibliography', async () => {
    const a = await deskApi();
    const md = a.extendMarkdownIt(new MarkdownIt());
    // The passage's text comes from the desk (the web worker): a render before it arrived shows it as loading.
    const html = await waitFor('the cited passage in the tooltip', () => {
      const rendered = md.render('Israel called India an ally [@israel-calls-india, ¶6].\n');
      return /data-bd-passage="“India is a key strategic ally of Israel/.test(rendered) ? rendered : undefined;
    });
    assert.match(html, /<a [^>]*class="bd-cite-ref"[^>]*>1, ¶6<\/a>/);
    assert.match(html, /<li id="bd-ref-1" class="bd-ref">.*Israel Calls India ‘Key Strategic Ally’/s);
    // The built-in preview calls the plugin only when the Markdown extension runs in the same extension host: so on
    // vscode.dev and github.dev, but not in code-server, which runs it in its Node host.
    const rendered = await vscode.commands.executeCommand<string>('markdown.api.render', '[@israel-calls-india, ¶6]\n');
    notes.push(`built-in preview (markdown.api.render) applies the plugin here: ${/bd-cite-ref/.test(rendered)}`);
  });

  it('completes source keys after "[@"', async () => {
    await deskApi();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'As reported [@' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      doc.positionAt(14),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['israel-calls-india', 'india-israel-ink-2025', 'harbour-deal-2025'])
      assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
  });

  it('exports the briefing to HTML next to it through workspace.fs', async () => {
    await deskApi();
    const briefing = vscode.Uri.joinPath(workspaceRoot(), 'briefings', 'sample.md');
    const target = vscode.Uri.joinPath(workspaceRoot(), 'briefings', 'sample.html');
    await vscode.commands.executeCommand('briefingDesk.exportHtml', briefing, target);
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    await vscode.workspace.fs.delete(target);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<section id="bd-refs" class="bd-bibliography">/);
    assert.match(html, /1 problem found/);
    assert.match(html, /data-bd-passage="“India is a key strategic ally of Israel/);
  });

  it('Add Source from URL saves a page that allows cross-origin requests, following its redirect', async () => {
    const a = await deskApi();
    const origin = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '.briefing-web-test-server')),
    );
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      'briefingDesk.addSourceFromUrl',
      `${origin}/moved`,
    );
    assert.ok(saved, `saved (log: ${a.log.recent().slice(-3).join(' | ')})`);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(saved));
    assert.ok(
      text.includes(`url: ${origin}/article`),
      `the address after the redirect is recorded: ${text.slice(0, 300)}`,
    );
    const source = await waitFor('the page to be indexed', () => corpus(a).byUri(saved.toString()));
    assert.strictEqual(source.title, 'Harbour pilots strike over night shifts');
    assert.strictEqual(await firstHitKey(a, 'pilots night shifts'), source.key);
    await vscode.workspace.fs.delete(saved);
    // The next test counts the sources: the deletion has reached the index first.
    await waitFor('the deleted page to leave the index', () => (corpus(a).byUri(saved.toString()) ? undefined : true));
  });

  it('Add Source from URL says why a page without cross-origin permission cannot be added, and what to do', async () => {
    const a = await deskApi();
    const origin = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '.briefing-web-test-server')),
    );
    const before = allSources(a).length;
    const saved = await vscode.commands.executeCommand('briefingDesk.addSourceFromUrl', `${origin}/no-cors`);
    assert.strictEqual(saved, undefined);
    const line = a.log.recent().find((l) => l.includes(`${origin}/no-cors`));
    assert.ok(line, a.log.recent().slice(-3).join(' | '));
    assert.match(line, /does not allow cross-origin requests/);
    assert.match(line, /Save the page \(or download the file\) and add it to the sources\/ folder instead/);
    assert.strictEqual(allSources(a).length, before);
  });

  it('serves the desk protocol from a web worker started by the extension host', async () => {
    const a = await deskApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const port = startWebWorker({ extensionUri: ext.extensionUri } as vscode.ExtensionContext);
    assert.ok(port, 'this extension host can start a web worker');
    const client = new DeskClient(port.channel, new WorkspaceSourceStore(ext.extensionUri, a.log));
    const progress: number[] = [];
    const logs: string[] = [];
    client.onEvent = (e) => {
      if (e.event === 'progress') progress.push(e.done);
      if (e.event === 'log') logs.push(e.message);
    };
    try {
      const totals = await client.request('load', {});
      assert.strictEqual(totals.sources, allSources(a).length, `sources (worker log: ${logs.join(' | ')})`);
      assert.ok(progress.length > 0, 'progress events');
      const hits = await client.request('search', { query: EXPECTED.search.query });
      assert.strictEqual(hits[0]?.key, EXPECTED.search.key);
      assert.strictEqual(hits[0]?.paragraph, EXPECTED.search.paragraph);
      const pdfUri = vscode.Uri.joinPath(workspaceRoot(), 'sources', 'report.pdf').toString();
      const listed = await client.request('sources', {});
      assert.strictEqual(
        listed.find((s) => s.uri === pdfUri)?.title,
        corpus(a).byUri(pdfUri)?.title,
        'the worker read the PDF with its own copy of the extractor',
      );
      const checked = await client.request('check', { markdown: EXPECTED.fix.before });
      assert.deepStrictEqual(
        checked.diagnostics.map((d) => d.code),
        ['quote-not-found'],
      );
    } finally {
      client.close();
      await port.terminate();
    }
  });
});
