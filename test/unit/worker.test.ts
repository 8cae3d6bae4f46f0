// The desk in a worker thread: the host keeps the files, the worker indexes; answers are the same as in process.
import * as assert from 'assert';
import * as path from 'path';
import { MemorySourceStore, UnusableEntry, type Source, type SourceStore } from '../../src/core/corpus';
import { createBriefingDesk } from '../../src/core/desk';
import { joinChunks, type IndexCacheStore } from '../../src/core/cache';
import type { WorkerEvent } from '../../src/protocol/worker';
import { startDeskWorker } from '../../src/node/workerHost';
import { DeskClient, WorkerStopped } from '../../src/core/worker/client';
import { loopback } from '../../src/core/worker/loopback';
import { SourceMirror } from '../../src/core/worker/mirror';
import { PassageTexts } from '../../src/core/worker/passages';
import { oneTimeline } from '../../src/core/worker/phases';
import { mirrorSources, serveDesk } from '../../src/core/worker/serve';
import type { FromWorker, ToWorker } from '../../src/protocol/worker';
import { progressText } from '../../src/vscode/services/progress';

const SCRIPT = path.join(__dirname, '..', '..', 'src', 'node', 'deskWorker.js');

function files(n: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `mem:/s/${String(i).padStart(3, '0')}.txt`,
      `Harbour report number ${i}\n\n2024-03-0${(i % 9) + 1}\n\nMinister Ana Duarte opened berth ${i} in Porto.\n\n` +
        `The channel was dredged to ${i + 10} metres.\n`,
    ]),
  );
}

describe('worker: the desk off the host thread', () => {
  it('loads with progress, then searches, checks and lists entities as the desk in process does', async () => {
    const store = new MemorySourceStore(files(250));
    const local = createBriefingDesk({ store });
    await local.load();
    const w = startDeskWorker(store, undefined, SCRIPT);
    try {
      const events: WorkerEvent[] = [];
      w.client.onEvent = (e) => events.push(e);
      const totals = await w.client.request('load', {});
      assert.deepStrictEqual([totals.sources, totals.passages], [250, local.library.search.passageCount]);
      const progress = events.filter((e) => e.event === 'progress');
      assert.ok(progress.length >= 2, JSON.stringify(progress));
      assert.ok(events.some((e) => e.event === 'indexed' && e.sources === 250));
      assert.deepStrictEqual(
        await w.client.request('search', { query: 'berth 17 Porto' }),
        local.search('berth 17 Porto'),
      );
      const key = local.library.sources[0].key;
      const md = `“opened berth” [@${key}, ¶1]. “closed the berth” [@${key}, ¶1].`;
      const checked = await w.client.request('check', { markdown: md, claims: false });
      assert.deepStrictEqual(checked, { diagnostics: local.check(md, { claims: false }), claims: false });
      // Paragraph texts, asked by URI, in the order asked (null: no such source), across the thread boundary.
      const [a, b] = [local.library.sources[3], local.library.sources[1]];
      const texts = await w.client.request('paragraphTexts', { uris: [a.uri, 'mem:/s/none.txt', b.uri] });
      assert.deepStrictEqual(texts.texts, [a.paragraphs.map((p) => p.text), null, b.paragraphs.map((p) => p.text)]);
      assert.strictEqual(typeof texts.version, 'number');
      const names = (await w.client.request('entities', {})).map((e) => e.name);
      assert.deepStrictEqual(
        names,
        (await local.entities()).entities.map((e) => e.name),
      );
    } finally {
      await w.stop();
    }
    await assert.rejects(w.client.request('sources', {}), /stopped/);
  });

  it('saves the index through the host and starts warm from it in a new worker', async () => {
    const store = new MemorySourceStore(files(30));
    let saved: Uint8Array | undefined;
    const cache: IndexCacheStore = { read: async () => saved, write: async (b) => void (saved = joinChunks(b)) };
    const first = startDeskWorker(store, cache, SCRIPT);
    await first.client.request('load', {});
    await first.stop();
    assert.ok(saved && saved.length > 0, 'the host wrote the index');
    const second = startDeskWorker(store, cache, SCRIPT);
    const logs: string[] = [];
    second.client.onEvent = (e) => e.event === 'log' && logs.push(e.message);
    try {
      assert.strictEqual((await second.client.request('load', {})).sources, 30);
      assert.ok(
        logs.some((l) => l.includes('30 of 30 sources reused')),
        logs.join('\n'),
      );
    } finally {
      await second.stop();
    }
  });
});

