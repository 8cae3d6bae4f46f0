// Saved texts: decoded when used, the texts used last kept, the rest let go and decoded again when used again.
import * as assert from 'assert';
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

describe('saved texts: a part of a text', () => {
  it('gives the characters between two offsets, reading only their bytes when the text is ASCII', () => {
    const texts = [
      'Harbour report: Minister Ana Duarte opened berth 4 in Porto.',
      'Zürich “notes”, 😀 and more notes.',
    ];
    const { source, places } = bytesSourceFor(texts);
    const reads: number[] = [];
    const counting = { read: (at: number, length: number) => (reads.push(length), source.read(at, length)) };
    const [ascii, other] = places.map((p, i) => new SavedText(counting, p.at, p.bytes, texts[i].length));
    const cases: Array<[number, number]> = [
      [16, 35],
      [-20, 7],
      [50, 500],
      [9, 9],
      [40, 10],
    ];
    for (const [from, to] of cases) {
      reads.length = 0;
      const expected = texts[0].slice(Math.max(0, from), Math.max(0, to));
      assert.strictEqual(ascii.slice(from, to), expected, `${from}..${to}`);
      assert.ok(
        reads.every((n) => n === expected.length),
        `only the bytes asked for (${reads.join(', ')})`,
      );
      assert.ok(!ascii.decoded, 'the whole text was not decoded');
    }
    // Beyond ASCII, byte offsets are not character offsets: the text is decoded, and the part is exact.
    assert.strictEqual(other.slice(3, 20), texts[1].slice(3, 20));
    assert.strictEqual(other.slice(16, 19), '😀 ');
    assert.ok(other.decoded);
  });
});
