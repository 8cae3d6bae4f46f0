// The index worker's own listing (a workspace on disk): VS Code's glob syntax, URIs written as VS Code writes them,
// and a desk served over the protocol listing through it. (That it picks exactly what VS Code's file search picks is
// checked against the real findFiles in test/integration/listing.test.ts.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DeskClient } from '../../src/core/worker/client';
import { loopback } from '../../src/core/worker/loopback';
import { SourceMirror } from '../../src/core/worker/mirror';
import { mirrorSources, serveDesk } from '../../src/core/worker/serve';
import { encodeSegment, globMatcher, LocalSourceStore } from '../../src/node/workerStore';
import type { FromWorker, LocalListing, ToWorker, WorkerEvent } from '../../src/protocol/worker';

describe('index worker: its own listing of a workspace on disk', () => {
  it('matches paths with VS Code glob syntax', () => {
    const m = globMatcher('sources/**/*.{md,txt}');
    assert.ok(m('sources/a.md'));
    assert.ok(m('sources/x/y/b.txt'));
    assert.ok(!m('sources/a.MD'), 'case matters');
    assert.ok(!m('other/a.md'));
    assert.ok(!m('sourcesx/a.md'));
    assert.ok(!m('sources/a.md.bak'));
    const nm = globMatcher('**/node_modules/**');
    assert.ok(nm('node_modules'), 'an excluded folder itself');
    assert.ok(nm('a/node_modules/b/c.md'));
    assert.ok(!nm('a/node_modulesx/c.md'));
    assert.ok(globMatcher('**/.git')('sub/.git'));
    assert.ok(globMatcher('a/?.[a-c]')('a/x.b'));
    assert.ok(!globMatcher('a/?.[!a-c]')('a/x.b'));
    assert.ok(!globMatcher('a/*.md')('a/b/c.md'), 'one star stays in one folder');
    assert.ok(!globMatcher('[')('['), 'an unclosed class matches nothing');
  });

  it('writes URI segments as VS Code does', () => {
    assert.strictEqual(encodeSegment("a b&(1)#2%3[x]{y}!'*.md"), 'a%20b%26%281%29%232%253%5Bx%5D%7By%7D%21%27%2A.md');
    assert.strictEqual(encodeSegment('ünï — 📰~_-.md'), '%C3%BCn%C3%AF%20%E2%80%94%20%F0%9F%93%B0~_-.md');
  });

  it('lists by the host rules and serves a desk that reads through it; the host lists nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-listing-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      write('sources/one two.md', '---\ntitle: Harbour one\n---\nThe harbour pilot spoke of tides.\n');
      write('sources/.hidden/deep.txt', 'Hidden note\n\nA hidden paragraph about lighthouses.\n');
      write('sources/node_modules/x.md', 'Module\n\nNot a source.\n');
      write('sources/skip-me/y.md', 'Excluded\n\nNot a source either.\n');
      write('sources/z.png', 'not a source');
      const uri = pathToFileURL(dir).href;
      const listing: LocalListing = {
        folders: [{ path: dir, uri, excludes: ['**/skip-*', '**/node_modules/**'] }],
        globs: ['sources/**/*.{md,txt,html,htm,pdf,docx}'],
        badEntryDirs: [],
        limit: { bytes: 1 << 20, name: 'the limit' },
      };
      const ends = loopback<ToWorker, FromWorker>();
      serveDesk(ends.b, { cache: false, localStore: (l) => new LocalSourceStore(l) });
      const asked: string[] = [];
      const host = {
        list: async () => (asked.push('list'), []),
        read: async () => (asked.push('read'), new Uint8Array()),
      };
      const client = new DeskClient(ends.a, host, undefined, () => listing);
      const mirror = new SourceMirror();
      const log: string[] = [];
      client.onEvent = (e: WorkerEvent) => {
        if (e.event === 'sources') mirror.apply(e);
        if (e.event === 'log') log.push(e.message);
      };
      const totals = await client.request('load', {});
      assert.strictEqual(totals.sources, 2);
      assert.deepStrictEqual(mirror.sources.map((s) => s.uri.slice(uri.length)).sort(), [
        '/sources/.hidden/deep.txt',
        '/sources/one%20two.md',
      ]);
      assert.deepStrictEqual(asked, [], 'the host is asked for no listing and no file');
      assert.ok(log.some((l) => l.includes('listed, checked and read the source files on disk itself')));
      const hits = await client.request('search', { query: 'lighthouses' });
      assert.strictEqual(mirror.get(hits[0].key)?.title, 'Hidden note');
      client.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a copy of the sources follows a replacement worker without going back in version', () => {
    const mirror = new SourceMirror();
    mirror.apply({ event: 'sources', version: 7, updated: mirrorSources([]), removed: [], last: true });
    mirror.continueFrom(3);
    assert.strictEqual(mirror.version, 8);
    mirror.apply({ event: 'sources', version: 4, updated: mirrorSources([]), removed: [], last: true });
    assert.strictEqual(mirror.version, 9);
    assert.strictEqual(mirror.versionOf(4), 9);
  });
});
