// Search over the bundled seeds and small inline corpora: typos, phrases, highlights, incremental updates.
import * as assert from 'assert';
import { Corpus, parseSource } from '../../src/core/corpus';
import { EntityIndex } from '../../src/core/entities';
import { highlight, SearchIndex, type SearchHit } from '../../src/core/search';
import { corpusOf, seedCorpus } from './helpers/corpus';

function indexOf(corpus: Corpus): SearchIndex {
  const index = new SearchIndex();
  for (const s of corpus.sources) index.addSource(s);
  return index;
}

function highlighted(hit: SearchHit): string[] {
  return hit.matches.map(([a, b]) => hit.text.slice(a, b));
}

function brief(hits: SearchHit[]): string[] {
  return hits.map((h) => `${h.key}#${h.paragraph}@${h.score.toFixed(6)}`);
}

const QUERIES = [
  'Barak 8',
  'Hegseht',
  'Isreali drones',
  'Rajnat Singh',
  'defence',
  'k',
  'Turkiye',
  'Pakistan strategic',
];

describe('search over the bundled seeds', () => {
  const corpus = seedCorpus();
  const index = indexOf(corpus);

  it('"Barak 8" returns the Barak-8 passage first and highlights "Barak-8"', () => {
    const [first] = index.search('Barak 8');
    assert.ok(first, 'no hits');
    assert.match(first.text, /Barak-8/);
    assert.ok(highlighted(first).includes('Barak-8'), `highlights: ${highlighted(first)}`);
  });

  it('a swapped pair of letters still finds Pete Hegseth ("Hegseht")', () => {
    const hits = index.search('Hegseht');
    assert.ok(hits.length >= 3);
    for (const h of hits.slice(0, 3)) assert.match(h.text, /Hegseth/);
    assert.deepStrictEqual([...new Set(highlighted(hits[0]))], ['Hegseth']);
  });

  it('"Isreali drones" puts the Harop and Harpy drones passage in the top 3', () => {
    const top = index.search('Isreali drones').slice(0, 3);
    assert.ok(
      top.some((h) => /Harop and Harpy kamikaze drones/.test(h.text)),
      brief(top).join(', '),
    );
  });

  it('"Rajnat Singh" ranks the passage naming Defence Minister Rajnath Singh first', () => {
    const [first] = index.search('Rajnat Singh');
    assert.match(first.text, /Defence Minister Rajnath Singh/);
    assert.ok(highlighted(first).includes('Rajnath Singh'));
  });

  it('an accent-free query finds the accented word ("Turkiye" -> Türkiye)', () => {
    const [first] = index.search('turkiye');
    assert.ok(first);
    assert.ok(highlighted(first).includes('Türkiye'));
  });

  it('a word still being typed matches the words it starts ("kamik")', () => {
    const [first] = index.search('kamik');
    assert.ok(highlighted(first).includes('kamikaze'));
  });

  it('a single letter returns passages with words starting with it', () => {
    const hits = index.search('k', { limit: 5 });
    assert.strictEqual(hits.length, 5);
    for (const h of hits) {
      assert.ok(h.matches.length > 0);
      for (const word of highlighted(h)) assert.match(word, /^k/i);
    }
  });

  it('a keystroke completes to words that matter, not to stop words ("n" highlights no "not" or "no")', () => {
    const hits = index.search('n', { limit: 10 });
    assert.strictEqual(hits.length, 10);
    const lit = hits.flatMap((h) => highlighted(h).map((w) => w.toLowerCase()));
    for (const stop of ['not', 'no', 'nor', 'now']) assert.ok(!lit.includes(stop), `"${stop}" highlighted: ${lit}`);
    for (const w of lit) assert.match(w, /^n/);
  });

  it('match ranges cover whole matched words of the returned text, sorted and apart', () => {
    for (const q of QUERIES) {
      for (const h of index.search(q)) {
        let last = -1;
        for (const [a, b] of h.matches) {
          assert.ok(a > last && b > a && b <= h.text.length, `${q}: bad range [${a}, ${b})`);
          assert.ok(a === 0 || !/[\p{L}\p{N}]/u.test(h.text[a - 1]), `${q}: range starts inside a word`);
          assert.ok(b === h.text.length || !/[\p{L}\p{N}]/u.test(h.text[b]), `${q}: range ends inside a word`);
          last = b;
        }
      }
    }
  });

  it('hits come best first with scores in (0, 1] and respect the limit', () => {
    const hits = index.search('Pakistan defence', { limit: 7 });
    assert.strictEqual(hits.length, 7);
    for (let i = 0; i < hits.length; i++) {
      assert.ok(hits[i].score > 0 && hits[i].score <= 1);
      if (i) assert.ok(hits[i - 1].score >= hits[i].score);
    }
    const p = corpus.get(hits[0].key)!.paragraphs[hits[0].paragraph - 1];
    assert.strictEqual(hits[0].text, p.text);
  });

  it('an empty or blank query finds nothing', () => {
    assert.deepStrictEqual(index.search(''), []);
    assert.deepStrictEqual(index.search('   \n'), []);
    assert.deepStrictEqual(index.search('—  “ ”'), []);
  });

  it('the keys option searches only those sources', () => {
    const key = 'islamabad-views-us-2025';
    assert.ok(corpus.get(key), 'seed key changed');
    const hits = index.search('defence', { keys: [key] });
    assert.ok(hits.length > 0);
    for (const h of hits) assert.strictEqual(h.key, key);
    assert.deepStrictEqual(
      index.search('Barak 8', { keys: [key] }).filter((h) => /Barak/.test(h.text)),
      [],
    );
  });

  it('a saved and reloaded index gives the same results', () => {
    const data = JSON.parse(JSON.stringify(index.serialize()));
    const loaded = SearchIndex.deserialize(data, corpus.sources);
    assert.strictEqual(loaded.passageCount, index.passageCount);
    for (const q of QUERIES) assert.deepStrictEqual(brief(loaded.search(q)), brief(index.search(q)), q);
  });
});

