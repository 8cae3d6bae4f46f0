// Saved texts: decoded when used, the texts used last kept, the rest let go and decoded again when used again.
import * as assert from 'assert';
import { forEachText, readAhead, savedTextOf, useSavedText } from '../../src/core/corpus/savedText';
import { KEPT_CHARS, SavedText, bytesSourceFor } from './helpers/savedTexts';

describe('saved texts: decoded on use, the last used kept', () => {
  it('a pass over more text than is kept holds a bounded part of it, and every text reads back exactly', () => {
    const texts = Array.from({ length: 12 }, (_, i) => `${i} ${'Zürich “notes” '.repeat(Math.ceil(KEPT_CHARS / 150))}`);
    const { source, places } = bytesSourceFor(texts);
    const saved = places.map((p, i) => new SavedText(source, p.at, p.bytes, texts[i].length));
    assert.ok(
      saved.every((s) => !s.decoded),
      'nothing decoded before use',
    );
    saved.forEach((s, i) => assert.strictEqual(s.value(), texts[i]));
    const kept = saved.filter((s) => s.decoded);
    assert.ok(kept.length > 0 && kept.length < saved.length, `${kept.length} of ${saved.length} kept`);
    assert.ok(
      kept.reduce((n, s) => n + s.chars, 0) <= KEPT_CHARS + texts[0].length,
      'at most the bound, give or take one',
    );
    assert.ok(saved[saved.length - 1].decoded && !saved[0].decoded, 'the texts used last are the ones kept');
    assert.strictEqual(saved[0].value(), texts[0], 'a text let go reads back again');
    assert.ok(saved[0].decoded);
  });
});

describe('saved texts: a pass in order', () => {
  it('reads texts that follow one another in one go, gives each exactly, and keeps none decoded', () => {
    const texts = ['First report.', 'Zürich “notes”, 😀.', 'Third, plain.', 'Fourth.', 'Fifth: the last.'];
    const { source, places } = bytesSourceFor(texts);
    const reads: Array<[number, number]> = [];
    const counting = { read: (at: number, length: number) => (reads.push([at, length]), source.read(at, length)) };
    const other = bytesSourceFor(['Elsewhere.']);
    const objs = texts.map((_, i) => {
      const o = { n: i, text: '' };
      useSavedText(o, new SavedText(counting, places[i].at, places[i].bytes, texts[i].length));
      return o;
    });
    // One text decoded before the pass (read on its own, kept), one from another file, one that is a plain string.
    const decoded = savedTextOf(objs[3])!;
    decoded.value();
    reads.length = 0;
    const elsewhere = { n: 5, text: '' };
    useSavedText(elsewhere, new SavedText(other.source, 0, other.places[0].bytes, 'Elsewhere.'.length));
    const plain = { n: 6, text: 'A plain string.' };
    const seen: Array<[string, number]> = [];
    forEachText([...objs, elsewhere, plain], (text, o) => seen.push([text, o.n]));
    assert.deepStrictEqual(
      seen,
      [...texts, 'Elsewhere.', 'A plain string.'].map((t, i) => [t, i]),
    );
    // Texts 0-2 in one read; 3 was decoded (no read); 4 on its own (it does not follow a text read with it).
    assert.deepStrictEqual(reads, [
      [places[0].at, places[3].at - places[0].at],
      [places[4].at, places[4].bytes],
    ]);
    assert.deepStrictEqual(
      objs.map((o) => savedTextOf(o)!.decoded),
      [false, false, false, true, false],
      'the pass keeps no text decoded',
    );
  });

  it('throws on a saved text that no longer reads back to its length, as a single read does', () => {
    const { source, places } = bytesSourceFor(['Intact text.', 'Damaged']);
    const objs = places.map((p, i) => {
      const o = { text: '' };
      useSavedText(o, new SavedText(source, p.at, p.bytes, i === 1 ? 99 : 'Intact text.'.length));
      return o;
    });
    assert.throws(() => forEachText(objs, () => undefined), /damaged index file/);
    assert.throws(() => objs[1].text, /damaged index file/);
  });
});

describe('saved texts: reading ahead', () => {
  it('reads the texts from one on in one go and keeps them, up to one the pass will not read', () => {
    const texts = ['One.', 'Two “2”.', 'Three.', 'Four.', 'Five.'];
    const { source, places } = bytesSourceFor(texts);
    const reads: number[] = [];
    const counting = { read: (at: number, length: number) => (reads.push(at), source.read(at, length)) };
    const objs = texts.map((t, i) => {
      const o = { n: i, text: '' };
      useSavedText(o, new SavedText(counting, places[i].at, places[i].bytes, t.length));
      return o;
    });
    readAhead(objs, 1, (o) => o.n === 4);
    assert.deepStrictEqual(reads, [places[1].at], 'one read');
    assert.deepStrictEqual(
      objs.map((o) => savedTextOf(o)!.decoded),
      [false, true, true, true, false],
    );
    assert.deepStrictEqual(
      objs.map((o) => o.text),
      texts,
    );
    assert.deepStrictEqual(reads, [places[1].at, places[0].at, places[4].at], 'the rest read when used');
    readAhead(objs, 2);
    assert.strictEqual(reads.length, 3, 'nothing to read ahead for a text kept');
  });
});
