// Entity extraction's fast paths give what the plain ones give: the tokenizer's ASCII reading equals the regular
// expression's, a scan with reused tokens and words folded once equals one with the reference tokenizer, and each
// entity's mentions are those of its cluster, one per place, in key then offset order; a long JSON list is printed
// piece by piece exactly as in one string.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCorpus } from '../../bench/corpus';
import { printJson, printJsonList, terminalOutput, type Output } from '../../src/cli/output';
import { Corpus, parseSource, type Source } from '../../src/core/corpus';
import { EntityIndex } from '../../src/core/entities';
import { keyOf } from '../../src/core/entities/lexicon';
import { resolve, toMention } from '../../src/core/entities/resolve';
import { findRuns } from '../../src/core/entities/runs';
import { scan } from '../../src/core/entities/scan';
import { referenceTokenize, tokenize, TokenPool } from '../../src/core/entities/tokens';
import type { Mention } from '../../src/core/entities/types';
import { ROOT, seedCorpus } from './helpers/corpus';

function corpusOfFiles(files: string[]): Source[] {
  const corpus = new Corpus();
  corpus.set(files.map((f) => parseSource(f, fs.readFileSync(f, 'utf8'))));
  return corpus.sources;
}

/** The entity fixtures (annotated news texts) as one corpus. */
function fixtureSources(): Source[] {
  const dirs = ['entities', 'entities/heldout'].map((d) => path.join(ROOT, 'test', 'fixtures', d));
  return corpusOfFiles(
    dirs.flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => path.join(d, f)),
    ),
  );
}

/** 150 generated articles, as the corpus bench writes them (State of the Union text, titles, dates). */
let generated: Source[] | undefined;
function generatedSources(): Source[] {
  if (generated) return generated;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entities-scale-'));
  try {
    writeCorpus(dir, 150);
    generated = corpusOfFiles(
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => path.join(dir, f)),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return generated;
}

const corpora: Array<[string, () => Source[]]> = [
  ['the seeds', () => seedCorpus().sources],
  ['the entity fixtures', fixtureSources],
  ['a generated corpus', generatedSources],
];

const TRICKY = [
  'U.S. and U.K. officials met the U.S.A. team; A.B and Z.Z.z stay apart.',
  'Ü.S. or U.É. or É.U. — naïve café, São Paulo, Łódź and Zürich.',
  "Barak-8's radar, F-35A. jets, PAC-3 batteries, I2U2 and AT&T's Rock&Roll; it's Jones' and Jones's.",
  'Maj Gen (Res) Amir Baram said (retd.) nothing (Hon) more (R) here.',
  'x--y a-é a-\u2019 one\u2019s dogs\u2019 \u201cQuote\u201d \u2018single\u2019 end. Mr. 3.5 km dots... more',
  'tab\tnew\nline\u2028sep\u00a0nbsp\u2003em 𝐀𝐁 math 😀 emoji e\u0301t\u00e9 \u0300start',
  'Cox\u2019s Bazar; the U.S.\u2019 role; rock\u2013paper; UK\u2010based; x\u2011y.',
  '',
  '   ',
  "'",
  's\u2019',
];

describe('entities at scale: fast paths equal the plain ones', () => {
  it('tokenises every paragraph as the regular expression alone does, with and without reused tokens', () => {
    const pool = new TokenPool();
    const check = (text: string, base: number) => {
      const expected = referenceTokenize(text, base);
      assert.deepStrictEqual(tokenize(text, base), expected, text.slice(0, 80));
      assert.deepStrictEqual(
        tokenize(text, base, pool).map((t) => ({ ...t })),
        expected,
        text.slice(0, 80),
      );
    };
    for (const t of TRICKY) check(t, 7);
    let paragraphs = 0;
    for (const [, sources] of corpora)
      for (const s of sources())
        for (const p of s.paragraphs) {
          check(s.text.slice(p.start, p.end), p.start);
          paragraphs++;
        }
    assert.ok(paragraphs > 1000, `only ${paragraphs} paragraphs`);
  });

  for (const [name, sources] of corpora) {
    it(`finds the same candidates and word statistics as the reference tokenizer in ${name}`, () => {
      const src = sources();
      const fast = scan(src);
      const reference = scan(src, referenceTokenize);
      assert.deepStrictEqual(fast.found, reference.found);
      assert.deepStrictEqual(fast.stats, reference.stats);
      assert.ok(fast.found.length > 50, `only ${fast.found.length} candidates`);
      // The statistics are, word by word, what they say: folded lower-case words, capitals inside sentences, and the
      // last words of runs of capitals.
      const lower = new Set<string>();
      const midCaps = new Set<string>();
      const standalone = new Set<string>();
      for (const s of src)
        for (const p of s.paragraphs) {
          const tokens = referenceTokenize(s.text.slice(p.start, p.end), p.start);
          for (const t of tokens) {
            if (!t.word) continue;
            if (/^\p{Ll}/u.test(t.text)) lower.add(keyOf(t.text));
            else if (t.cap && !t.sentenceStart) midCaps.add(keyOf(t.text));
          }
          for (const run of findRuns(tokens))
            if (!run[run.length - 1].possessive || run.length > 1) standalone.add(keyOf(run[run.length - 1].text));
        }
      assert.deepStrictEqual(fast.stats, { lower, midCaps, standalone });
    });

    it(`gives each entity its cluster's mentions once per place, by key (localeCompare) then offset, in ${name}`, () => {
      const src = sources();
      const { found, stats } = scan(src, referenceTokenize);
      const byPlace = (a: Mention, b: Mention) => a.key.localeCompare(b.key) || a.start - b.start;
      const expected = resolve(found, stats).map((c) => {
        const seen = new Set<string>();
        const once = c.found
          .map(toMention)
          .filter((m) => !seen.has(`${m.key}|${m.start}`) && !!seen.add(`${m.key}|${m.start}`));
        return JSON.stringify({
          mentions: once.sort(byPlace),
          demonyms: c.demonyms.length ? c.demonyms.map(toMention).sort(byPlace) : undefined,
        });
      });
      const entities = EntityIndex.build(src).entities.map((e) =>
        JSON.stringify({ mentions: e.mentions, demonyms: e.demonymMentions }),
      );
      assert.deepStrictEqual(entities.sort(), expected.sort());
      assert.ok(entities.length > 20, `only ${entities.length} entities`);
    });
  }

  it('prints a list of entities piece by piece exactly as one JSON value, through the terminal sanitiser too', () => {
    const capture = () => {
      const parts: string[] = [];
      const o: Output = { out: (t) => parts.push(t), err: () => {}, color: false };
      return { o: terminalOutput(o), text: () => parts.join(''), parts };
    };
    const odd = {
      name: 'Line\nbreak \u0085 \u007f \u001b[31m "quoted" \\ “curly” 𝐀',
      list: [1, [], {}],
      nested: { a: [{}] },
    };
    const big = Array.from({ length: 6000 }, (_, i) => ({ id: `e${i}`, ...odd, n: i }));
    for (const items of [[], [odd], [odd, { x: null }], big]) {
      const one = capture();
      printJson(one.o, { entities: items.map((x) => ({ ...x, copy: true })) });
      const pieces = capture();
      printJsonList(pieces.o, 'entities', items, (x) => ({ ...x, copy: true }));
      assert.strictEqual(pieces.text(), one.text());
      assert.deepStrictEqual(JSON.parse(pieces.text()), { entities: items.map((x) => ({ ...x, copy: true })) });
      if (items === big) assert.ok(pieces.parts.length > 1, 'a long list is written in more than one piece');
    }
  });
});