/**
 * A desk served in this thread over the loopback channel (the extension host without a worker), with a mirror; with a
 * `cache`, the desk saves its index there.
 */
function inProcess(store: SourceStore, pause?: () => Promise<void>, cache?: IndexCacheStore) {
  const ends = loopback<ToWorker, FromWorker>();
  const desk = serveDesk(ends.b, { cache: !!cache, pause });
  const client = new DeskClient(ends.a, store, cache);
  const mirror = new SourceMirror();
  const events: WorkerEvent[] = [];
  client.onEvent = (e) => {
    events.push(e);
    if (e.event === 'sources') mirror.apply(e);
  };
  return { desk, client, mirror, events, close: () => (client.close(), ends.close()) };
}

const summary = (sources: Array<{ key: string; uri: string; title: string }>) =>
  sources.map((s) => `${s.key} ${s.uri} ${s.title}`);

describe('worker: the host keeps a copy of the keyed sources', () => {
  it('the copy follows a load, a changed file, a new file whose key collides, and a deletion', async () => {
    const store = new MemorySourceStore(files(450));
    const d = inProcess(store, () => new Promise((r) => setTimeout(r, 0)));
    try {
      await d.client.request('load', {});
      assert.strictEqual(d.mirror.size, 450);
      assert.deepStrictEqual(summary(d.mirror.sources), summary(d.desk.library.sources));
      // Every source's paragraph places, unpacked from its event's array, are the desk's.
      const places = (sources: Source[]) =>
        sources.map((s) => s.paragraphs.map((p) => `${s.key} ¶${p.n} ${p.start}-${p.end} line ${p.line}`));
      assert.deepStrictEqual(places(d.mirror.sources), places(d.desk.library.sources));
      assert.ok(d.events.filter((e) => e.event === 'sources').length >= 3, 'sent in chunks, as sources are indexed');
      // Same title and date as source 0: the two are told apart by URI order, which re-keys one of them.
      store.set('mem:/s/000a.txt', files(1)['mem:/s/000.txt']);
      store.set('mem:/s/001.txt', 'Harbour report renamed\n\n2025-01-01\n\nA new first paragraph.\n');
      await d.client.request('refresh', { uris: ['mem:/s/000a.txt', 'mem:/s/001.txt'] });
      store.delete('mem:/s/002.txt');
      await d.client.request('remove', { uris: ['mem:/s/002.txt'] });
      assert.deepStrictEqual(summary(d.mirror.sources), summary(d.desk.library.sources));
      // The copy holds where the paragraphs are, not their texts nor the file's: the worker answers for those.
      const changed = d.mirror.byUri('mem:/s/001.txt')!;
      const worker = d.desk.library.corpus.byUri('mem:/s/001.txt')!;
      assert.deepStrictEqual(
        changed.paragraphs.map((p) => [p.n, p.start, p.end, p.line, p.text]),
        worker.paragraphs.map((p) => [p.n, p.start, p.end, p.line, '']),
      );
      assert.strictEqual(changed.text, '');
      assert.deepStrictEqual(await d.client.request('paragraphTexts', { uris: ['mem:/s/001.txt'] }), {
        version: d.desk.library.version,
        texts: [['A new first paragraph.']],
      });
      assert.strictEqual(
        await d.client.request('sourceText', { uri: 'mem:/s/001.txt' }),
        'Harbour report renamed\n\n2025-01-01\n\nA new first paragraph.\n',
      );
      assert.strictEqual(await d.client.request('sourceText', { uri: 'mem:/s/nothing.txt' }), null);
      assert.strictEqual(d.mirror.byUri('mem:/s/002.txt'), undefined);
      for (const s of d.desk.library.sources) assert.strictEqual(d.mirror.get(s.key)?.uri, s.uri);
      assert.strictEqual(d.mirror.version, d.desk.library.version);
    } finally {
      d.close();
    }
  });

  it('the host takes in a large change a chunk per turn of its event loop, and what follows after the last', async () => {
    const store = new MemorySourceStore(files(450));
    const ends = loopback<ToWorker, FromWorker>();
    // One batch, so the load is one change of 450 sources: five chunks of 100, all sent at once.
    serveDesk(ends.b, { cache: false, batch: 1000, mirrorChunk: 100 });
    const client = new DeskClient(ends.a, store);
    const mirror = new SourceMirror();
    // Each chunk taken in starts a timer: it has run by the next chunk only if the host got a turn in between.
    let otherTask = false;
    const taken: Array<{ size: number; afterOtherTask: boolean }> = [];
    client.onEvent = (e) => {
      if (e.event !== 'sources' || !e.updated.count) return;
      mirror.apply(e);
      taken.push({ size: mirror.size, afterOtherTask: otherTask });
      otherTask = false;
      setTimeout(() => (otherTask = true), 0);
    };
    try {
      await client.request('load', {});
      assert.strictEqual(mirror.size, 450, 'the answer comes after the last chunk');
      assert.deepStrictEqual(
        taken.map((t) => t.size),
        [100, 200, 300, 400, 450],
      );
      assert.deepStrictEqual(
        taken.slice(1).map((t) => t.afterOtherTask),
        [true, true, true, true],
        'each chunk after the first once another task has run',
      );
    } finally {
      client.close();
      ends.close();
    }
  });

  it('answers searches from what is indexed so far while a load is still running', async () => {
    const store = new MemorySourceStore(files(300));
    let steps = 0;
    let midway: Promise<number> | undefined;
    const d = inProcess(store, async () => {
      steps++;
      // A search asked between two indexing steps is answered before the load ends.
      if (steps === 3) midway = d.client.request('search', { query: 'berth Porto' }).then(() => d.mirror.size);
      await new Promise((r) => setTimeout(r, 0));
    });
    try {
      const loading = d.client.request('load', {});
      await loading;
      assert.ok(midway, 'the desk paused between indexing steps');
      const sizeWhenAnswered = await midway!;
      assert.ok(sizeWhenAnswered > 0 && sizeWhenAnswered < 300, `answered with ${sizeWhenAnswered} of 300 indexed`);
    } finally {
      d.close();
    }
  });

  it('entity cards, the entity list and entity-filtered search come from the desk', async () => {
    const d = inProcess(new MemorySourceStore(files(20)));
    try {
      await d.client.request('load', {});
      const index = await d.desk.entities();
      const duarte = index.find('Ana Duarte');
      assert.ok(duarte, index.entities.map((e) => e.name).join(', '));
      const list = (await d.client.request('entityList', {}))!;
      const row = list.find((e) => e.name === duarte.name)!;
      assert.deepStrictEqual([row.mentions, row.sources], [duarte.mentions.length, 20]);
      const text = 'We met Ana Duarte today.';
      const at = await d.client.request('entityAt', { text, offset: text.indexOf('Duarte') });
      assert.strictEqual(at?.card.name, duarte.name);
      assert.strictEqual(text.slice(at.start, at.end), 'Ana Duarte');
      assert.strictEqual(await d.client.request('entityAt', { text, offset: 1 }), null);
      assert.strictEqual((await d.client.request('entityCard', { name: 'Ana Duarte' }))?.name, duarte.name);
      const hits = await d.client.request('search', { query: '', entity: 'Ana Duarte', options: { limit: 5 } });
      assert.strictEqual(hits.length, 5);
      assert.ok(hits.every((h) => h.text.includes('Ana Duarte')));
      assert.deepStrictEqual(await d.client.request('search', { query: '', entity: 'Nobody Here' }), []);
    } finally {
      d.close();
    }
  });

  it('a check says whether claims were checked: only once the entity index is current', async () => {
    const d = inProcess(new MemorySourceStore(files(5)), () => new Promise((r) => setTimeout(r, 0)));
    try {
      await d.client.request('load', {});
      const key = d.mirror.sources[0].key;
      const md = `Ana Duarte opened berth 99 [@${key}, ¶1].`;
      await d.desk.entities();
      const checked = await d.client.request('check', { markdown: md });
      assert.strictEqual(checked.claims, true);
      assert.ok(
        checked.diagnostics.some((x) => x.code === 'claim-not-in-source'),
        JSON.stringify(checked.diagnostics),
      );
      assert.ok(d.events.some((e) => e.event === 'entities' && e.version === d.desk.library.version));
      // The host's copy carries the same version (overrides read after the load moved it), so the index looks current.
      assert.strictEqual(d.mirror.version, d.desk.library.version);
      assert.strictEqual((await d.client.request('check', { markdown: md, claims: false })).claims, false);
    } finally {
      d.close();
    }
  });
});

