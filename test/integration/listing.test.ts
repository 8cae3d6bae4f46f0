// In a workspace on disk the index worker lists the sources itself, by the rules of VS Code's file search: it must
// pick exactly the files the extension host's findFiles picks (hidden files, excluded folders, names that need
// encoding in a URI, links, files the glob does not match), and name the same bad entries.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { listBadDiskEntries } from '../../src/node/diskEntries';
import { LocalSourceStore } from '../../src/node/workerStore';
import { WorkspaceSourceStore } from '../../src/vscode/services/workspaceStore';
import { api, EXTENSION_ID, workspaceRoot } from './helpers';

/** Files written under sources/listing (folders are made as needed). */
const FILES = [
  'a.md',
  'b.txt',
  'c.png',
  'README',
  'd.markdown',
  'UPPER.MD',
  '.hidden.md',
  '.dotdir/e.md',
  'node_modules/f.md',
  'sub/node_modules/g.md',
  '.git/h.md',
  'excluded-one/i.md',
  'excluded-two.md',
  'with space & (1) #2 %3 [x]{y}!.md',
  'ünïcødé — naïve.md',
  'emoji 📰.txt',
  'sub/deep/j.md',
];

/** What VS Code's file search lists there with the default glob, `**\/excluded-*` excluded. */
const EXPECTED = [
  '.dotdir/e.md',
  '.hidden.md',
  'a.md',
  'b.txt',
  'emoji 📰.txt',
  'linked-dir/deep/j.md',
  'linked.md',
  'sub/deep/j.md',
  'with space & (1) #2 %3 [x]{y}!.md',
  'ünïcødé — naïve.md',
];

describe('Briefing Desk lists sources in its index worker', function () {
  this.timeout(120_000);
  let dir: string;
  const files = () => vscode.workspace.getConfiguration('files');

  before(async () => {
    await api();
    dir = path.join(workspaceRoot().fsPath, 'sources', 'listing');
    for (const f of FILES) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), `Listing check ${f}\n\nA paragraph about the listing of ${f}.\n`);
    }
    fs.symlinkSync('sub', path.join(dir, 'linked-dir'));
    fs.symlinkSync('a.md', path.join(dir, 'linked.md'));
    fs.symlinkSync('missing.md', path.join(dir, 'dangling.md'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'loop'));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.md')]);
    assert.strictEqual(fifo.status, 0, String(fifo.stderr));
    await files().update('exclude', { '**/.git': true, '**/excluded-*': true }, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    const a = await api();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await files().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await a.sources.reload();
  });

  it('picks exactly the files and bad entries the host file search picks', async () => {
    const a = await api();
    const store = new WorkspaceSourceStore(
      vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
      a.log,
      listBadDiskEntries,
    );
    const listing = store.localListing();
    assert.ok(listing, 'a workspace on disk is listed by the worker');
    const local = new LocalSourceStore(listing);
    const [host, worker] = [(await store.list()).sort(), (await local.list()).sort()];
    assert.deepStrictEqual(worker, host);
    const reasons = (s: { skipped(): Array<{ uri: string; reason: string }> }) =>
      s
        .skipped()
        .map((p) => `${p.uri}: ${p.reason}`)
        .sort();
    assert.deepStrictEqual(reasons(local), reasons(store));
    assert.ok(
      reasons(local).some((r) => r.includes('pipe.md: is a named pipe')),
      reasons(local).join('\n'),
    );
    // What the host found, as the user would name the files.
    const base = `${vscode.Uri.file(dir).toString()}/`;
    const found = host.filter((u) => u.startsWith(base)).map((u) => decodeURIComponent(u.slice(base.length)));
    assert.deepStrictEqual(found.sort(), [...EXPECTED].sort());
    // The worker reads a listed file by its URI, and the bundled seeds are told apart.
    const uri = host.find((u) => u.endsWith('%5Bx%5D%7By%7D%21.md'));
    assert.ok(uri, host.join('\n'));
    assert.match(new TextDecoder().decode(await local.read(uri)), /^Listing check with space/);
    assert.deepStrictEqual(
      host.filter((u) => store.isBundled(u)),
      worker.filter((u) => local.isBundled(u)),
    );
  });

  it('leaves the listing to the host when an exclude depends on sibling files', async () => {
    await files().update('exclude', { '**/*.txt': { when: '$(basename).md' } }, vscode.ConfigurationTarget.Workspace);
    const a = await api();
    const store = new WorkspaceSourceStore(
      vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
      a.log,
      listBadDiskEntries,
    );
    assert.strictEqual(store.localListing(), undefined);
    await files().update('exclude', { '**/.git': true, '**/excluded-*': true }, vscode.ConfigurationTarget.Workspace);
  });

  it('indexes what the worker listed: a source whose name needs encoding is searchable', async () => {
    const a = await api();
    await a.sources.reload();
    assert.ok(
      a.log
        .recent()
        .some((l) => l.includes('The index worker listed, checked and read the source files on disk itself')),
      a.log.recent().slice(-20).join('\n'),
    );
    const hits = await a.sources.search('listing of with space');
    assert.ok(
      hits.some((h) => a.sources.corpus.get(h.key)?.uri.endsWith('%5Bx%5D%7By%7D%21.md')),
      JSON.stringify(hits.map((h) => h.key)),
    );
    assert.ok(![...a.sources.corpus.sources].some((s) => s.uri.includes('excluded-')));
  });
});
