// The saved index: a warm start reuses unchanged sources without reading them, a changed source is re-read alone with
// keys kept, and a truncated, corrupt, foreign or old-version index is silently rebuilt with the same results.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CACHE_VERSION,
  Checksum,
  hashBytes,
  decodeIndex,
  decodeIndexFrom,
  joinChunks,
  type IndexCacheStore,
} from '../../src/core/cache';
import { MemorySourceStore, savedTextOf, type Paragraph, type Source, type SourceStore } from '../../src/core/corpus';
import { createBriefingDesk, type BriefingDesk, type DeskLog } from '../../src/core/desk';
import { FsCacheStore } from '../../src/node/cacheStore';

/** A paragraph as plain data, its text read through the property (a restored one's text is a getter). */
const plainParagraph = (p: Paragraph) => ({ ...p, text: p.text });
/** A source as plain data, its text and its paragraphs' read through their properties. */
const plainSource = (s: Source) => ({ ...s, text: s.text, paragraphs: s.paragraphs.map(plainParagraph) });

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
  async write(chunks: Iterable<Uint8Array>) {
    this.writes++;
    this.bytes = joinChunks(chunks);
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

/**
 * A search's hits with their scores, sorted: equal scores may come in another order after a change (a changed source's
 * passages are numbered after the others), and that order is all that may differ from a fresh build.
 */
function scored(desk: BriefingDesk, q: string): string[] {
  return desk
    .search(q)
    .map((h) => `${h.score.toFixed(6)} ${h.key} ¶${h.paragraph}`)
    .sort();
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

  it('a load with saveLater saves the changed index once, with its entities, and the next start reuses both', async () => {
    const store = new StampedStore(files());
    const cache = new MemoryCache();
    await (await open(store, cache)).entities();
    store.set('mem:/s/2.txt', report(2) + '\nMinister Ana Duarte met Captain Rui Salgado at berth 2.\n');
    cache.writes = 0;
    const desk = createBriefingDesk({ store, cache, log });
    await desk.load(undefined, { saveLater: true });
    assert.strictEqual(cache.writes, 0, 'nothing saved before the entities');
    assert.strictEqual(desk.indexDirty, true);
    const names = (await desk.entities()).entities.map((e) => e.name);
    assert.ok(names.includes('Rui Salgado'), names.join(', '));
    assert.strictEqual(cache.writes, 1, 'saved once, with the entities');
    lines.length = 0;
    store.reads = [];
    const warm = await open(store, cache);
    assert.deepStrictEqual(store.reads, []);
    assert.ok(lines.includes('Index: 6 of 6 sources reused from the saved index.'), lines.join('\n'));
    assert.deepStrictEqual(
      (await warm.entities()).entities.map((e) => e.name),
      names,
    );
    assert.strictEqual(cache.writes, 1, 'the entities came from the saved index, not a new extraction and save');
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

  it('restores every source exactly: paragraphs with sections, pages and texts that differ from the file', async () => {
    const store = new StampedStore({
      ...files(3),
      // Markdown with subheadings (sections) and a paragraph wrapped over lines (its text is not the file's).
      'mem:/s/notes.md':
        '---\ntitle: Port notes\ndate: 2024-04-02\n---\n\n# Port notes\n\n## Berths\n\nBerth 4 opened\n' +
        'on   Monday, officials said.\n\n## Channel\n\nThe channel is 14 m deep.\n\nIt was dredged in 2023.\n',
      'mem:/s/wide.txt': 'Zürich “notes”\n\n2024-05-06\n\nThe café in Zürich — “closed”, said Ana.\n',
    });
    const cache = new MemoryCache();
    const cold = await open(store, cache);
    const before = await seen(cold);
    const notes = cold.library.sources.find((s) => s.uri === 'mem:/s/notes.md')!;
    assert.ok(notes.paragraphs.some((p) => p.section === 'Channel'));
    assert.ok(notes.paragraphs.some((p) => p.text !== notes.text.slice(p.start, p.end)));
    store.reads = [];
    const warm = await open(store, cache);
    assert.deepStrictEqual(store.reads, [], 'nothing read again');
    assert.ok(warm.library.entitiesIfBuilt, 'entities restored');
    // Restoring the entities reads the texts their mentions come from, but keeps none of them.
    assert.ok(
      warm.library.sources.every((s) => savedTextOf(s)?.decoded === false),
      'no source text kept after the start',
    );
    assert.deepStrictEqual(warm.library.sources.map(plainSource), cold.library.sources.map(plainSource));
    assert.deepStrictEqual(
      JSON.stringify(warm.library.sources),
      JSON.stringify(cold.library.sources),
      'field order too',
    );
    assert.deepStrictEqual(await seen(warm), before);
    assert.ok(warm.library.entitiesIfBuilt, 'entities restored, not extracted again');
    const names = (await cold.entities()).entities;
    assert.ok(names.some((e) => e.mentions.length > 1));
    assert.strictEqual(
      JSON.stringify((await warm.entities()).entities),
      JSON.stringify(names),
      'entities, mentions too',
    );
    assert.deepStrictEqual(
      warm.search('café closed').map((h) => `${h.key} ¶${h.paragraph}`),
      cold.search('café closed').map((h) => `${h.key} ¶${h.paragraph}`),
    );
  });

  it('a refresh, an addition and a removal after a warm start search as a fresh build does', async () => {
    const store = new StampedStore(files(8));
    const cache = new MemoryCache();
    await open(store, cache);
    const warm = await open(store, cache);
    store.set('mem:/s/2.txt', report(2).replace('Porto', 'Faro'));
    store.set('mem:/s/9.txt', report(9) + '\nA new berth for ferries to Faro.\n');
    await warm.refresh(['mem:/s/2.txt', 'mem:/s/9.txt']);
    warm.remove(['mem:/s/5.txt']);
    store.delete('mem:/s/5.txt');
    const fresh = createBriefingDesk({ store });
    await fresh.load();
    for (const q of ['Faro', 'berth', 'containers week', 'channel 5', 'Porto officials', 'dredging'])
      assert.deepStrictEqual(scored(warm, q), scored(fresh, q), q);
  });

  it('one source edited twenty times after a warm start searches as a fresh build does', async () => {
    const store = new StampedStore(files(8));
    const cache = new MemoryCache();
    await open(store, cache);
    const warm = await open(store, cache);
    for (let i = 0; i < 20; i++) {
      store.set('mem:/s/3.txt', report(3).replace('Porto', i % 2 ? 'Faro' : `Porto and pier ${i}`));
      await warm.refresh(['mem:/s/3.txt']);
    }
    const fresh = createBriefingDesk({ store });
    await fresh.load();
    for (const q of ['Faro', 'Porto', 'pier', 'berth 3', 'officials'])
      assert.deepStrictEqual(scored(warm, q), scored(fresh, q), q);
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

/** A store that counts its listings (a load that answers from the saved index lists nothing before it answers). */
class CountingStore extends StampedStore {
  lists = 0;

  override async list(): Promise<string[]> {
    this.lists++;
    return super.list();
  }
}

/** Everything a user can see of the sources, by URI (keys included), the entities too. */
async function state(desk: BriefingDesk) {
  const sources = desk.library.sources.map(plainSource).sort((a, b) => a.uri.localeCompare(b.uri));
  const searches = ['Faro', 'berth', 'containers week', 'channel 5', 'Porto officials', 'ferries', 'dredging'].map(
    (q) => scored(desk, q),
  );
  const entities = (await desk.entities()).entities.map((e) => `${e.type}:${e.name}:${e.mentions.length}`).sort();
  return { sources, searches, entities };
}

describe('cache: a first load answers from the saved index, then checks the files (savedFirst)', () => {
  it('answers before listing any file; the check then applies what changed while closed, as a fresh build has it', async () => {
    const store = new CountingStore(files(8));
    const cache = new MemoryCache();
    await (await open(store, cache)).entities(); // saved with its entities
    // While the window was closed: one file edited, one touched (same bytes), one deleted, one emptied, one new.
    store.set('mem:/s/2.txt', report(2).replace('Porto', 'Faro'));
    store.set('mem:/s/3.txt', report(3));
    store.delete('mem:/s/5.txt');
    store.set('mem:/s/6.txt', '');
    store.set('mem:/s/9.txt', report(9) + '\nA new berth for ferries to Faro.\n');
    store.reads = [];
    store.lists = 0;
    lines.length = 0;
    const warm = createBriefingDesk({ store, cache, log });
    const loaded = await warm.load(undefined, { savedFirst: true });
    assert.strictEqual(loaded.unchecked, true);
    assert.deepStrictEqual([store.lists, store.reads], [0, []], 'nothing listed or read before the answer');
    // The answer is the saved index: eight sources, the old text of 2, entities restored.
    assert.strictEqual(warm.library.sources.length, 8);
    assert.deepStrictEqual(warm.search('Faro'), []);
    assert.ok(warm.library.entitiesIfBuilt, 'entities restored');
    assert.ok(lines.includes('Index: 8 sources from the saved index; the files are checked next.'), lines.join('\n'));

    const checked = await warm.checkFiles();
    assert.deepStrictEqual([checked.changed, checked.added, checked.gone], [1, 1, 2]);
    assert.deepStrictEqual(store.reads.sort(), ['mem:/s/2.txt', 'mem:/s/3.txt', 'mem:/s/6.txt', 'mem:/s/9.txt']);
    // (A source whose key moves is removed under the old key too.)
    assert.ok(['mem:/s/5.txt', 'mem:/s/6.txt'].every((u) => checked.change.removed.includes(u)));
    assert.deepStrictEqual(
      warm.library.sources.map((s) => s.uri).sort(),
      ['0', '1', '2', '3', '4', '7', '9'].map((n) => `mem:/s/${n}.txt`),
    );
    assert.deepStrictEqual(checked.problems, [{ uri: 'mem:/s/6.txt', reason: 'the file is empty' }]);
    assert.ok(
      lines.includes('Files checked against the saved index: 8 listed; 1 changed, 1 new, 2 gone.'),
      lines.join('\n'),
    );
    assert.strictEqual(warm.indexDirty, true, 'the caller saves the checked index');

    const fresh = createBriefingDesk({ store });
    await fresh.load();
    assert.deepStrictEqual(await state(warm), await state(fresh));
    // Saved after the check, the next start needs no change at all.
    await warm.saveIndex();
    const next = createBriefingDesk({ store, cache, log });
    await next.load(undefined, { savedFirst: true });
    assert.deepStrictEqual(await state(next), await state(fresh));
    const again = await next.checkFiles();
    assert.deepStrictEqual([again.changed, again.added, again.gone, again.change.updated.length], [0, 0, 0, 0]);
  });

  it('with nothing changed, the check reads nothing, changes nothing, and the restored entities stay', async () => {
    const store = new CountingStore(files(6));
    const cache = new MemoryCache();
    const cold = await open(store, cache);
    await cold.entities();
    await cold.saveIndex();
    store.reads = [];
    const warm = createBriefingDesk({ store, cache, log });
    await warm.load(undefined, { savedFirst: true });
    const version = warm.library.version;
    const checked = await warm.checkFiles();
    assert.deepStrictEqual(checked.change, { updated: [], removed: [] });
    assert.deepStrictEqual(store.reads, []);
    assert.strictEqual(store.lists, 2, 'listed once by each load');
    assert.strictEqual(warm.library.version, version);
    assert.strictEqual(warm.indexDirty, false);
    assert.ok(warm.library.entitiesIfBuilt, 'entities restored, not extracted again');
    assert.deepStrictEqual(await state(warm), await state(cold));
  });

  it('is a whole load without a usable saved index, or once the desk holds sources; the check then does nothing', async () => {
    const store = new CountingStore(files(5));
    const cache = new MemoryCache();
    cache.bytes = new TextEncoder().encode('not an index at all');
    const desk = createBriefingDesk({ store, cache, log });
    const first = await desk.load(undefined, { savedFirst: true });
    assert.strictEqual(first.unchecked, undefined);
    assert.strictEqual(store.reads.length, 5);
    store.set('mem:/s/1.txt', report(1).replace('Porto', 'Faro'));
    const second = await desk.load(undefined, { savedFirst: true });
    assert.strictEqual(second.unchecked, undefined);
    assert.deepStrictEqual(
      desk.search('Faro').map((h) => h.uri),
      ['mem:/s/1.txt'],
      'the second load read the changed file before it answered',
    );
    assert.deepStrictEqual((await desk.checkFiles()).change, { updated: [], removed: [] });
  });

  it('a load that comes before the check drops it: the check then does nothing', async () => {
    const store = new CountingStore(files(4));
    const cache = new MemoryCache();
    await open(store, cache);
    const warm = createBriefingDesk({ store, cache, log });
    await warm.load(undefined, { savedFirst: true });
    store.set('mem:/s/0.txt', report(0).replace('Porto', 'Faro'));
    await warm.load();
    assert.deepStrictEqual(
      warm.search('Faro').map((h) => h.uri),
      ['mem:/s/0.txt'],
    );
    assert.deepStrictEqual((await warm.checkFiles()).change, { updated: [], removed: [] });
  });
});

/** The header's section lengths (bytes of the body). */
interface Sections {
  json: number;
  entities: number;
  texts: number;
  paragraphs: number;
  mentions: number;
  extraction: number;
  length: number;
}

/** An index file's parts: the header line, the body, and the trailer (section lengths, checksum). */
function parts(b: Uint8Array): { head: Uint8Array; body: Uint8Array; trailer: Sections } {
  const nl = b.indexOf(10);
  const sep = b.lastIndexOf(10, b.length - 2);
  const trailer = JSON.parse(new TextDecoder().decode(b.subarray(sep + 1))) as Sections;
  return { head: b.subarray(0, nl + 1), body: b.subarray(nl + 1, sep), trailer };
}

/** Header, body and trailer as a file (the trailer's length and checksum made to fit the body). */
function frame(head: Uint8Array, body: Uint8Array, trailer: object): Uint8Array {
  const tail = new TextEncoder().encode(
    `\n${JSON.stringify({ ...trailer, length: body.length, checksum: hashBytes(body) })}\n`,
  );
  return joinChunks([head, body, tail]);
}

/** Where the paragraph table starts, the number of its rows, and the bytes of the mention table after it. */
function paragraphTable(b: Uint8Array): { at: number; entries: number; mentions: number } {
  const { head, trailer: t } = parts(b);
  return { at: head.length + t.texts + t.json + t.entities, entries: t.paragraphs / 16, mentions: t.mentions };
}

/**
 * The index with its trailer edited by `edit` and `cut` bytes removed from the end of the body, checksum and length
 * made valid again: what a bug writing the sections would produce, not what a torn write would.
 */
function resection(b: Uint8Array, edit: (h: Sections) => Sections, cut = 0): Uint8Array {
  const { head, body, trailer } = parts(b);
  return frame(head, body.subarray(0, body.length - cut), edit(trailer));
}

/**
 * The index with its JSON section edited by `edit` (as parsed data), the section lengths, length and checksum made to
 * fit again: a file that passes every check but the JSON's own.
 */
function rejson(b: Uint8Array, edit: (data: Record<string, Record<string, unknown>>) => void): Uint8Array {
  const { head, body, trailer } = parts(b);
  const data = JSON.parse(new TextDecoder().decode(body.subarray(trailer.texts, trailer.texts + trailer.json)));
  edit(data);
  const json = new TextEncoder().encode(JSON.stringify(data));
  const rest = body.subarray(trailer.texts + trailer.json);
  return frame(head, joinChunks([body.subarray(0, trailer.texts), json, rest]), { ...trailer, json: json.length });
}

/** The index with the entities' JSON section replaced by `edit`'s (given it parsed), lengths and checksum made to fit. */
function reentities(b: Uint8Array, edit: (data: Record<string, Record<string, unknown>>) => string | void): Uint8Array {
  const { head, body, trailer } = parts(b);
  const from = trailer.texts + trailer.json;
  const data = JSON.parse(new TextDecoder().decode(body.subarray(from, from + trailer.entities)));
  const json = new TextEncoder().encode(edit(data) ?? JSON.stringify(data));
  const rest = body.subarray(from + trailer.entities);
  return frame(head, joinChunks([body.subarray(0, from), json, rest]), { ...trailer, entities: json.length });
}

describe('cache: saved entities that cannot be read are extracted again when first asked for', () => {
  const damage: Record<string, (b: Uint8Array) => Uint8Array> = {
    'right checksum, a mention past its text': (b) => {
      const c = new Uint8Array(b);
      const { at, entries, mentions } = paragraphTable(c);
      assert.ok(mentions >= 16, 'entities were saved');
      new DataView(c.buffer).setUint32(at + 16 * entries + 12, 1_000_000, true); // the first mention's end
      return resection(c, (h) => h);
    },
    'right checksum, a mention whose extra fields put it past its text': (b) =>
      reentities(b, (d) => {
        d.mentionExtras['0'] = { end: 1_000_000 };
      }),
    'right checksum, a mention whose extra text is not a string': (b) =>
      reentities(b, (d) => {
        d.mentionExtras['1'] = { text: 7 };
      }),
    'right checksum, entities that are not JSON': (b) => reentities(b, () => '{"entities": ['),
    'right checksum, a mention source that is not a key and a URI': (b) =>
      reentities(b, (d) => {
        (d.mentionSources as unknown as unknown[])[0] = ['only-a-key'];
      }),
  };
  for (const [name, spoil] of Object.entries(damage)) {
    it(`${name}: the sources load from the index; the entities are a cold build's; a good index is written`, async () => {
      const store = new StampedStore(files());
      const cache = new MemoryCache();
      const before = await seen(await open(store, cache));
      cache.bytes = spoil(cache.bytes!);
      assert.ok('snapshot' in decodeIndex(cache.bytes), 'the rest of the index decodes');
      lines.length = 0;
      store.reads.length = 0;
      const writes = cache.writes;
      const desk = await open(store, cache);
      assert.deepStrictEqual(store.reads, [], 'the sources came from the saved index');
      assert.deepStrictEqual(await seen(desk), before);
      assert.ok(
        lines.some((l) => l.startsWith('Saved entities not used')),
        lines.join('\n'),
      );
      assert.ok(cache.writes > writes, 'rewritten');
      const again = decodeIndex(cache.bytes!);
      assert.ok('snapshot' in again && again.snapshot.entities);
      assert.strictEqual(again.snapshot.entities.entities.length, before.entities.length, 'with readable entities');
    });
  }
});

describe('cache: an index that cannot be trusted is rebuilt silently', () => {
  const damage: Record<string, (b: Uint8Array) => Uint8Array> = {
    truncated: (b) => b.subarray(0, Math.floor(b.length * 0.6)),
    'truncated to nothing': () => new Uint8Array(0),
    'corrupt (one byte changed)': (b) => {
      const c = new Uint8Array(b);
      c[Math.floor(c.length / 2)] ^= 0x20; // in the body (the trailer holds the checksum)
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
    'right checksum, paragraph table one entry short': (b) =>
      resection(b, (h) => ({ ...h, paragraphs: h.paragraphs - 16 })),
    'right checksum, a paragraph ending past its text': (b) => {
      const c = new Uint8Array(b);
      const { at, entries } = paragraphTable(c);
      new DataView(c.buffer).setUint32(at + 16 * (entries - 1) + 8, 1_000_000, true); // the last paragraph's end
      return resection(c, (h) => h);
    },
    'right checksum, entities whose problems are not strings': (b) =>
      rejson(b, (d) => {
        d.entities.problems = [7];
      }),
    'right checksum, a posting list out of order': (b) => {
      const c = new Uint8Array(b);
      const { at, entries, mentions } = paragraphTable(c);
      // The first list's count and first id, then a zero delta (an id repeated): ids must strictly ascend.
      const lists = at + 16 * entries + mentions;
      c[lists] = 2;
      c[lists + 1] = 0;
      c[lists + 2] = 0;
      return resection(c, (h) => h);
    },
    'right checksum, a source column one row short': (b) =>
      rejson(b, (d) => {
        (d.sources.title as unknown[]).pop();
      }),
    'right checksum, a size that is not a number': (b) =>
      rejson(b, (d) => {
        (d.sources.size as unknown[])[0] = '7 KB';
      }),
    'right checksum, a saved base key that is not a string': (b) =>
      rejson(b, (d) => {
        (d.sources.base as unknown[])[2] = null;
      }),
    'right checksum, a word-index source past the saved sources': (b) =>
      rejson(b, (d) => {
        ((d.search.sources as Record<string, unknown[]>).row as number[])[0] = 99;
      }),
    'right checksum, an odd source of another URI': (b) =>
      rejson(b, (d) => {
        (d.sources.odd as Record<string, unknown>)['1'] = { uri: 'mem:/elsewhere', title: 'x', warnings: [] };
      }),
    'right checksum, wrong shape': () => {
      const body = new TextEncoder().encode(JSON.stringify({ sources: [{ uri: 'x' }], search: { version: 1 } }));
      const head = new TextEncoder().encode(
        JSON.stringify({ format: 'briefing-desk-index', version: CACHE_VERSION }) + '\n',
      );
      return frame(head, body, { texts: 0, json: body.length, paragraphs: 0, mentions: 0 });
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

describe('cache: the JSON section', () => {
  it('is ASCII only, and titles beyond ASCII (curly quotes, accents, emoji) come back exactly', async () => {
    const titles = ['Minister’s “berth” at Faro', 'Açores — ilhas', 'Harbour 😀 day'];
    const store = new StampedStore(
      Object.fromEntries(
        titles.map((t, i) => [`mem:/s/${i}.txt`, `${t}\n\n2024-03-0${i + 1}\n\nBerth ${i} opened.\n`]),
      ),
    );
    const cache = new MemoryCache();
    const cold = await open(store, cache);
    const { body, trailer } = parts(cache.bytes!);
    const json = body.subarray(trailer.texts, trailer.texts + trailer.json);
    assert.ok(
      json.every((b) => b < 0x80),
      'no byte beyond ASCII',
    );
    const warm = await open(store, cache);
    assert.strictEqual(store.reads.length, titles.length, 'the warm start read no source');
    const shown = (d: BriefingDesk) => d.library.sources.map((s) => `${s.key} ${s.title}`);
    assert.deepStrictEqual(shown(warm), shown(cold));
    assert.deepStrictEqual(warm.library.sources.map((s) => s.title).sort(), [...titles].sort());
  });
});

describe('cache: sections read when needed', () => {
  it('the extraction state is copied out of the file only when an update or a save asks for it', async () => {
    const store = new StampedStore(files());
    const cache = new MemoryCache();
    await seen(await open(store, cache));
    const bytes = cache.bytes!;
    const { head, trailer } = parts(bytes);
    assert.ok(trailer.extraction > 0, 'an extraction state was saved');
    const from = head.length + trailer.length - trailer.extraction;
    const to = from + trailer.extraction;
    const kept: Array<[number, number]> = [];
    const src = {
      size: bytes.length,
      read: (at: number, length: number, own?: boolean) => {
        if (own) kept.push([at, at + length]);
        return bytes.slice(at, at + length);
      },
    };
    const decoded = decodeIndexFrom(src);
    assert.ok('snapshot' in decoded);
    const overlaps = () => kept.filter(([a, b]) => a < to && from < b).length;
    assert.strictEqual(overlaps(), 0, 'not copied while the index is opened');
    const extraction = decoded.snapshot.extraction;
    assert.strictEqual(typeof extraction, 'function');
    const got = (extraction as () => Uint8Array)();
    assert.deepStrictEqual(got, bytes.subarray(from, to));
    assert.strictEqual(overlaps(), 1, 'copied once asked for');
  });
});

describe('cache: the file on disk', () => {
  it('a warm start reads no source text until one is used, from the file as saved, even once it is replaced', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-cache-'));
    const disk = new FsCacheStore(path.join(dir, 'index.bdcache'));
    const store = new StampedStore(files(12));
    const cold = await open(store, disk);
    store.reads = [];
    const warm = await open(store, disk);
    assert.deepStrictEqual(store.reads, [], 'reused from the saved index');
    const unread = () => warm.library.sources.filter((s) => savedTextOf(s)?.decoded === false).length;
    assert.strictEqual(unread(), 12, 'no text read at the start');
    const key = cold.library.sources[3].key;
    const md = `“opened berth 3” [@${key}, ¶1]. “closed berth 3” [@${key}, ¶1].`;
    const check = (d: BriefingDesk) => d.check(md).map((x) => `${x.code} ${x.start} ${x.message}`);
    assert.deepStrictEqual(check(warm), check(cold));
    // The cited source, and the passages the word index names as closest for the misquote: not every text.
    assert.ok(unread() >= 8 && unread() < 12, `${unread()} unread`);
    // Another start saves a new file over this one (a source changed) while this desk still reads from the old one.
    store.set('mem:/s/4.txt', report(4) + '\nA tugboat named Albatross now guards the channel.\n');
    await open(store, disk);
    assert.ok(unread() > 0, 'texts still unread when the file was replaced');
    const same = (s: Source) => plainSource(s);
    assert.deepStrictEqual(warm.library.sources.map(same), cold.library.sources.map(same));
    assert.strictEqual(unread(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saving again after a warm start reads no source text (the saved fingerprints are kept), and the file is the same', async () => {
    const store = new StampedStore(files(12));
    const cache = new MemoryCache();
    await open(store, cache);
    const saved = cache.bytes!;
    const warm = await open(store, cache);
    await warm.saveIndex();
    const decoded = warm.library.sources.filter((s) => savedTextOf(s)?.decoded !== false).map((s) => s.key);
    assert.deepStrictEqual(decoded, [], 'no text decoded by the save');
    const body = (b: Uint8Array) => parts(b).body;
    const bodyText = (b: Uint8Array) => new TextDecoder().decode(body(b)).replace(/"savedAt":\d+/, '');
    assert.strictEqual(bodyText(cache.bytes!), bodyText(saved), 'the same index, save time aside');
  });

  it('a save that fails midway replaces nothing, leaves no temp file, and the next start reuses the old file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-cache-'));
    const disk = new FsCacheStore(path.join(dir, 'index.bdcache'));
    let failAt = Infinity;
    let taken = 0;
    // The pieces run out at `failAt` (a full disk, a crash while encoding): some are written, the rest never come.
    const failing: IndexCacheStore = {
      read: () => disk.read(),
      write: (chunks) =>
        disk.write(
          (function* () {
            let n = 0;
            for (const c of chunks) {
              if (n++ === failAt) throw new Error('ENOSPC: no space left on device');
              taken++;
              yield c;
            }
          })(),
        ),
    };
    const store = new StampedStore(files());
    const before = await seen(await open(store, failing));
    const saved = fs.readFileSync(disk.file);
    store.set('mem:/s/4.txt', report(4) + '\nA tugboat named Albatross now guards the channel.\n');
    failAt = 2;
    taken = 0;
    lines.length = 0;
    await open(store, failing);
    assert.strictEqual(taken, 2, 'the header and a first piece were written before the failure');
    assert.ok(
      lines.some((l) => l.includes('could not be saved: ENOSPC')),
      lines.join('\n'),
    );
    assert.ok(fs.readFileSync(disk.file).equals(saved), 'the old file, whole');
    assert.deepStrictEqual(fs.readdirSync(dir), ['index.bdcache'], 'no temp file left');
    store.reads = [];
    lines.length = 0;
    const next = await open(store, disk);
    assert.deepStrictEqual(store.reads, ['mem:/s/4.txt'], 'the old index reused; only the changed source read');
    assert.ok(lines.includes('Index: 5 of 6 sources reused from the saved index.'), lines.join('\n'));
    assert.deepStrictEqual(
      next.search('Albatross tugboat').map((h) => h.uri),
      ['mem:/s/4.txt'],
    );
    const keyOnly = (keys: string[]) => keys.map((k) => k.split(' ')[0]);
    assert.deepStrictEqual(keyOnly((await seen(next)).keys), keyOnly(before.keys), 'keys kept');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a text longer than a piece, with characters cut by piece boundaries, comes back exactly', async () => {
    // Three-byte characters at three offsets: the first piece boundary falls inside a character in two of them.
    for (const lead of ['', 'a', 'ab']) {
      const text = `${lead}Wide report\n\n${('€'.repeat(60) + ' Δ𝄞\n\n').repeat(6000)}`;
      const store = new StampedStore({ 'mem:/s/wide.txt': text });
      const cache = new MemoryCache();
      const cold = await open(store, cache);
      assert.ok(cache.bytes!.length > 1 << 20, 'more than one piece');
      store.reads = [];
      const warm = await open(store, cache);
      assert.deepStrictEqual(store.reads, [], 'reused from the saved index');
      const [a, b] = [cold.library.sources[0], warm.library.sources[0]];
      assert.ok(a.text === b.text, 'the same text');
      assert.deepStrictEqual(b.paragraphs.map(plainParagraph), a.paragraphs.map(plainParagraph));
    }
  });

  it('the checksum is the same however the bytes come in pieces, aligned in memory or not', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 131 + (i >> 7)) & 0xff);
    const whole = hashBytes(bytes);
    for (const cuts of [[1], [3, 5, 4096], [7, 50_001, 50_002], [99_999]]) {
      const sum = new Checksum();
      let at = 0;
      for (const c of [...cuts, bytes.length]) {
        sum.update(bytes.subarray(at, c));
        at = c;
      }
      assert.strictEqual(sum.digest(), whole, String(cuts));
    }
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    assert.strictEqual(hashBytes(shifted.subarray(1)), whole, 'unaligned');
    assert.notStrictEqual(hashBytes(bytes.subarray(0, bytes.length - 1)), whole, 'one byte less');
    const flipped = new Uint8Array(bytes);
    flipped[50_000] ^= 1;
    assert.notStrictEqual(hashBytes(flipped), whole, 'one bit changed');
  });

  it('is replaced atomically: no temp file is left and a reader sees the old or the new bytes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-cache-'));
    const store = new FsCacheStore(path.join(dir, 'sub', 'index.bdcache'));
    assert.strictEqual(await store.read(), undefined);
    await store.write([new Uint8Array([1, 2, 3])]);
    await store.write([new Uint8Array([4]), new Uint8Array([5])]);
    assert.deepStrictEqual([...(await store.read())!], [4, 5]);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'sub')), ['index.bdcache']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