describe('worker: a warm start', () => {
  it('the copy of the sources holds the bundled seeds too', async () => {
    const seeds = { 'mem:/seeds/a.md': 'Seed report A\n\n2024-01-01\n\nA seed about berths.\n' };
    const store = new MemorySourceStore({ ...files(5), ...seeds }, Object.keys(seeds));
    let saved: Uint8Array | undefined;
    const cache: IndexCacheStore = { read: async () => saved, write: async (b) => void (saved = joinChunks(b)) };
    for (const [run, savedFirst] of [
      ['cold', false],
      ['warm', false],
      ['warm, from the saved index first', true],
    ] as const) {
      const d = inProcess(store, undefined, cache);
      try {
        await d.client.request('load', { savedFirst });
        assert.strictEqual(d.mirror.byUri('mem:/seeds/a.md')?.bundled, true, run);
        assert.deepStrictEqual(summary(d.mirror.sources), summary(d.desk.library.sources));
      } finally {
        d.close();
      }
    }
  });
});

describe('worker: a first load answers from the saved index, then checks the files', () => {
  it('the copy shows the saved sources at the answer, then follows the files changed while closed', async () => {
    const store = new MemorySourceStore(files(40));
    let saved: Uint8Array | undefined;
    const cache: IndexCacheStore = { read: async () => saved, write: async (b) => void (saved = joinChunks(b)) };
    const served = () => inProcess(store, undefined, cache);
    const first = served();
    try {
      assert.strictEqual((await first.client.request('load', { savedFirst: true })).unchecked, undefined);
    } finally {
      first.close();
    }
    assert.ok(saved, 'the cold load saved the index');
    // While the window was closed: one file edited, one deleted, one new.
    store.set('mem:/s/001.txt', 'Harbour report renamed\n\n2025-01-01\n\nA new first paragraph about Faro.\n');
    store.delete('mem:/s/002.txt');
    store.set('mem:/s/100.txt', 'Ferry report\n\n2025-02-02\n\nA ferry to Faro.\n');
    const d = served();
    try {
      const loading = d.client.request('load', { savedFirst: true });
      // A change asked while the load runs waits for the check of the files, which runs in the load's turn.
      let checkedFirst: boolean | undefined;
      const refreshed = d.client
        .request('refresh', { uris: ['mem:/s/003.txt'] })
        .then(() => (checkedFirst = d.events.some((e) => e.event === 'checked')));
      const totals = await loading;
      assert.strictEqual(totals.unchecked, true);
      assert.strictEqual(d.mirror.byUri('mem:/s/002.txt')?.title, 'Harbour report number 2', 'as saved, at first');
      await refreshed;
      assert.strictEqual(checkedFirst, true, 'the check came before the refresh asked meanwhile');
      const checked = d.events.find((e) => e.event === 'checked');
      assert.ok(
        checked?.event === 'checked' && checked.changed >= 3 && checked.sources === 40,
        JSON.stringify(checked),
      );
      assert.ok(d.events.some((e) => e.event === 'progress' && e.checking));
      const fresh = createBriefingDesk({ store });
      await fresh.load();
      assert.deepStrictEqual(summary(d.mirror.sources), summary(fresh.library.sources));
      assert.deepStrictEqual(summary(d.desk.library.sources), summary(fresh.library.sources));
      assert.deepStrictEqual((await d.client.request('search', { query: 'Faro' })).map((h) => h.uri).sort(), [
        'mem:/s/001.txt',
        'mem:/s/100.txt',
      ]);
      assert.strictEqual(d.mirror.version, d.desk.library.version);
    } finally {
      d.close();
    }
  });
});

