// A window reload starts from the saved index (the sources answer at once), then checks the files: a file changed,
// deleted or added while the window was closed is right once the check is done.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { api, workspaceRoot } from './helpers';

const report = (title: string, body: string) => `${title}\n\n2025-03-04\n\n${body}\n`;

describe('Briefing Desk starts warm from the saved index and catches up with the files', function () {
  this.timeout(120_000);
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const uri = (name: string) => `${workspaceRoot().toString()}/sources/warm/${name}`;

  before(async () => {
    const a = await api();
    dir = path.join(workspaceRoot().fsPath, 'sources', 'warm');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file('kept.md'), report('Kept pier report', 'The kept pier opened for barges.'));
    fs.writeFileSync(file('edited.md'), report('Edited pier report', 'The old pier closed for repairs.'));
    fs.writeFileSync(file('deleted.md'), report('Deleted pier report', 'The deleted pier Zylphorine sank long ago.'));
    await a.sources.reload();
    await a.sources.saveIndex();
  });

  after(async () => {
    const a = await api();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await a.sources.reload();
  });

  it('a file edited, deleted or added while the window was closed is right after the check', async () => {
    const a = await api();
    const before = a.sources.corpus.size;
    assert.strictEqual(a.sources.corpus.byUri(uri('deleted.md'))?.title, 'Deleted pier report');
    await a.sources.restart(async () => {
      fs.writeFileSync(
        file('edited.md'),
        report('Edited pier report, revised', 'The new pier Brimstavel welcomed a ferry.'),
      );
      fs.rmSync(file('deleted.md'));
      fs.writeFileSync(file('added.md'), report('Added pier report', 'A floating pier Quorvandel for kayaks.'));
    });
    // The answer came from the saved index; the check of the files follows it.
    assert.ok(
      a.log.recent().some((l) => /Index: \d+ sources from the saved index; the files are checked next\./.test(l)),
      a.log.recent().join('\n'),
    );
    await a.sources.checked;
    assert.ok(
      a.log
        .recent()
        .some((l) => /Files checked against the saved index: \d+ listed; 1 changed, 1 new, 1 gone\./.test(l)),
      a.log.recent().join('\n'),
    );
    assert.strictEqual(a.sources.corpus.byUri(uri('edited.md'))?.title, 'Edited pier report, revised');
    assert.strictEqual(a.sources.corpus.byUri(uri('deleted.md')), undefined);
    assert.strictEqual(a.sources.corpus.byUri(uri('added.md'))?.title, 'Added pier report');
    assert.strictEqual(a.sources.corpus.byUri(uri('kept.md'))?.title, 'Kept pier report');
    assert.strictEqual(a.sources.corpus.size, before);
    const hits = async (q: string) => (await a.sources.search(q)).map((h) => a.sources.corpus.get(h.key)?.uri);
    assert.deepStrictEqual(await hits('Quorvandel'), [uri('added.md')]);
    assert.deepStrictEqual(await hits('Brimstavel'), [uri('edited.md')]);
    assert.deepStrictEqual(await hits('Zylphorine'), []);
    assert.ok(!a.sources.progress, 'no progress shown once checked');
  });
});