describe('search over small corpora', () => {
  it('passages with every query word rank above passages with only some', () => {
    const index = indexOf(
      corpusOf({
        'a.txt':
          'Notes A\n\nThe missile was tested near the coast last spring.\n\nThe radar saw nothing unusual that week.',
        'b.txt': 'Notes B\n\nOfficials said the radar tracked the missile until it fell into the sea.',
      }),
    );
    const hits = index.search('missile radar');
    assert.match(hits[0].text, /radar tracked the missile/);
    assert.ok(hits[0].score > 0.5 && hits.slice(1).every((h) => h.score < 0.5));
  });

  it('curly and straight quotes, dashes and case are all the same to a query', () => {
    const index = indexOf(corpusOf({ 'a.txt': 'Brief\n\nPakistan’s “deterrence” rests on the Fatah‑II rocket.' }));
    const cases: Array<[string, string[]]> = [
      ["pakistan's deterrence", ['Pakistan’s', 'deterrence']],
      ['PAKISTAN’S “DETERRENCE”', ['Pakistan’s', 'deterrence']],
      ['fatah-ii', ['Fatah‑II']],
      ['Fatah II', ['Fatah‑II']],
    ];
    for (const [q, words] of cases) {
      const [hit] = index.search(q);
      assert.ok(hit, q);
      assert.deepStrictEqual(highlighted(hit), words, q);
    }
  });

  it('a match in the paragraph text outranks a match only in the title', () => {
    const index = indexOf(
      corpusOf({
        'a.txt': 'Drones over the border\n\nThe ministry gave no details of the incident.',
        'b.txt': 'Weekly summary\n\nTwo drones were shot down near the border on Friday.',
      }),
    );
    const hits = index.search('drones');
    assert.deepStrictEqual(
      hits.map((h) => h.text),
      ['Two drones were shot down near the border on Friday.', 'The ministry gave no details of the incident.'],
    );
    assert.deepStrictEqual(hits[1].matches, []);
  });

  it('adding and removing a source updates results without touching the others', () => {
    const corpus = seedCorpus();
    const index = indexOf(corpus);
    const before = brief(index.search('Hegseth'));
    const extra = corpusOf({ 'extra.txt': 'Extra\n\nPete Hegseth met the Philippine delegation in Manila.' })
      .sources[0];
    index.addSource(extra);
    assert.strictEqual(index.search('Manila')[0].uri, 'extra.txt');
    assert.ok(index.search('Hegseth').some((h) => h.uri === 'extra.txt'));
    index.removeSource('extra.txt');
    assert.deepStrictEqual(index.search('Manila'), []);
    assert.deepStrictEqual(brief(index.search('Hegseth')), before);
  });

  it('re-adding a changed source replaces its old passages', () => {
    const index = new SearchIndex();
    index.addSource(parseSourceAsSource('n.txt', 'Note\n\nThe convoy left at dawn.'));
    index.addSource(parseSourceAsSource('n.txt', 'Note\n\nThe convoy left at dusk.'));
    assert.strictEqual(index.passageCount, 1);
    assert.deepStrictEqual(index.search('dawn'), []);
    assert.strictEqual(index.search('dusk').length, 1);
  });

  it('follows corpus changes from Corpus.set and Corpus.remove', () => {
    const corpus = new Corpus();
    const index = new SearchIndex();
    index.applyChange(corpus.set([parseSource('a.txt', 'Alpha\n\nThe frigate docked in Karachi.')]));
    assert.strictEqual(index.search('frigate').length, 1);
    index.applyChange(corpus.set([parseSource('a.txt', 'Alpha\n\nThe submarine docked in Karachi.')]));
    assert.deepStrictEqual(index.search('frigate'), []);
    assert.strictEqual(index.search('submarine').length, 1);
    index.applyChange(corpus.remove(['a.txt']));
    assert.strictEqual(index.passageCount, 0);
    assert.deepStrictEqual(index.search('Karachi'), []);
  });

  it('a source edited since the index was saved is re-indexed on load', () => {
    const saved = indexOf(
      corpusOf({ 'a.txt': 'A\n\nThe frigate docked.', 'b.txt': 'B\n\nThe tanker waited.' }),
    ).serialize();
    const now = corpusOf({
      'a.txt': 'A\n\nThe submarine docked.',
      'b.txt': 'B\n\nThe tanker waited.',
      'c.txt': 'C\n\nA new tanker sailed.',
    });
    const loaded = SearchIndex.deserialize(saved, now.sources);
    assert.deepStrictEqual(loaded.search('frigate'), []);
    assert.strictEqual(loaded.search('submarine').length, 1);
    assert.deepStrictEqual(
      loaded
        .search('tanker')
        .map((h) => h.uri)
        .sort(),
      ['b.txt', 'c.txt'],
    );
  });
});

