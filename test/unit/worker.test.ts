// The desk in a worker thread: the host keeps the files, the worker indexes; answers are the same as in process.
import * as assert from 'assert';
import * as path from 'path';
import { MemorySourceStore } from '../../src/core/corpus';
import { createBriefingDesk } from '../../src/core/desk';
import type { IndexCacheStore } from '../../src/core/cache';
import type { WorkerEvent } from '../../src/protocol/worker';
import { startDeskWorker } from '../../src/node/workerHost';

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
      assert.deepStrictEqual(await w.client.request('check', { markdown: md }), local.check(md));
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
    const cache: IndexCacheStore = { read: async () => saved, write: async (b) => void (saved = b) };
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
