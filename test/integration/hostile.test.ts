// A workspace whose sources/ holds hostile files (issue 8): a line that used to make the page-chrome pattern
// backtrack, a FIFO, a file over the size limit, broken front matter and a symbolic link loop. Every good source is
// indexed, every bad one is named in the output channel, front-matter problems show in the Problems panel on the
// source, and hovers and panel searches answer while indexing runs.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, openFile, sourcesWithTexts, waitFor, workspaceRoot } from './helpers';

/** Enough good sources that indexing them takes a while (it yields between batches). */
const GOOD = 300;

describe('Briefing Desk with hostile sources', function () {
  this.timeout(180_000);
  let dir: string;
  const config = () => vscode.workspace.getConfiguration('briefingDesk');

  before(async () => {
    const a = await api();
    await config().update('maxSourceSizeMB', 1, vscode.ConfigurationTarget.Workspace);
    await a.sources.ready;
    dir = path.join(workspaceRoot().fsPath, 'sources', 'hostile');
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 1; i <= GOOD; i++) {
      fs.writeFileSync(
        path.join(dir, `good-${String(i).padStart(3, '0')}.md`),
        `---\ntitle: Lighthouse log ${i}\nkey: lighthouse-${i}\n---\nLighthouse log ${i}\n\n` +
          `The keeper of lighthouse ${i} logged the storm at dawn and lit the lamp twice.\n`,
      );
    }
    // 34 x's then "!": over two minutes in the old chrome pattern, which would freeze the extension host.
    fs.writeFileSync(
      path.join(dir, 'chrome.txt'),
      `Chrome line report\n\n${'x '.repeat(34)}!\n\nThe chrome report still has a paragraph about the breakwater.\n`,
    );
    // Created here: git cannot hold a FIFO. Reading it would block for ever.
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    assert.strictEqual(fifo.status, 0, String(fifo.stderr));
    fs.writeFileSync(path.join(dir, 'big.txt'), `Big report\n\n${'The tide rose again. '.repeat(75_000)}\n`);
    fs.writeFileSync(
      path.join(dir, 'broken.md'),
      '---\ntitle: Broken key report\nkey: my key\n---\nThe broken key report paragraph.\n',
    );
    fs.writeFileSync(path.join(dir, 'unclosed.md'), '---\ntitle: Unclosed\n\nThe unclosed report paragraph.\n');
    fs.symlinkSync('loop-b.md', path.join(dir, 'loop-a.md'));
    fs.symlinkSync('loop-a.md', path.join(dir, 'loop-b.md'));
  });

  after(async () => {
    const a = await api();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await config().update('maxSourceSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    await a.sources.reload();
  });

  it('indexes every good source, names every bad one, and answers a hover and a panel search meanwhile', async () => {
    const a = await api();
    const editor = await openFile('briefings/harbour.md');
    let indexing = true;
    const reloading = a.sources.reload().then(() => (indexing = false));

    const at = editor.document.getText().indexOf('@harbour-deal-2025, ¶1') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(at),
    );
    const hoverText = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/&nbsp;/g, ' ');
    assert.match(hoverText, /Port Ellis signs harbour deal/);
    assert.ok(indexing, 'the hover answered while the sources were being indexed');
    const reply = await a.features.panel.handle({
      type: 'search',
      id: 81,
      query: 'harbour agreement',
      keys: [],
      from: '',
      to: '',
      entity: '',
    });
    assert.ok(reply?.type === 'didSearch' && reply.results.some((r) => r.key === 'harbour-deal-2025'));
    assert.ok(indexing, 'the panel search answered while the sources were being indexed');

    await Promise.race([reloading, waitFor('indexing to finish', () => !indexing, 120_000)]);
    const keys = new Set(a.sources.corpus.sources.map((s) => s.key));
    for (let i = 1; i <= GOOD; i++) assert.ok(keys.has(`lighthouse-${i}`), `lighthouse-${i} is indexed`);
    const byTitle = (t: string) => a.sources.corpus.sources.find((s) => s.title === t);
    const chrome = byTitle('Chrome line report');
    assert.ok(
      chrome && (await sourcesWithTexts(a, [chrome.key]))[0]?.paragraphs.some((p) => /breakwater/.test(p.text)),
      'the chrome-line source is indexed',
    );
    assert.ok(byTitle('Broken key report'), 'the source with a bad key is indexed under a derived key');
    assert.ok(!a.sources.corpus.sources.some((s) => /big\.txt|pipe\.txt|loop-/.test(s.uri)));

    const log = a.log.recent().join('\n');
    assert.match(log, /Skipped .*hostile\/pipe\.txt: is a named pipe \(FIFO\), not a regular file/);
    assert.match(
      log,
      /Skipped .*hostile\/big\.txt: is 1\.5 MB, over the 1\.0 MB limit for one source \(raise it with the setting briefingDesk\.maxSourceSizeMB\)/,
    );
    assert.match(log, /Skipped .*hostile\/loop-a\.md: is a symbolic link loop/);
    assert.match(log, /Skipped .*hostile\/loop-b\.md: is a symbolic link loop/);
    assert.match(log, /hostile\/broken\.md:3: key "my key" is not a valid citation key/);
    assert.match(log, /hostile\/unclosed\.md:1: front matter opened with --- is never closed/);
  });

  it('shows front-matter problems as warnings in the Problems panel on the source file', async () => {
    const broken = vscode.Uri.file(path.join(dir, 'broken.md'));
    const warning = await waitFor('a warning on broken.md', () =>
      vscode.languages.getDiagnostics(broken).find((d) => d.source === 'Briefing Desk'),
    );
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(warning.range.start.line, 2);
    assert.match(warning.message, /key "my key" is not a valid citation key/);
  });

  it('Export Briefing to HTML refuses to write over the briefing or a source', async () => {
    const editor = await openFile('briefings/harbour.md');
    const before = editor.document.getText();
    const onBriefing = await vscode.commands.executeCommand(
      'briefingDesk.exportHtml',
      editor.document.uri,
      editor.document.uri,
    );
    assert.strictEqual(onBriefing, undefined);
    const onSource = vscode.Uri.joinPath(workspaceRoot(), 'sources', 'harbour-deal.md');
    const sourceBefore = fs.readFileSync(onSource.fsPath, 'utf8');
    const written = await vscode.commands.executeCommand('briefingDesk.exportHtml', editor.document.uri, onSource);
    assert.strictEqual(written, undefined);
    assert.strictEqual(fs.readFileSync(editor.document.uri.fsPath, 'utf8'), before);
    assert.strictEqual(fs.readFileSync(onSource.fsPath, 'utf8'), sourceBefore);
  });
});