describe('worker: a load says where its time went', () => {
  it("the answer names the load's steps in order, and the host puts them on its own timeline", async () => {
    const d = inProcess(new MemorySourceStore(files(30)));
    try {
      const totals = await d.client.request('load', {});
      const steps = totals.phases!.steps.map(([step]) => step);
      // No saved index here: the files are listed, read and indexed (a warm start stats them instead).
      const order = ['listed', 'read', 'last read', 'sources changed', 'host copy sent', 'overrides asked'];
      assert.deepStrictEqual(
        steps.filter((step) => order.includes(step)),
        order,
        steps.join(', '),
      );
      assert.strictEqual(steps[steps.length - 1], 'answered');
      // The worker's steps move by how much later than the host it began; each side keeps its name.
      const timeline = oneTimeline(
        {
          began: 1000,
          steps: [
            ['load asked', 0],
            ['answered', 50],
          ],
        },
        {
          began: 1010,
          steps: [
            ['listed', 5],
            ['answered', 30],
          ],
        },
      );
      assert.deepStrictEqual(timeline, [
        ['host load asked', 0],
        ['worker began', 10],
        ['worker listed', 15],
        ['worker answered', 40],
        ['host answered', 50],
      ]);
    } finally {
      d.close();
    }
  });
});

describe('worker: the host answers for the files', () => {
  it('a file the host will not read and an entry its listing passed over are named with the host’s own reason', async () => {
    const store = new MemorySourceStore(files(3));
    const host: SourceStore = {
      list: async () => [...(await store.list()), 'mem:/s/pipe.txt'],
      read: (uri) =>
        uri.endsWith('pipe.txt') ? Promise.reject(new UnusableEntry('is a named pipe (FIFO)')) : store.read(uri),
      skipped: () => [{ uri: 'mem:/s/loop.md', reason: 'is a symbolic link loop' }],
    };
    const d = inProcess(host);
    try {
      const totals = await d.client.request('load', {});
      assert.strictEqual(totals.sources, 3);
      assert.deepStrictEqual(totals.problems, [
        { uri: 'mem:/s/loop.md', reason: 'is a symbolic link loop' },
        { uri: 'mem:/s/pipe.txt', reason: 'is a named pipe (FIFO)' },
      ]);
    } finally {
      d.close();
    }
  });
});

