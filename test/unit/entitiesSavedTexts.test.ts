// Entities over saved texts (a warm start's sources, read from the saved index when used) are the same as over texts in
// memory, and their descriptions are read in one pass over the texts, not a read per mention.
import * as assert from 'assert';
import { SavedText, useSavedText, type Source } from '../../src/core/corpus';
import { EntityIndex } from '../../src/core/entities';
import { readDescriptions } from '../../src/core/entities/describe';
import { resolve } from '../../src/core/entities/resolve';
import { finish, scan } from '../../src/core/entities/scan';
import { generatedSources } from './helpers/generated';
import { bytesSourceFor } from './helpers/savedTexts';

describe('entities over saved texts', () => {
  it('gives the same entities and descriptions as texts in memory', () => {
    const sources = generatedSources(120);
    const { source, places } = bytesSourceFor(sources.map((s) => s.text));
    const saved = sources.map((s, i) => {
      const copy: Source = { ...s, paragraphs: s.paragraphs.map((p) => ({ ...p })) };
      useSavedText(copy, new SavedText(source, places[i].at, places[i].bytes, s.text.length));
      return copy;
    });
    const fromMemory = EntityIndex.build(sources);
    const fromSaved = EntityIndex.build(saved);
    const view = (i: EntityIndex) => i.entities.map((e) => [e.id, e.type, e.description, e.mentions.length]);
    assert.deepStrictEqual(view(fromSaved), view(fromMemory));
    const described = fromSaved.entities.filter((e) => e.description).length;
    assert.ok(described >= 5, `${described} entities described`);
  });

  it('reads the texts around the mentions in one pass over texts not decoded, and describes as from memory', () => {
    const sources = generatedSources(120);
    const clusters = resolve(scan(sources).found, scan(sources).stats);
    const { source, places } = bytesSourceFor(sources.map((s) => s.text));
    let reads = 0;
    const counting = { read: (at: number, length: number) => (reads++, source.read(at, length)) };
    const saved = sources.map((s, i) => {
      const copy: Source = { ...s };
      useSavedText(copy, new SavedText(counting, places[i].at, places[i].bytes, s.text.length));
      return copy;
    });
    const fromMemory = finish(readDescriptions(clusters, sources));
    const fromSaved = finish(readDescriptions(clusters, saved));
    const mentions = clusters.reduce((n, c) => n + c.found.length, 0);
    const bytes = places[places.length - 1].at + places[places.length - 1].bytes;
    assert.ok(reads <= Math.ceil(bytes / 2 ** 20) + 1, `${reads} reads for ${mentions} mentions in ${bytes} bytes`);
    assert.deepStrictEqual(fromSaved, fromMemory);
    assert.ok(fromSaved.filter(Boolean).length >= 5, 'some clusters are described');
  });
});
