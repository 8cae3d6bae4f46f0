// Every feature through the real `vscode` API: panel search, insertion, completion, hovers, navigation, checks, fixes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import { api, openFile, sourcesWithTexts, waitFor } from './helpers';

/** The paragraph of a source whose text contains `needle`, found by reading the corpus. */
async function paragraphWith(a: BriefingDeskApi, needle: string) {
  for (const s of await sourcesWithTexts(a)) {
    const p = s?.paragraphs.find((x) => x.text.includes(needle));
    if (s && p) return { source: s, paragraph: p };
  }
  throw new Error(`no paragraph contains ${needle}`);
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${needle} should be in ${doc.uri.path}`);
  return doc.positionAt(i + delta);
}

/** Markdown as a reader sees it: VS Code's escapes (`&nbsp;`, `\-`) undone. */
function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function hoverText(hovers: vscode.Hover[]): string {
  return plain(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
}

async function newBriefing(text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  return vscode.window.showTextDocument(doc);
}

function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Briefing Desk');
}

/** Waits for our diagnostic with `code`, then applies the quick fix whose title passes `wanted`, as the light bulb would. */
async function applyQuickFix(
  editor: vscode.TextEditor,
  code: string,
  wanted: (title: string) => boolean,
): Promise<void> {
  const diag = await waitFor(`a ${code} diagnostic`, () =>
    ourDiagnostics(editor.document.uri).find((d) => d.code === code),
  );
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    diag.range,
  );
  const fix = actions.find((a) => wanted(a.title));
  assert.ok(fix?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
  await vscode.workspace.applyEdit(fix.edit);
}

describe('Briefing Desk features', function () {
  this.timeout(30_000);

  // Every test may run alone (--grep): the sources are indexed before any of them asks.
  before(async () => {
    await api();
  });

  it('indexes the bundled seeds and the workspace sources folder', async () => {
    const a = await api();
    const keys = a.sources.corpus.sources.map((s) => s.key);
    assert.ok(keys.includes('harbour-deal-2025'), keys.join(', '));
    assert.strictEqual(a.sources.corpus.sources.filter((s) => s.bundled).length, 5);
  });

  it('picks up a source added to the workspace, and drops it when deleted', async () => {
    const a = await api();
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'sources', 'ferry.md');
    const text =
      '---\nkey: ferry-2025\ntitle: Ferry service resumes\n---\nFerry service resumes\n\nThe island ferry sailed again on Friday.\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    await waitFor('the new source to be indexed', () => a.sources.corpus.get('ferry-2025'));
    const [added] = await sourcesWithTexts(a, ['ferry-2025']);
    assert.strictEqual(added?.paragraphs[0].text, 'The island ferry sailed again on Friday.');
    assert.strictEqual((await a.sources.search('island ferry'))[0]?.key, 'ferry-2025');
    await vscode.workspace.fs.delete(file);
    await waitFor('the deleted source to leave the index', () => !a.sources.corpus.get('ferry-2025'));
    assert.ok(!(await a.sources.search('island ferry')).some((h) => h.key === 'ferry-2025'));
  });

  it('skips an unreadable source and keeps every other one', async () => {
    const a = await api();
    const before = a.sources.corpus.sources.length;
    const bad = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'sources', 'latin1.txt');
    const good = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'sources', 'tide.md');
    await vscode.workspace.fs.writeFile(
      bad,
      new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x63, 0x61, 0x66, 0xe9]),
    );
    await vscode.workspace.fs.writeFile(
      good,
      new TextEncoder().encode('---\nkey: tide-2025\n---\nTide tables\n\nThe spring tide peaked at dawn.\n'),
    );
    await waitFor('the readable source to be indexed', () => a.sources.corpus.get('tide-2025'));
    assert.strictEqual(a.sources.corpus.sources.length, before + 1, 'only the readable file joins the corpus');
    assert.ok(!a.sources.corpus.byUri(bad.toString()));
    await vscode.workspace.fs.delete(bad);
    await vscode.workspace.fs.delete(good);
    await waitFor('the corpus to be as it was', () => a.sources.corpus.sources.length === before);
  });

  it('the side panel resolves and answers a search with highlighted passages', async () => {
    const a = await api();
    await vscode.commands.executeCommand('briefingDesk.panel.focus');
    await waitFor('the panel to resolve', () => a.features.panel.resolved);
    const reply = await a.features.panel.handle({
      type: 'search',
      id: 1,
      query: 'Barak 8',
      keys: [],
      from: '',
      to: '',
      entity: '',
    });
    assert.ok(reply && reply.type === 'didSearch');
    const first = reply.results[0];
    const text = first.segments.map((s) => s.text).join('');
    assert.match(text, /Barak-8/);
    assert.ok(
      first.segments.some((s) => s.match && /barak/i.test(s.text)),
      'the matched word is highlighted',
    );
  });

  it('Insert Citation puts the best passage for a misspelt query at the cursor', async () => {
    const a = await api();
    const editor = await newBriefing('Singh signed it. ');
    editor.selection = new vscode.Selection(editor.document.positionAt(17), editor.document.positionAt(17));
    await vscode.commands.executeCommand('briefingDesk.insertCitation', { query: 'Rajnat Singh', acceptFirst: true });
    const { source, paragraph } = await paragraphWith(a, 'Defence Minister Rajnath Singh');
    assert.strictEqual(editor.document.getText(), `Singh signed it. [@${source.key}, ¶${paragraph.n}]`);
  });

  it('Insert Citation with several passages writes one pandoc citation', async () => {
    const editor = await newBriefing('');
    await vscode.commands.executeCommand('briefingDesk.insertCitation', {
      items: [
        { key: 'israel-calls-india', paragraph: 2 },
        { key: 'india-israel-ink-2025', paragraph: 5 },
      ],
    });
    assert.strictEqual(editor.document.getText(), '[@israel-calls-india, ¶2; @india-israel-ink-2025, ¶5]');
  });

  it('Insert Quote with Citation quotes the passage in curly quotes', async () => {
    const a = await api();
    const editor = await newBriefing('');
    await vscode.commands.executeCommand('briefingDesk.insertQuote', {
      items: [{ key: 'israel-calls-india', paragraph: 10 }],
    });
    assert.strictEqual(editor.document.getText(), '“Baram returned to Israel on Thursday.” [@israel-calls-india, ¶10]');
    assert.deepStrictEqual(
      await a.features.briefings.diagnostics(editor.document),
      [],
      'the inserted quote checks out',
    );
  });

  it('Insert Quote with Citation after a word puts a space before the quote', async () => {
    const editor = await newBriefing('Baram went home');
    editor.selection = new vscode.Selection(editor.document.positionAt(15), editor.document.positionAt(15));
    await vscode.commands.executeCommand('briefingDesk.insertQuote', {
      items: [{ key: 'israel-calls-india', paragraph: 10 }],
    });
    assert.strictEqual(
      editor.document.getText(),
      'Baram went home “Baram returned to Israel on Thursday.” [@israel-calls-india, ¶10]',
    );
  });

  it('completes source keys after "[@" with title and date, and the opening paragraph beside the list', async () => {
    const editor = await newBriefing('As reported [@');
    // Resolving items is what the editor does for the one focused in the list: it shows the opening paragraph.
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.document.positionAt(14),
      undefined,
      1000,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['israel-calls-india', 'india-israel-ink-2025', 'islamabad-views-us-2025', 'harbour-deal-2025']) {
      assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    }
    const ink = list.items.find(
      (i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'india-israel-ink-2025',
    )!;
    assert.match(String(ink.detail), /India, Israel Ink Defence Pact.*2025-11-05/);
    const opening = ink.documentation as vscode.MarkdownString;
    assert.match(plain(opening.value), /^The India–Israel defence pact deepens military cooperation/);
  });

  it('completes paragraph numbers after ", ¶" with their text', async () => {
    const editor = await newBriefing('See [@israel-calls-india, ¶');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.document.positionAt(editor.document.getText().length),
    );
    const six = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '6');
    assert.ok(six, 'paragraph 6 is offered');
    const doc = six.documentation as vscode.MarkdownString;
    assert.match(plain(doc.value), /India is a key strategic ally of Israel/);
    assert.match(String((six.label as vscode.CompletionItemLabel).detail), /India is a key strategic ally of Israel/);
  });

  it('hovering a citation shows the source title and the cited paragraph', async () => {
    const editor = await openFile('briefings/sample.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      positionOf(editor.document, '@israel-calls-india, ¶6', 3),
    );
    const text = hoverText(hovers);
    assert.match(text, /Israel Calls India ‘Key Strategic Ally’/);
    assert.match(text, /India is a key strategic ally of Israel/);
    assert.match(text, /Open source/);
  });

  it('hovering [@key, ¶3, 5-6] quotes paragraphs 3, 5 and 6, and not 4', async () => {
    const editor = await newBriefing('See [@israel-calls-india, ¶3, 5-6].');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(8),
    );
    const text = hoverText(hovers);
    assert.deepStrictEqual(
      [...text.matchAll(/\*\*¶(\d+)\*\*/g)].map((m) => m[1]),
      ['3', '5', '6'],
    );
    const raw = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(!raw.includes('&nbsp;'), 'the quoted text wraps between words');
  });

  it('hovering an entity name shows its card with the sources that mention it', async () => {
    const editor = await openFile('briefings/sample.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      positionOf(editor.document, 'Masood Khan', 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /Masood Khan/);
    assert.match(text, /Person/);
    assert.match(text, /@india-israel-advancing/);
  });

  it('Go to Definition on a citation opens the cited paragraph', async () => {
    const editor = await openFile('briefings/sample.md');
    const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      positionOf(editor.document, '@israel-calls-india, ¶6', 3),
    );
    assert.strictEqual(locs.length, 1);
    const loc = locs[0] as vscode.Location;
    const source = await vscode.workspace.openTextDocument(loc.uri);
    assert.match(source.getText(loc.range).replace(/\s+/g, ' '), /^“India is a key strategic ally of Israel/);
  });

  it('Find All References lists every citation of the source', async () => {
    const editor = await openFile('briefings/sample.md');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      editor.document.uri,
      positionOf(editor.document, '@israel-calls-india, ¶6', 3),
    );
    const text = editor.document.getText();
    const expected = [...text.matchAll(/@israel-calls-india\b/g)].map((m) => editor.document.positionAt(m.index! + 1));
    assert.strictEqual(expected.length, 2);
    const ours = refs.filter((r) => r.uri.toString() === editor.document.uri.toString());
    for (const pos of expected) {
      assert.ok(
        ours.some((r) => r.range.start.isEqual(pos)),
        `a reference at ${pos.line}:${pos.character}`,
      );
    }
    assert.ok(!refs.some((r) => r.uri.path.endsWith('harbour.md')), 'harbour.md does not cite this source');
  });

  it('flags the misquote in the sample briefing and nothing else', async () => {
    const editor = await openFile('briefings/sample.md');
    const diags = await waitFor('diagnostics on sample.md', () => {
      const d = ourDiagnostics(editor.document.uri);
      return d.length ? d : undefined;
    });
    assert.deepStrictEqual(
      diags.map((d) => d.code),
      ['quote-not-found'],
    );
    assert.match(editor.document.getText(diags[0].range), /Regional alliances are collapsing/);
  });

  it('flags an unknown key as you type and fixes it with the closest key', async () => {
    const editor = await newBriefing('Israel called India an ally [@isreal-calls-india, ¶2].');
    await applyQuickFix(editor, 'unknown-key', (title) => title === 'Replace with @israel-calls-india');
    assert.strictEqual(editor.document.getText(), 'Israel called India an ally [@israel-calls-india, ¶2].');
    await waitFor('the diagnostic to clear', () => ourDiagnostics(editor.document.uri).length === 0);
  });

  it('offers to cite the source that really contains a quote', async () => {
    const editor = await newBriefing('India is “a key strategic ally of Israel” [@india-israel-ink-2025, ¶3].');
    await applyQuickFix(editor, 'quote-not-found', (title) =>
      title.startsWith('Cite the source that contains this quote: @israel-calls-india'),
    );
    assert.match(
      editor.document.getText(),
      /^India is “a key strategic ally of Israel” \[@israel-calls-india, ¶\d+\]\.$/,
    );
    await waitFor('the quote to check out', () => ourDiagnostics(editor.document.uri).length === 0);
  });

  it('offers to replace a misquote with the closest passage text', async () => {
    const editor = await newBriefing(
      'Baram said India is “a key strategic partner of Israel” [@israel-calls-india, ¶6].',
    );
    await applyQuickFix(editor, 'quote-not-found', (title) => title === 'Replace with the closest passage text');
    await waitFor('the quote to check out', () => ourDiagnostics(editor.document.uri).length === 0);
    assert.match(editor.document.getText(), /strategic ally/);
  });

  it('flags a place the cited passage does not name and replaces it with the one it does', async () => {
    // The claim check waits for the entity index (aliases); so does this test.
    await (await api()).sources.entities();
    const editor = await newBriefing('The memorandum was signed in Jerusalem [@india-israel-ink-2025, ¶3].');
    const diag = await waitFor('a claim warning', () =>
      ourDiagnostics(editor.document.uri).find((d) => d.code === 'claim-not-in-source'),
    );
    assert.strictEqual(diag.message, 'Jerusalem is not in ¶3, which names Tel Aviv.');
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(editor.document.getText(diag.range), 'Jerusalem');
    await applyQuickFix(editor, 'claim-not-in-source', (title) => title === 'Replace with “Tel Aviv”');
    assert.strictEqual(
      editor.document.getText(),
      'The memorandum was signed in Tel Aviv [@india-israel-ink-2025, ¶3].',
    );
    await waitFor('the claim to check out', () => ourDiagnostics(editor.document.uri).length === 0);
  });

  it('moves the locator to the paragraph that has the fact, and the claim check has its own setting', async () => {
    await (await api()).sources.entities();
    const editor = await newBriefing('Hegseth announced the framework [@islamabad-views-us-2025, ¶1].');
    await applyQuickFix(editor, 'claim-not-in-source', (title) => title === 'Cite ¶2 instead');
    assert.strictEqual(editor.document.getText(), 'Hegseth announced the framework [@islamabad-views-us-2025, ¶2].');
    await waitFor('the claim to check out', () => ourDiagnostics(editor.document.uri).length === 0);
    const config = vscode.workspace.getConfiguration('briefingDesk');
    const other = await newBriefing('Operation Rising Lion was launched against Iraq [@israel-calls-india, ¶8].');
    await waitFor('a claim warning', () =>
      ourDiagnostics(other.document.uri).find((d) => d.code === 'claim-not-in-source'),
    );
    await config.update('diagnostics.claims.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the claim warning to go', () => ourDiagnostics(other.document.uri).length === 0);
    } finally {
      await config.update('diagnostics.claims.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the claim warning to come back', () => ourDiagnostics(other.document.uri).length === 1);
  });
});