describe('worker: stopping', () => {
  it('stopping the worker mid-load rejects the pending load as stopped, and nothing arrives after', async () => {
    const store = new MemorySourceStore(files(3000));
    const w = startDeskWorker(store, undefined, SCRIPT);
    const events: WorkerEvent[] = [];
    let stopped = false;
    let late = 0;
    w.client.onEvent = (e) => {
      if (stopped) late++;
      events.push(e);
    };
    const loading = w.client.request('load', {});
    while (!events.some((e) => e.event === 'progress' && e.done >= 100)) await new Promise((r) => setTimeout(r, 5));
    await w.stop();
    stopped = true;
    await assert.rejects(loading, WorkerStopped);
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(late, 0);
    assert.ok(!events.some((e) => e.event === 'indexed'), 'the load did not finish');
  });

  it('progress reads as the panel and status bar show it', () => {
    assert.strictEqual(progressText({ done: 3400, total: 10000 }), 'Indexing 3,400 of 10,000 sources');
    assert.strictEqual(progressText({ done: 0, total: 1 }), 'Indexing 0 of 1 source');
    assert.strictEqual(
      progressText({ done: 3000, total: 10006, checking: true }),
      'Checking 3,000 of 10,006 sources for changes',
    );
  });
});

describe('worker: passage texts on the host', () => {
  it('the copy of a source is built field by field, never reading a text (the desk may read texts lazily)', () => {
    const reads: string[] = [];
    const lazy = <T extends object>(o: T, name: string): T =>
      Object.defineProperty(o, 'text', {
        enumerable: true,
        get: () => (reads.push(name), 'text'),
      });
    const source = lazy(
      {
        key: 'k',
        uri: 'mem:/k.pdf',
        title: 'T',
        date: null,
        place: null,
        outlet: 'O',
        url: null,
        authors: ['A'],
        bundled: false,
        format: 'pdf',
        pages: 4,
        paragraphs: [
          lazy({ n: 1, start: 0, end: 5, line: 0, section: 'Intro', page: 1 }, '¶1'),
          lazy({ n: 2, start: 7, end: 20, line: 2, page: 1, pageEnd: 2 }, '¶2'),
        ],
      },
      'source',
    ) as unknown as Source;
    const updated = mirrorSources([source]);
    assert.deepStrictEqual(reads, []);
    const mirror = new SourceMirror();
    mirror.apply({ event: 'sources', version: 1, updated, removed: [], last: true });
    const copy = mirror.byUri('mem:/k.pdf')!;
    assert.deepStrictEqual(
      { ...copy, paragraphs: copy.paragraphs },
      {
        key: 'k',
        uri: 'mem:/k.pdf',
        title: 'T',
        date: null,
        place: null,
        outlet: 'O',
        url: null,
        authors: ['A'],
        text: '',
        bundled: false,
        format: 'pdf',
        pages: 4,
        paragraphs: [
          { n: 1, text: '', start: 0, end: 5, line: 0, section: 'Intro', page: 1 },
          { n: 2, text: '', start: 7, end: 20, line: 2, page: 1, pageEnd: 2 },
        ],
      },
    );
    assert.deepStrictEqual(reads, []);
  });

  /** A desk in this thread with a host copy and the host's kept texts, counting the requests for texts. */
  async function withTexts(n: number, limits?: { sources: number; chars: number }) {
    const store = new MemorySourceStore(files(n));
    const d = inProcess(store);
    const asked: string[][] = [];
    const texts = new PassageTexts(
      d.mirror,
      (uris) => (asked.push(uris), d.client.request('paragraphTexts', { uris })),
      limits,
    );
    await d.client.request('load', {});
    return { ...d, store, texts, asked };
  }
  const shown = (s: Source | undefined) => s?.paragraphs.map((p) => p.text);

  it('a source shows its paragraph texts once fetched; meanwhile the view says it is missing', async () => {
    const d = await withTexts(5);
    try {
      const key = d.desk.library.sources[2].key;
      const missing: string[] = [];
      assert.deepStrictEqual(shown(d.texts.view((s) => missing.push(s.key), '…').get(key)), ['…', '…']);
      assert.deepStrictEqual(missing, [key]);
      assert.deepStrictEqual(shown(d.texts.view().get(key)), ['', '']);
      // Two callers at once: one request.
      await Promise.all([d.texts.fetch([d.mirror.get(key)!]), d.texts.fetch([d.mirror.get(key)!])]);
      assert.strictEqual(d.asked.length, 1);
      const expected = d.desk.library.corpus.get(key)!.paragraphs.map((p) => p.text);
      assert.match(expected[0], /Minister Ana Duarte opened berth/);
      assert.deepStrictEqual(shown(d.texts.view(() => missing.push('again')).get(key)), expected);
      assert.deepStrictEqual(shown((await d.texts.viewWith([key])).get(key)), expected);
      assert.strictEqual(d.asked.length, 1, 'kept texts are not asked again');
      assert.deepStrictEqual(missing, [key]);
      // The copy itself stays without texts.
      assert.deepStrictEqual(shown(d.mirror.get(key)), ['', '']);
    } finally {
      d.close();
    }
  });

  it('a changed file shows its new texts, never the ones kept for its old version', async () => {
    const d = await withTexts(3);
    try {
      const uri = 'mem:/s/001.txt';
      const key = d.mirror.byUri(uri)!.key;
      assert.match(shown((await d.texts.viewWith([key])).get(key))![0], /berth 1 /);
      d.store.set(uri, files(3)[uri].replace('opened berth 1 in Porto', 'closed berth 1 in Faro'));
      await d.client.request('refresh', { uris: [uri] });
      assert.deepStrictEqual(shown(d.texts.view().get(key)), ['', ''], 'the old texts are not shown');
      assert.match(shown((await d.texts.viewWith([key])).get(key))![0], /closed berth 1 in Faro/);
    } finally {
      d.close();
    }
  });

  it('texts read before a change that reached the copy first are not kept', async () => {
    const d = await withTexts(2);
    try {
      const s = d.mirror.sources[0];
      const stale = new PassageTexts(d.mirror, async (uris) => ({
        version: d.mirror.version - 1,
        texts: uris.map(() => ['old', 'old']),
      }));
      await stale.fetch([s]);
      assert.strictEqual(stale.filled(s), undefined);
      assert.deepStrictEqual(stale.kept, { sources: 0, chars: 0 });
    } finally {
      d.close();
    }
  });

  it('keeps the texts of the sources used last, within its bounds', async () => {
    const d = await withTexts(4, { sources: 2, chars: 1_000_000 });
    try {
      const [a, b, c] = d.mirror.sources;
      await d.texts.fetch([a]);
      await d.texts.fetch([b]);
      assert.ok(d.texts.filled(a), 'a used again: b is now the least recently used');
      await d.texts.fetch([c]);
      assert.deepStrictEqual([!!d.texts.filled(a), !!d.texts.filled(b), !!d.texts.filled(c)], [true, false, true]);
      assert.strictEqual(d.texts.kept.sources, 2);
      // A view made for a source keeps its texts even when later fetches push them out.
      const view = await d.texts.viewWith([b.key]);
      await d.texts.fetch([a, c]);
      assert.ok(!d.texts.filled(b));
      assert.match(shown(view.get(b.key))![0], /Minister Ana Duarte/);
      const small = await withTexts(3, { sources: 10, chars: 100 });
      try {
        await small.texts.fetch(small.mirror.sources);
        assert.ok(small.texts.kept.chars <= 100 || small.texts.kept.sources === 1, JSON.stringify(small.texts.kept));
      } finally {
        small.close();
      }
    } finally {
      d.close();
    }
  });
});
