// An extraction that shares its sources with a helper (another thread in the CLI) gives what one reader gives: the
// same candidates, the same saved bytes, the same later updates; and the same again when the helper fails or is not
// waited for. The worker thread itself is tried too (its compiled script beside this test's output).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, parseSource, SavedText, savedTextOf, useSavedText, type Source } from '../../src/core/corpus';
import {
  EntityIndex,
  Extraction,
  putFound,
  ScanPart,
  type PartMembership,
  type PartNames,
  type PartSource,
  type PartStats,
  type ScanHelper,
} from '../../src/core/entities';
import { PIECE } from '../../src/core/entities/part';
import { fileBytes } from '../../src/node/cacheStore';
import { generatedSources } from './helpers/generated';
import { WorkerScanHelper } from '../../src/node/scanHelper';

/** Messages as a thread boundary copies them. */
const copy = <T>(m: T): T => structuredClone(m);

/** A helper on this thread: a {@link ScanPart} fed copies of what a worker would be sent, answering in pieces. */
class LocalHelper implements ScanHelper {
  readonly part = new ScanPart(putFound);
  closed = 0;
  added = 0;
  constructor(
    readonly minimum: number,
    readonly share: number,
    readonly fail: { stats?: boolean; names?: boolean } = {},
  ) {}

  add(sources: PartSource[]): void {
    this.added += sources.length;
    this.part.add(copy(sources));
  }

  async stats(): Promise<PartStats> {
    if (this.fail.stats) throw new Error('stats failed');
    const out: PartStats = { keys: [], ids: [] };
    for (let from = 0; from < this.part.size; from += PIECE) {
      const r = copy(this.part.stats(from, Math.min(this.part.size, from + PIECE)));
      out.keys.push(...r.keys);
      out.ids.push(...r.ids);
    }
    return out;
  }

  async names(membership: PartMembership[]): Promise<PartNames> {
    if (this.fail.names) throw new Error('names failed');
    for (const m of membership) this.part.know(copy(m));
    const out: PartNames = { keys: [], lookups: [], found: [] };
    for (let from = 0; from < this.part.size; from += PIECE) {
      const r = copy(this.part.names(from, Math.min(this.part.size, from + PIECE)));
      out.keys.push(...r.keys);
      out.lookups.push(...r.lookups);
      out.found.push(...r.found);
    }
    return out;
  }

  close(): void {
    this.closed++;
  }
}

/** Runs an update to its end as the CLI's build does: awaiting what it yields. */
async function drive<T>(steps: Generator<Promise<void> | void, T>): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    if (r.value) await r.value;
    r = steps.next();
  }
  return r.value;
}