describe('search details', () => {
  it('a number is not taken for a typo of a nearby number', () => {
    const index = indexOf(corpusOf({ 'a.txt': 'A\n\nThe deal was signed in 2024 in Delhi.' }));
    assert.deepStrictEqual(index.search('2025'), []);
    assert.strictEqual(index.search('2024').length, 1);
  });

  it('a source edited hundreds of times still gives the same results', () => {
    const text =
      'Log\n\n' + Array.from({ length: 200 }, (_, i) => `Entry ${i} mentions radar number ${i}.`).join('\n\n');
    const source = corpusOf({ 'log.txt': text }).sources[0];
    const other = corpusOf({ 'other.txt': 'Other\n\nThe radar station closed.' }).sources[0];
    const index = new SearchIndex();
    index.addSource(other);
    for (let i = 0; i < 300; i++) index.addSource(source);
    assert.strictEqual(index.passageCount, 201);
    assert.strictEqual(index.search('radar', { limit: 500 }).length, 201);
    assert.strictEqual(index.search('station')[0].uri, 'other.txt');
    assert.deepStrictEqual(
      index
        .search('entry 17')
        .map((h) => h.paragraph)
        .slice(0, 1),
      [18],
    );
  });
});

describe('highlight', () => {
  it('cuts text into plain and matched segments that join back to the text', () => {
    const text = 'The Barak-8 and <Harop> drones';
    const segments = highlight(text, [
      [17, 22],
      [4, 11],
      [30, 99],
    ]);
    assert.deepStrictEqual(segments, [
      { text: 'The ', match: false },
      { text: 'Barak-8', match: true },
      { text: ' and <', match: false },
      { text: 'Harop', match: true },
      { text: '> drones', match: false },
    ]);
    assert.strictEqual(segments.map((s) => s.text).join(''), text);
  });
});

