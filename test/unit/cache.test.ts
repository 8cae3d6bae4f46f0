// The saved index: a warm start reuses unchanged sources without reading them, a changed source is re-read alone with
// keys kept, and a truncated, corrupt, foreign or old-version index is silently rebuilt with the same results.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE_VERSION, decodeIndex, hashBytes, type IndexCacheStore } from '../../src/core/cache';
import { MemorySourceStore, type SourceStore } from '../../src/core/corpus';
import { createBriefingDesk, type BriefingDesk, type DeskLog } from '../../src/core/desk';
import { FsCacheStore } from '../../src/node/cacheStore';

/** A memory store (it answers `stat`) that counts reads. */
class StampedStore extends MemorySourceStore {
  reads: string[] = [];

  override async read(uri: string): Promise<Uint8Array> {
    this.reads.push(uri);
    return super.read(uri);
  }
}

class MemoryCache implements IndexCacheStore {
  bytes: Uint8Array | undefined;
  writes = 0;
  async read() {
    return this.bytes;
  }
  async write(bytes: Uint8Array) {
    this.writes++;
    this.bytes = bytes;
  }
}

function report(n: number): string {
  return (
    `Harbour report number ${n}\n\n2024-03-${String((n % 27) + 1).padStart(2, '0')}\n\n` +
    `Minister Ana Duarte opened berth ${n} in Porto, officials said.\n\n` +
    `The port authority expects ${n * 10} more containers a week after the dredging of channel ${n}.\n`
  );
}

function files(count = 6): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`mem:/s/${i}.txt`, report(i)]));
}

const lines: string[] = [];
const log: DeskLog = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };

async function open(store: StampedStore, cache: IndexCacheStore): Promise<BriefingDesk> {
  const desk = createBriefingDesk({ store, cache, log });
  await desk.load();
  return desk;
}

/** What a user sees: keys, a search, a check with a good and a bad quote, entity names. */
async function seen(desk: BriefingDesk) {
  const keys = desk.library.sources.map((s) => `${s.key} ${s.uri} ${s.paragraphs.length}`);
  const search = desk.search('dredging channel 3').map((h) => `${h.key} ¶${h.paragraph}`);
  const first = desk.library.sources[0].key;
  const md = `“opened berth” [@${first}, ¶1]. “closed berth” [@${first}, ¶1].`;
  const check = desk.check(md).map((d) => `${d.code} ${d.start}`);
  const entities = (await desk.entities()).entities.map((e) => `${e.type}:${e.name}:${e.mentions.length}`);
  return { keys, search, check, entities };
}

describe('cache: warm start from the saved index', () => {
  it('reads no source whose size and mtime match, and shows the same results', async () => {
    const store = new StampedStore(files());
    const cache = new MemoryCache();
    const cold = await open(store, cache);
    const before = await seen(cold);
    assert.ok(cache.bytes, 'the index was saved');
    assert.ok(
      before.search.length > 0 && before.check.length === 1 && before.entities.length > 0,
      JSON.stringify(before),
    );
    store.reads = [];
    const warm = await open(store, cache);
    assert.deepStrictEqual(store.reads, [], 'nothing read again');
    assert.ok(warm.library.entitiesIfBuilt, 'entities restored, not extracted again');
    assert.deepStrictEqual(await seen(warm), before);
  });

  it('re-reads only the changed source, keeps every key, and finds its new words', async () => {
    const store = new StampedStore(files());
    const cache = new MemoryCache();
    const before = await seen(await open(store, cache));
    store.set('mem:/s/4.txt', report(4) + '\nA tugboat named Albatross now guards the channel.\n');
    store.reads = [];
    const warm = await open(store, cache);
    assert.deepStrictEqual(store.reads, ['mem:/s/4.txt']);
    const after = await seen(warm);
    assert.deepStrictEqual(
      after.keys.map((k) => k.split(' ')[0]),
      before.keys.map((k) => k.split(' ')[0]),
    );
    assert.deepStrictEqual(
      warm.search('Albatross tugboat').map((h) => h.uri),
      ['mem:/s/4.txt'],
    );
    assert.deepStrictEqual(after.check, before.check);
  });

  it('a touched file with the same bytes is read and hashed, not re-parsed into a different source', async () => {
    const store = new StampedStore(files());
    const cache = new MemoryCache();
    const before = await seen(await open(store, cache));
    store.set('mem:/s/2.txt', report(2)); // new mtime, same content
    store.reads = [];
    const warm = await open(store, cache);
    assert.deepStrictEqual(store.reads, ['mem:/s/2.txt']);
    assert.deepStrictEqual(await seen(warm), before);
  });

  it('a file stamped within 2 s of the save is hashed, not trusted by size and mtime', async () => {
    const store = new MemorySourceStore(files(2));
    const stamps = new Map<string, number>();
    const racy: SourceStore = {
      list: () => store.list(),
      read: (uri) => store.read(uri),
      stat: async (uri) => ({ size: (await store.read(uri)).length, mtime: stamps.get(uri) ?? 1 }),
    };
    const cache = new MemoryCache();
    stamps.set('mem:/s/1.txt', Date.now() + 60_000); // as if written while the index was being saved
    await createBriefingDesk({ store: racy, cache }).load();
    store.set('mem:/s/1.txt', report(1).replace('Porto', 'Faros')); // same size
    const warm = createBriefingDesk({ store: racy, cache });
    await warm.load();
    assert.deepStrictEqual(
      warm.search('Faros').map((h) => h.uri),
      ['mem:/s/1.txt'],
    );
  });

  it('a refresh of one source after a warm start updates it alone', async () => {
    const store = new StampedStore(files());
    const cache = new MemoryCache();
    await open(store, cache);
    const warm = await open(store, cache);
    store.set('mem:/s/1.txt', report(1).replace('Porto', 'Faro'));
    const change = await warm.refresh(['mem:/s/1.txt']);
    assert.deepStrictEqual(
      change.updated.map((s) => s.uri),
      ['mem:/s/1.txt'],
    );
    assert.deepStrictEqual(
      warm.search('Faro').map((h) => h.uri),
      ['mem:/s/1.txt'],
    );
  });
});

