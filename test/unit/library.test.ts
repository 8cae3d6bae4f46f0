// The library keeps search and entities in step with the corpus; entities can be extracted in steps.
import * as assert from 'assert';
import { parseSource } from '../../src/core/corpus';
import { EntityIndex } from '../../src/core/entities';
import { Library } from '../../src/core/library';
import { seedCorpus } from './helpers/corpus';

function seedLibrary(): Library {
  const lib = new Library();
  lib.set(
    seedCorpus().sources.map((s) => parseSource(s.uri, s.text)),
    true,
  );
  return lib;
}

/** A corpus of `n` made-up reports naming a minister and a city, so extraction has hundreds of paragraphs to read. */
function bulky(n: number) {
  return Array.from({ length: n }, (_, i) =>
    parseSource(
      `bulk/${i}.md`,
      `Report ${i}\n\n` +
        Array.from(
          { length: 10 },
          (_, j) => `Minister Ana Duarte visited Porto on day ${i * 10 + j}, officials said.`,
        ).join('\n\n') +
        '\n',
    ),
  );
}

const names = (index: EntityIndex) => index.entities.map((e) => `${e.type}:${e.name}:${e.mentions.length}`);

describe('library: entities extracted in steps', () => {
  it('finds the same entities as a one-go extraction, pausing along the way', async () => {
    const lib = new Library();
    lib.set(bulky(60));
    let pauses = 0;
    const stepped = await lib.entitiesInSteps(async () => void pauses++);
    assert.ok(pauses > 2, `paused ${pauses} times over 600 paragraphs`);
    assert.deepStrictEqual(names(stepped), names(EntityIndex.build(lib.sources)));
    assert.ok(stepped.find('Ana Duarte'), 'the minister is found');
  });

  it('gives one index to callers that ask at the same time', async () => {
    const lib = seedLibrary();
    const pause = () => new Promise<void>((r) => setTimeout(r, 0));
    const [a, b] = await Promise.all([lib.entitiesInSteps(pause), lib.entitiesInSteps(pause)]);
    assert.strictEqual(a, b);
    assert.strictEqual(lib.entities, a, 'the finished index is kept');
  });

  it('starts again when the sources change during extraction, so the card is never stale', async () => {
    const lib = seedLibrary();
    let changed = false;
    const index = await lib.entitiesInSteps(async () => {
      if (changed) return;
      changed = true;
      lib.set([
        parseSource('extra.md', 'Port news\n\nMayor Lina Okafor opened the new ferry terminal in Port Ellis.\n'),
      ]);
    });
    assert.ok(index.find('Lina Okafor'), 'the source added mid-way is in the index');
    assert.ok(index.find('Masood Khan'));
  });

  it('reports a failing extraction and carries on with an empty index', () => {
    const lib = seedLibrary();
    const errors: Error[] = [];
    lib.onEntityError = (e) => errors.push(e);
    lib.setEntityOverrides({ entities: [] });
    // A source whose paragraphs are not an array makes extraction throw.
    (lib.sources[0] as unknown as { paragraphs: unknown }).paragraphs = null;
    assert.deepStrictEqual(lib.entities.entities, []);
    assert.strictEqual(errors.length, 1);
  });
});