function parseSourceAsSource(uri: string, text: string) {
  return corpusOf({ [uri]: text }).sources[0];
}

describe('search for what the analyst means', () => {
  const corpus = seedCorpus();
  const index = indexOf(corpus);
  index.setAliases(EntityIndex.build(corpus.sources).entities.map((e) => [e.name, ...e.aliases]));
  const words = (hits: SearchHit[]) => hits.flatMap((h) => highlighted(h).map((w) => w.toLowerCase()));

  it('a question about Hegseth puts a Hegseth passage first and does not highlight its stop words', () => {
    const hits = index.search('what did Hegseth say about Pakistan');
    assert.match(hits[0].text, /Hegseth/);
    const lit = words(hits);
    for (const stop of ['what', 'did', 'say', 'about']) assert.ok(!lit.includes(stop), `"${stop}" highlighted: ${lit}`);
    assert.ok(lit.includes('hegseth'));
  });

  it('"Barak" gives the Barak-8 passage before any passage about Baram, and "Baram" is not a typo of Barak', () => {
    const hits = index.search('Barak');
    assert.match(hits[0].text, /Barak-8/);
    const firstBaram = hits.findIndex((h) => !/Barak/.test(h.text));
    if (firstBaram >= 0)
      assert.ok(
        hits.slice(firstBaram).every((h) => !/Barak/.test(h.text)),
        brief(hits).join(', '),
      );
    const baram = index.search('Baram');
    assert.ok(baram.length >= 5);
    for (const h of baram) assert.match(h.text, /Baram/, h.text);
  });

  it('the last word is a prefix while typed, with a typo in it too ("Rajnath Si", "hegsr")', () => {
    assert.ok(highlighted(index.search('Rajnath Si')[0]).some((w) => /Rajnath Singh/.test(w)));
    const typo = index.search('hegsr');
    assert.ok(typo.length >= 3, brief(typo).join(', '));
    for (const h of typo.slice(0, 3)) assert.match(h.text, /Hegseth/);
    // Finished (a trailing space), the word is no longer a prefix.
    assert.deepStrictEqual(index.search('hegsr '), []);
  });

  it('"Saudi Arabia" finds the agreement signed with Riyadh and says so', () => {
    const [first] = index.search("Pakistan's defence pact with Saudi Arabia");
    assert.strictEqual(`${first.key}#${first.paragraph}`, 'india-israel-advancing#5');
    assert.deepStrictEqual(first.notes, ['matched Riyadh for Saudi Arabia']);
    assert.ok(highlighted(first).includes('Riyadh'));
  });

  it('entity aliases stand in for each other (JWG / Joint Working Group), demonyms for countries', () => {
    const jwg = index.search('JWG');
    const other = jwg.find((h) => h.key === 'israel-calls-india' && h.paragraph === 12);
    assert.ok(other, brief(jwg).join(', '));
    assert.ok(
      other.notes.some((n) => /Joint Working Group for JWG/.test(n)),
      other.notes.join('; '),
    );
    const [palestine] = index.search('Palestine');
    assert.match(palestine.text, /Palestin/);
  });

  it('the form typed comes first: "Türkiye" before the passages saying Turkey, and the other way round', () => {
    const turkiye = index.search('Türkiye');
    assert.match(turkiye[0].text, /Türkiye/, brief(turkiye).join(', '));
    assert.deepStrictEqual(turkiye[0].notes, []);
    const rest = turkiye.slice(1).filter((h) => /Turkey/.test(h.text));
    assert.ok(rest.length >= 2, brief(turkiye).join(', '));
    for (const h of rest) assert.deepStrictEqual(h.notes, ['matched Turkey for Türkiye']);
    const turkey = index.search('Turkey');
    const firstTurkiye = turkey.findIndex((h) => /Türkiye/.test(h.text));
    assert.ok(firstTurkiye >= 2, brief(turkey).join(', '));
    for (const h of turkey.slice(0, firstTurkiye)) assert.match(h.text, /Turkey/);
  });

  it('a quoted phrase is matched word for word, stop words included', () => {
    const hits = index.search('"the Board of Peace"');
    assert.strictEqual(hits.length, 1);
    assert.match(hits[0].text, /the Board of Peace/);
    for (const h of index.search('"defence ministry"')) assert.match(h.text, /defence ministry/i);
    assert.deepStrictEqual(index.search('"Peace of the Board"'), []);
  });

  it("a question's stop words break ties without being highlighted (what we send abroad)", () => {
    const small = indexOf(
      corpusOf({
        'a.txt': 'A\n\nThey send abroad the grain of spring.',
        'b.txt': 'B\n\nIt is what we send abroad that counts.',
      }),
    );
    const hits = small.search('what we send abroad');
    assert.deepStrictEqual(
      hits.map((h) => h.uri),
      ['b.txt', 'a.txt'],
    );
    assert.deepStrictEqual(highlighted(hits[0]), ['send abroad']);
  });

  it('inflections match (strikes / strike), exact forms first', () => {
    const small = indexOf(
      corpusOf({ 'a.txt': 'A\n\nThe strike hit a depot.', 'b.txt': 'B\n\nThree strikes hit the port.' }),
    );
    assert.deepStrictEqual(
      small.search('strikes').map((h) => h.uri),
      ['b.txt', 'a.txt'],
    );
  });

  it("filters by source date and by passages (an entity's mentions)", () => {
    const dated = index.search('defence', { from: '2025-11-02', limit: 50 });
    assert.ok(dated.length > 0);
    for (const h of dated) assert.ok(h.date && h.date >= '2025-11-02', `${h.key} ${h.date}`);
    const within = [
      { key: 'islamabad-views-us-2025', paragraph: 3 },
      { key: 'islamabad-views-us-2025', paragraph: 8 },
    ];
    assert.deepStrictEqual(
      index.search('Rajnath', { passages: within }).map((h) => h.paragraph),
      [3],
    );
    assert.deepStrictEqual(
      index.search('', { passages: within }).map((h) => h.paragraph),
      [3, 8],
    );
  });
});