/**
 * The index with its header edited by `edit` and `cut` bytes removed from the end of the body, checksum and length
 * made valid again: what a bug writing the sections would produce, not what a torn write would.
 */
function resection(
  b: Uint8Array,
  edit: (h: { json: number; texts: number; length: number }) => { json: number; texts: number; length: number },
  cut = 0,
): Uint8Array {
  const nl = b.indexOf(10);
  const header = JSON.parse(new TextDecoder().decode(b.subarray(0, nl)));
  const body = b.subarray(nl + 1, b.length - cut);
  const head = new TextEncoder().encode(
    JSON.stringify({ ...edit(header), length: body.length, checksum: hashBytes(body) }) + '\n',
  );
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

describe('cache: an index that cannot be trusted is rebuilt silently', () => {
  const damage: Record<string, (b: Uint8Array) => Uint8Array> = {
    truncated: (b) => b.subarray(0, Math.floor(b.length * 0.6)),
    'truncated to nothing': () => new Uint8Array(0),
    'corrupt (one byte changed)': (b) => {
      const c = new Uint8Array(b);
      c[c.length - 20] ^= 0x20;
      return c;
    },
    'foreign (another program’s JSON)': () => new TextEncoder().encode('{"sources":[],"search":{}}\n'),
    'foreign (binary)': () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) & 0xff),
    'an old version (checksum valid)': (b) => {
      const text = new TextDecoder().decode(b);
      const nl = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, nl));
      return new TextEncoder().encode(JSON.stringify({ ...header, version: CACHE_VERSION - 1 }) + text.slice(nl));
    },
    'right checksum, texts section one byte short': (b) => resection(b, (h) => ({ ...h, texts: h.texts - 1 })),
    'right checksum, posting lists cut short': (b) => resection(b, (h) => h, 3),
    'right checksum, wrong shape': () => {
      const body = new TextEncoder().encode(JSON.stringify({ sources: [{ uri: 'x' }], search: { version: 1 } }));
      const header = {
        format: 'briefing-desk-index',
        version: CACHE_VERSION,
        length: body.length,
        checksum: hashBytes(body),
      };
      return new TextEncoder().encode(JSON.stringify(header) + '\n' + new TextDecoder().decode(body));
    },
  };
  for (const [name, spoil] of Object.entries(damage)) {
    it(`${name}: same keys, search, check and entities as a cold build; a good index is written again`, async () => {
      const store = new StampedStore(files());
      const cache = new MemoryCache();
      const before = await seen(await open(store, cache));
      cache.bytes = spoil(cache.bytes!);
      assert.ok('problem' in decodeIndex(cache.bytes), 'the damaged index does not decode');
      lines.length = 0;
      const writes = cache.writes;
      const desk = await open(store, cache);
      assert.deepStrictEqual(await seen(desk), before);
      assert.ok(
        lines.some((l) => l.startsWith('Saved index not used')),
        lines.join('\n'),
      );
      assert.ok(cache.writes > writes && 'snapshot' in decodeIndex(cache.bytes!), 'rewritten');
    });
  }

  it('a cache store that throws on read or write is no index, never a crash', async () => {
    const store = new StampedStore(files());
    const before = await seen(await open(store, new MemoryCache()));
    const broken: IndexCacheStore = {
      read: async () => {
        throw new Error('EIO');
      },
      write: async () => {
        throw new Error('ENOSPC');
      },
    };
    lines.length = 0;
    assert.deepStrictEqual(await seen(await open(store, broken)), before);
    assert.ok(
      lines.some((l) => l.includes('could not be saved: ENOSPC')),
      lines.join('\n'),
    );
  });
});

describe('cache: the file on disk', () => {
  it('is replaced atomically: no temp file is left and a reader sees the old or the new bytes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-cache-'));
    const store = new FsCacheStore(path.join(dir, 'sub', 'index.bdcache'));
    assert.strictEqual(await store.read(), undefined);
    await store.write(new Uint8Array([1, 2, 3]));
    await store.write(new Uint8Array([4, 5]));
    assert.deepStrictEqual([...(await store.read())!], [4, 5]);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'sub')), ['index.bdcache']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
