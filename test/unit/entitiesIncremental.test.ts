// Incremental extraction gives exactly what a build from scratch gives: random edits, additions and removals on the
// seeds, the entity fixtures and a generated corpus, with the state kept in memory or saved and read back as bytes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCorpus } from '../../bench/corpus';
import { decodeIndex, joinChunks, type IndexCacheStore } from '../../src/core/cache';
import { Corpus, MemorySourceStore, parseSource, type Source } from '../../src/core/corpus';
import { createBriefingDesk } from '../../src/core/desk';
import { EntityIndex, Extraction } from '../../src/core/entities';
import { Library } from '../../src/core/library';
import { ROOT } from './helpers/corpus';

/** uri → text of every `.txt`/`.md` file in these folders. */
function textsIn(dirs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of dirs)
    for (const f of fs.readdirSync(d).sort())
      if (/\.(?:txt|md)$/.test(f)) out.set(path.join(d, f), fs.readFileSync(path.join(d, f), 'utf8'));
  return out;
}

function generatedTexts(n: number): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entities-incremental-'));
  try {
    writeCorpus(dir, n);
    return textsIn([dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One random edit of a text, of the kinds that move the corpus's word statistics: a word written in lower case or
 * capitalised everywhere in it, a paragraph dropped, moved, or copied in from another text, a surname said alone.
 */
function edit(text: string, other: string, rnd: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const paras = text.split(/\n\s*\n/);
  const words = text.match(/\b[A-Za-z][a-z]{3,}\b/g) ?? ['Nothing'];
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1).toLowerCase();
  switch (Math.floor(rnd() * 7)) {
    case 0: {
      const w = pick(words);
      const flip = w[0] === w[0].toUpperCase() ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1);
      return text.split(w).join(flip);
    }
    case 1:
      if (paras.length > 2) paras.splice(1 + Math.floor(rnd() * (paras.length - 1)), 1);
      return paras.join('\n\n');
    case 2:
      return [...paras, pick(other.split(/\n\s*\n/).slice(1))].join('\n\n');
    case 3: {
      const name = pick(text.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? ['Amir Baram']);
      return `${text}\n\n${name.split(' ')[1]} said the ${pick(words).toLowerCase()} was ${pick(words)}.\n`;
    }
    case 4:
      return [...paras.slice(0, 1), ...paras.slice(1).reverse()].join('\n\n');
    case 5:
      // A sentence that opens with a common word before a place: whether it stays depends on the other sources.
      return `${text}\n\n${cap(pick(other.match(/\b[a-z]{4,}\b/g) ?? ['sundry']))} Karachi traders met ${pick(words)}.\n`;
    default:
      return `${text}\n\nIn ${pick(words)}, the ${pick(words)} Council met ${pick(words)} Singh.\n`;
  }
}

/** Both builds of `sources` agree, entity by entity (names, types, aliases, descriptions, mentions) and problems. */
function assertSame(sources: Source[], extraction: Extraction, what: string): void {
  const fresh = EntityIndex.build(sources);
  const incremental = EntityIndex.build(sources, undefined, extraction);
  assert.deepStrictEqual(incremental.entities, fresh.entities, what);
  assert.deepStrictEqual(incremental.problems, fresh.problems, what);
}

const corpora: Array<[string, () => Map<string, string>]> = [
  ['the seeds', () => textsIn([path.join(ROOT, 'seeds')])],
  [
    'the entity fixtures',
    () => textsIn(['entities', 'entities/heldout'].map((d) => path.join(ROOT, 'test', 'fixtures', d))),
  ],
  ['a generated corpus', () => generatedTexts(60)],
];

describe('incremental entity extraction equals extraction from scratch', () => {
  for (const [name, texts] of corpora) {
    it(`after random edits, additions and removals in ${name}, in memory and saved as bytes`, function () {
      this.timeout(120_000);
      const all = texts();
      const uris = [...all.keys()];
      const rnd = random(uris.length * 7919);
      // A few texts wait outside to be added later.
      const outside = new Set(uris.filter((_, i) => i % 4 === 3));
      const corpus = new Corpus();
      corpus.set(uris.filter((u) => !outside.has(u)).map((u) => parseSource(u, all.get(u)!)));
      let extraction = new Extraction();
      assertSame(corpus.sources, extraction, `${name}: first build`);
      for (let step = 1; step <= 12; step++) {
        const changed: string[] = [];
        for (let k = 0, ops = 1 + Math.floor(rnd() * 3); k < ops; k++) {
          const inside = corpus.sources.map((s) => s.uri);
          const r = rnd();
          if (r < 0.2 && outside.size) {
            const u = [...outside][Math.floor(rnd() * outside.size)];
            outside.delete(u);
            changed.push(...corpus.set([parseSource(u, all.get(u)!)]).updated.map((s) => s.uri));
          } else if (r < 0.35 && inside.length > 2) {
            const u = inside[Math.floor(rnd() * inside.length)];
            outside.add(u);
            changed.push(...corpus.remove([u]).removed);
          } else {
            const u = inside[Math.floor(rnd() * inside.length)];
            const text = edit(all.get(u)!, all.get(uris[Math.floor(rnd() * uris.length)])!, rnd);
            all.set(u, text);
            changed.push(...corpus.set([parseSource(u, text)]).updated.map((s) => s.uri));
          }
        }
        extraction.invalidate(changed);
        // Every other step, the state goes through its saved form (with the changes marked, not yet applied), as the
        // index file gets it: the pieces one after another, the same bytes as \`bytes\`.
        if (step % 2 === 0) {
          const written = joinChunks(extraction.pieces);
          assert.deepStrictEqual(written, extraction.bytes, `${name}: step ${step}: pieces and bytes`);
          extraction = Extraction.fromBytes(written);
        }
        assertSame(corpus.sources, extraction, `${name}: step ${step} (${changed.join(', ')})`);
        if (step % 3 === 0) extraction = Extraction.fromBytes(extraction.bytes.slice());
      }
    });
  }

  it('reads again only what a change affects, keeps unchanged bytes, and rebuilds from a state that does not read', () => {
    const all = generatedTexts(20);
    const corpus = new Corpus();
    corpus.set([...all].map(([u, t]) => parseSource(u, t)));
    const extraction = new Extraction();
    EntityIndex.build(corpus.sources, undefined, extraction);
    const saved = extraction.bytes;
    // Unchanged: the same bytes, not encoded again.
    EntityIndex.build(corpus.sources, undefined, extraction);
    assert.strictEqual(extraction.bytes, saved);
    assert.strictEqual(extraction.lastRead, 0);
    const [u, t] = [...all][7];
    corpus.set([parseSource(u, `${t}\n\nThe Kashmir Council met Rajesh Kumar Singh in Karachi.\n`)]);
    extraction.invalidate([u]);
    assertSame(corpus.sources, extraction, 'one source changed');
    assert.ok(extraction.lastRead >= 1 && extraction.lastRead < 10, `${extraction.lastRead} sources read again`);
    const broken = Extraction.fromBytes(saved.subarray(0, saved.length - 3));
    assertSame(corpus.sources, broken, 'truncated state');
    const garbage = Extraction.fromBytes(new Uint8Array([200, 200, 200, 1, 2, 3]));
    assertSame(corpus.sources, garbage, 'garbage state');
  });

  it('reads again a source whose lookups changed answer, though the source itself did not change', () => {
    const corpus = new Corpus();
    const a = 'a.md';
    const b = 'b.md';
    corpus.set([
      parseSource(a, '# A\n\nSundry Karachi traders met the envoy. Later, Sundry Karachi was quiet.\n'),
      parseSource(b, '# B\n\nNothing else was said.\n'),
    ]);
    const extraction = new Extraction();
    assertSame(corpus.sources, extraction, 'first build');
    const before = EntityIndex.build(corpus.sources).entities.flatMap((e) => e.mentions.map((m) => m.text));
    assert.deepStrictEqual(before, ['Sundry Karachi', 'Sundry Karachi']);
    // `sundry` now appears in lower case in B: A's `Sundry Karachi` is read as `Karachi`.
    corpus.set([parseSource(b, '# B\n\nThe sundry items arrived.\n')]);
    extraction.invalidate([b]);
    const forms = () => EntityIndex.build(corpus.sources).entities.flatMap((e) => e.mentions.map((m) => m.text));
    assert.deepStrictEqual(forms(), ['Karachi', 'Sundry Karachi']);
    assertSame(corpus.sources, extraction, 'after B changed');
    assert.strictEqual(extraction.lastRead, 2);
  });

  it('saves a consistent state while a stepped update is under way, and keeps changes made meanwhile', () => {
    const corpus = new Corpus();
    corpus.set([
      parseSource('a.md', '# A\n\nSundry Karachi traders met the envoy. Later, Sundry Karachi was quiet.\n'),
      parseSource('b.md', '# B\n\nThe sundry items arrived.\n'),
      parseSource('c.md', '# C\n\nThe Kashmir Council met Rajesh Kumar Singh.\n'),
    ]);
    const extraction = new Extraction();
    EntityIndex.build(corpus.sources, undefined, extraction);
    // B no longer writes `sundry`: A reads `Sundry Karachi` again.
    corpus.set([parseSource('b.md', '# B\n\nNothing arrived.\n')]);
    extraction.invalidate(['b.md']);
    const steps = extraction.update(corpus.sources);
    steps.next();
    // Mid-update: another change, and a save.
    corpus.set([parseSource('c.md', '# C\n\nSingh met the Council in Lahore.\n')]);
    extraction.invalidate(['c.md']);
    const mid = extraction.bytes.slice();
    let r = steps.next();
    while (!r.done) r = steps.next();
    assertSame(corpus.sources, extraction, 'the state after the update, with the change made meanwhile');
    assertSame(corpus.sources, Extraction.fromBytes(mid), 'the state saved mid-update');
  });

  it('through the saved index (the state written in pieces), a stepped build after a change equals a fresh one', async () => {
    const files = Object.fromEntries([...generatedTexts(30).values()].map((t, i) => [`mem:/g/${i}.txt`, t]));
    const store = new MemorySourceStore(files);
    let saved: Uint8Array | undefined;
    const cache: IndexCacheStore = {
      read: async () => saved,
      write: async (chunks) => void (saved = joinChunks(chunks)),
    };
    const open = async () => {
      const desk = createBriefingDesk({ store, cache });
      await desk.load(undefined, { saveLater: true });
      return desk;
    };
    await (await open()).entities();
    store.set('mem:/g/3.txt', `${files['mem:/g/3.txt']}\n\nThe Kashmir Council met Rajesh Kumar Singh in Karachi.\n`);
    store.set('mem:/g/8.txt', files['mem:/g/8.txt'].replace(/ the /g, ' The '));
    store.delete('mem:/g/5.txt');
    for (let round = 0; round < 2; round++) {
      // As the CLI builds over a large corpus: in steps (pausing in the scan and the clustering), then saved.
      const desk = await open();
      await desk.library.entitiesInSteps(async () => {});
      const index = await desk.entities();
      const fresh = EntityIndex.build(desk.library.sources);
      assert.deepStrictEqual(index.entities, fresh.entities, `round ${round}`);
      assert.ok(index.entities.some((e) => e.name === 'Rajesh Kumar Singh'));
      // The state as the file holds it reads back whole: over the same sources, nothing is read again.
      const decoded = decodeIndex(saved!);
      assert.ok('snapshot' in decoded && decoded.snapshot.extraction);
      const restored = Extraction.fromBytes(decoded.snapshot.extraction);
      assert.deepStrictEqual(EntityIndex.build(desk.library.sources, undefined, restored).entities, fresh.entities);
      assert.strictEqual(restored.lastRead, 0, `round ${round}: sources read again`);
      store.set('mem:/g/11.txt', `${files['mem:/g/11.txt']}\n\nSingh met the Council in Lahore.\n`);
    }
  });

  it('follows the library: a changed source re-extracts and gives the entities of a fresh library', () => {
    const all = generatedTexts(30);
    const lib = new Library();
    lib.set([...all].map(([u, t]) => parseSource(u, t)));
    assert.ok(lib.entities.entities.length > 0);
    const [u, t] = [...all][3];
    lib.set([parseSource(u, `${t}\n\nThe Kashmir Council met Rajesh Kumar Singh in Karachi.\n`)]);
    lib.remove([[...all][5][0]]);
    const fresh = EntityIndex.build(lib.sources);
    assert.deepStrictEqual(lib.entities.entities, fresh.entities);
    assert.ok(lib.entities.entities.some((e) => e.name === 'Rajesh Kumar Singh'));
  });
});