describe('search: saving an index restored and unchanged', () => {
  const files = {
    'a.txt': 'A\n\nThe frigate docked at Karachi.',
    'b.txt': 'B\n\nThe tanker waited off Gwadar.',
    'c.txt': 'C\n\nA new tanker sailed.',
  };

  it('writes the saved word index again as it was, and encodes afresh once a source is added or removed', () => {
    const corpus = corpusOf(files);
    const saved = indexOf(corpus).serialize({ packed: true });
    const loaded = SearchIndex.deserialize(saved, corpus.sources);
    const again = loaded.serialize({ packed: true });
    assert.strictEqual(again, saved, 'nothing changed: the restored data itself');
    assert.deepStrictEqual(again, indexOf(corpusOf(files)).serialize({ packed: true }), 'as a fresh build writes it');
    // A source removed, then one added: each is encoded afresh, as a fresh build of the same sources would be.
    const fewer = corpusOf({ 'a.txt': files['a.txt'], 'b.txt': files['b.txt'] });
    const restored = SearchIndex.deserialize(saved, corpus.sources);
    restored.removeSource('c.txt');
    const afterRemove = restored.serialize({ packed: true });
    assert.notStrictEqual(afterRemove, saved);
    assert.deepStrictEqual(afterRemove.sources, indexOf(fewer).serialize({ packed: true }).sources);
    assert.deepStrictEqual(
      afterRemove.words.slice().sort(),
      indexOf(fewer).serialize({ packed: true }).words.slice().sort(),
    );
  });

  it('encodes afresh when the saved data no longer describes the sources (one deleted while closed)', () => {
    const corpus = corpusOf(files);
    const saved = indexOf(corpus).serialize({ packed: true });
    const now = corpusOf({ 'a.txt': files['a.txt'], 'b.txt': files['b.txt'] });
    const loaded = SearchIndex.deserialize(saved, now.sources);
    const out = loaded.serialize({ packed: true });
    assert.notStrictEqual(out, saved);
    assert.deepStrictEqual(out.sources.map((s) => s.uri).sort(), ['a.txt', 'b.txt']);
    assert.deepStrictEqual(loaded.search('Gwadar').length, 1);
  });
});
