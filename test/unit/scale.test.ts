// Grounding at scale: a quotation missing from its cited paragraph is looked up through the word index, and the user
// sees the same findings as from a scan of every paragraph.
import * as assert from 'assert';
import { MemorySourceStore } from '../../src/core/corpus';
import { createBriefingDesk } from '../../src/core/desk';
import { checkBriefing } from '../../src/core/grounding';

const files: Record<string, string> = {
  'mem:/a.txt':
    'Harbour works begin\n\n2024-03-01\n\nThe breakwater will hold for a century, the engineer said.\n\n' +
    'Dredging of the channel starts in May.\n',
  'mem:/b.txt':
    'Port budget approved\n\n2024-04-02\n\nThe council approved the budget; the breakwater will hold for a ' +
    'century, it said.\n\nCafé owners welcomed the news.\n',
  'mem:/c.txt': 'Fishing season\n\n2024-05-03\n\nBoats returned early because of the storm.\n',
};

describe('scale: quotations looked up through the word index', () => {
  it('finds a quote in another source, and misses none a full scan finds', async () => {
    const desk = createBriefingDesk({ store: new MemorySourceStore(files) });
    await desk.load();
    const [a, b, c] = ['mem:/a.txt', 'mem:/b.txt', 'mem:/c.txt'].map((u) => desk.library.corpus.byUri(u)!.key);
    const md = [
      `One: “the breakwater will hold for a century” [@${c}, ¶1].`,
      `Two: “Dredging of the channel starts in May” [@${b}, ¶1].`,
      `Three: “boats returned … the storm” [@${a}, ¶1].`,
      `Four: “café owners welcomed” [@${a}, ¶2].`,
      `Five: “no such words anywhere” [@${b}, ¶2].`,
    ].join('\n\n');
    const viaIndex = desk.check(md);
    assert.deepStrictEqual(viaIndex, checkBriefing(md, desk.library.corpus));
    const found = viaIndex.map((d) =>
      (d.data as { foundIn?: Array<{ key: string }> } | undefined)?.foundIn?.map((f) => f.key),
    );
    assert.deepStrictEqual(found, [[a, b], [a], [c], [b], undefined]);
  });
});
