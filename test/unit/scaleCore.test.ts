// The core's large-corpus paths give the same answers as the plain ones: name folding's ASCII shortcut, entity
// extraction in steps, the file store's one stat per listed file, and a word index restored from the saved bytes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeIndex, encodeIndexBytes } from '../../src/core/cache';
import { MemorySourceStore } from '../../src/core/corpus';
import { createBriefingDesk } from '../../src/core/desk';
import { EntityIndex } from '../../src/core/entities';
import { fold, keyOf } from '../../src/core/entities/lexicon';
import { SearchIndex } from '../../src/core/search';
import { FsSourceStore } from '../../src/node/fsStore';
import { seedCorpus } from './helpers/corpus';

describe('scale: core paths for large corpora', () => {
  it('folds ASCII names exactly as the Unicode fold does (case, defense, spaces, quotes)', () => {
    for (const s of [
      'Ministry of Defense',
      '  Joint  Working   Group ',
      'Defenseless Defense-Ministry',
      "O'Neill",
      'Dot`s',
      'F-35A',
      'R&D',
      'José Antonio Kast',
      'Mark\u2019s',
    ])
      assert.strictEqual(keyOf(s), fold(s), s);
  });

  it('extracts the same entities at once and in steps, and the same again on a second build', async () => {
    const sources = seedCorpus().sources;
    const once = EntityIndex.build(sources).entities;
    const steps = (await EntityIndex.buildInSteps(sources, undefined, async () => {})).entities;
    assert.deepStrictEqual(steps, once);
    assert.deepStrictEqual(EntityIndex.build(sources).entities, once);
    assert.ok(once.some((e) => e.name === 'Masood Khan'));
  });

  it("lists on every card the entities named in the card entity's paragraphs, counted per shared paragraph", () => {
    const seeds = seedCorpus().sources;
    const index = EntityIndex.build(seeds);
    const at = (e: { mentions: Array<{ key: string; paragraph: number }> }) =>
      new Set(e.mentions.map((m) => `${m.key}#${m.paragraph}`));
    let withRelated = 0;
    for (const e of index.entities) {
      const mine = at(e);
      const expected = index.entities
        .filter((o) => o !== e)
        .map((o) => ({ name: o.name, type: o.type, count: [...at(o)].filter((k) => mine.has(k)).length }))
        .filter((r) => r.count > 0)
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
        .slice(0, 6);
      assert.deepStrictEqual(index.card(e, seeds).related, expected, e.name);
      if (expected.length) withRelated++;
    }
    assert.ok(withRelated > 10, `only ${withRelated} seed entities have related entities`);
  });

  it('stats each listed file once while loading, and afresh on a later refresh', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-stat-'));
    try {
      const file = path.join(dir, 'a.txt');
      fs.writeFileSync(file, 'A title\n\nFirst body.\n');
      const store = new FsSourceStore([dir]);
      assert.deepStrictEqual(await store.list(), [file]);
      const first = await store.stat(file);
      assert.deepStrictEqual(first, { size: fs.statSync(file).size, mtime: fs.statSync(file).mtimeMs });
      fs.writeFileSync(file, 'A title\n\nFirst body, and a longer second sentence.\n');
      const later = await store.stat(file);
      assert.strictEqual(later?.size, fs.statSync(file).size, 'the second stat reads the file system again');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a word index restored from the saved bytes answers searches as the one it was saved from', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++)
      files[`mem:/c/${i}.txt`] =
        `Port bulletin ${i}\n\n2024-05-${String((i % 27) + 1).padStart(2, '0')}\n\n` +
        `The dredger Nereus ${i % 3 ? 'cleared' : 'surveyed'} channel ${i} near Porto.\n\nCranes ${i * 7} idle.\n`;
    const desk = createBriefingDesk({ store: new MemorySourceStore(files) });
    await desk.load();
    const sources = desk.library.sources;
    const snapshot = { sources: [], search: desk.library.search.serialize() };
    const decoded = decodeIndex(encodeIndexBytes(snapshot));
    assert.ok('snapshot' in decoded);
    const written = new Map(sources.map((s) => [s.uri, s.text]));
    const restored = SearchIndex.deserialize(decoded.snapshot.search, sources);
    const vouched = SearchIndex.deserialize(decoded.snapshot.search, sources, written);
    assert.deepStrictEqual(restored.serialize(), desk.library.search.serialize(), 'the saved lists, decoded again');
    const hits = (index: { search(q: string): Array<{ key: string; paragraph: number }> }, q: string) =>
      index.search(q).map((h) => `${h.key} ¶${h.paragraph}`);
    for (const q of ['dredger', 'surveyed channel', 'cranes 70', 'port bulletin 12', 'nereu']) {
      assert.deepStrictEqual(hits(restored, q), hits(desk, q), q);
      assert.deepStrictEqual(hits(vouched, q), hits(desk, q), q);
    }

    // A source whose text is not the one saved with the index is indexed afresh, with or without saved texts.
    files['mem:/c/5.txt'] = files['mem:/c/5.txt'].replace('dredger', 'icebreaker');
    const now = createBriefingDesk({ store: new MemorySourceStore(files) });
    await now.load();
    const again = SearchIndex.deserialize(decoded.snapshot.search, now.library.sources, written);
    assert.deepStrictEqual(hits(again, 'icebreaker'), hits(now, 'icebreaker'));
    assert.ok(hits(again, 'icebreaker').length > 0);
    assert.deepStrictEqual(hits(again, 'dredger'), hits(now, 'dredger'));
  });
});