/** Runs it without awaiting anything (a host that never pauses). */
function run<T>(steps: Generator<unknown, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

describe('entity extraction shared with a helper', function () {
  this.timeout(120_000);
  let sources: Source[];
  /** What one reader finds, and the state it saves. */
  let found: unknown[];
  let bytes: Uint8Array;

  before(() => {
    sources = generatedSources(120);
    const alone = new Extraction();
    found = run(alone.update(sources)).found;
    bytes = alone.bytes;
  });

  it('gives the same candidates and the same saved bytes as one reader, and updates the same afterwards', async () => {
    const helper = new LocalHelper(10, 0.5);
    const alone = new Extraction();
    run(alone.update(sources));
    const shared = new Extraction();
    const r = await drive(shared.update(sources, undefined, helper));
    assert.strictEqual(helper.added, 60);
    assert.ok(helper.closed >= 1, 'the helper is closed');
    assert.deepStrictEqual(r.found, found);
    assert.deepStrictEqual(shared.bytes, alone.bytes);
    // Both go on the same way: a changed source and a removed one.
    const corpus = new Corpus();
    const edited = `${sources[7].text}\n\nKarachi traders met Amir Baram in Lahore.\n`;
    corpus.set(sources.slice(0, -1).map((s, i) => parseSource(s.uri, i === 7 ? edited : s.text)));
    const next = corpus.sources;
    for (const x of [alone, shared]) x.invalidate([sources[7].uri, sources[sources.length - 1].uri]);
    const a = run(alone.update(next));
    const b = run(shared.update(next));
    assert.deepStrictEqual(b.found, a.found);
    assert.deepStrictEqual(shared.bytes, alone.bytes);
  });

  it('gives the same entities through EntityIndex.buildInSteps', async () => {
    const helper = new LocalHelper(10, 0.3);
    const index = await EntityIndex.buildInSteps(sources, undefined, async () => {}, new Extraction(), helper);
    assert.ok(helper.added > 0);
    assert.deepStrictEqual(index.entities, EntityIndex.build(sources).entities);
  });

  for (const fail of [{ stats: true }, { names: true }]) {
    it(`reads everything itself when the helper fails (${Object.keys(fail)[0]})`, async () => {
      const helper = new LocalHelper(10, 0.5, fail);
      const shared = new Extraction();
      const r = await drive(shared.update(sources, undefined, helper));
      assert.ok(helper.added > 0 && helper.closed >= 1);
      assert.deepStrictEqual(r.found, found);
      assert.deepStrictEqual(shared.bytes, bytes);
    });
  }

  it('reads everything itself when its driver does not wait for the helper', () => {
    const helper = new LocalHelper(10, 0.5);
    const shared = new Extraction();
    const r = run(shared.update(sources, undefined, helper));
    assert.deepStrictEqual(r.found, found);
    assert.deepStrictEqual(shared.bytes, bytes);
  });

  it('leaves the helper out below its minimum or when sources are already read', async () => {
    const few = new LocalHelper(1000, 0.5);
    await drive(new Extraction().update(sources, undefined, few));
    assert.strictEqual(few.added, 0);
    const after = new LocalHelper(10, 0.5);
    const x = Extraction.fromBytes(bytes.slice());
    const r = await drive(x.update(sources.slice(0, -1), undefined, after));
    assert.strictEqual(after.added, 0);
    assert.strictEqual(r.found.length, run(new Extraction().update(sources.slice(0, -1))).found.length);
  });

  it('gives the same with the worker thread (WorkerScanHelper)', async () => {
    const script = path.join(__dirname, '..', '..', 'src', 'node', 'scanWorker.js');
    const helper = new WorkerScanHelper({ script, minimum: 10, share: 0.5 });
    const shared = new Extraction();
    const r = await drive(shared.update(sources, undefined, helper));
    assert.ok(helper.closed);
    assert.strictEqual(helper.answered, 2, 'both passes were read there');
    assert.deepStrictEqual(r.found, found);
    assert.deepStrictEqual(shared.bytes, bytes);
  });

  it('gives the same with the worker thread reading saved texts from the open file itself', async () => {
    // The sources' texts as a saved index holds them: one after another in a file, read when used.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entities-saved-')), 'texts');
    const encoded = sources.map((s) => Buffer.from(s.text, 'utf8'));
    fs.writeFileSync(file, Buffer.concat(encoded));
    const fd = fs.openSync(file, 'r');
    try {
      const reader = fileBytes(fd);
      const savedBytes = bytes;
      let at = 0;
      const saved = sources.map((s, i) => {
        const copy: Source = { ...s };
        useSavedText(copy, new SavedText(reader, at, encoded[i].length, s.text.length));
        at += encoded[i].length;
        return copy;
      });
      const script = path.join(__dirname, '..', '..', 'src', 'node', 'scanWorker.js');
      const helper = new WorkerScanHelper({ script, minimum: 10, share: 0.5 });
      const shared = new Extraction();
      const r = await drive(shared.update(saved, undefined, helper));
      assert.strictEqual(helper.answered, 2, 'both passes were read there');
      assert.deepStrictEqual(r.found, found);
      assert.deepStrictEqual(shared.bytes, savedBytes);
      // The worker's half was sent as places in the file: this thread decoded none of those texts.
      const undecoded = saved.filter((s) => !savedTextOf(s)!.decoded).length;
      assert.strictEqual(undecoded, 60, `${undecoded} of the helper's 60 texts undecoded here`);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('falls back to reading everything itself when the worker cannot start', async () => {
    const helper = new WorkerScanHelper({ script: path.join(os.tmpdir(), 'no-such-worker.js'), minimum: 10 });
    const shared = new Extraction();
    const r = await drive(shared.update(sources, undefined, helper));
    assert.strictEqual(helper.answered, 0);
    assert.deepStrictEqual(r.found, found);
    assert.deepStrictEqual(shared.bytes, bytes);
  });
});
