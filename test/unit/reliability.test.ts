// Issue 8, core: hostile text never hangs (the reported inputs), keys do not depend on the locale, malformed
// locators are errors, and every kind of quotation mark opens a quotation.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { parseSource } from '../../src/core/corpus';
import { checkBriefing, type GroundingDiagnostic } from '../../src/core/grounding';
import { byCodePoint, foldWithMap } from '../../src/core/text/normalize';
import { withinBudget } from './helpers/budget';
import { ROOT, seedCorpus } from './helpers/corpus';
import { MB } from './helpers/hostile';

const BUDGET_MS = 10_000;
const BIG_BUDGET_MS = 40_000;
const corpus = seedCorpus();
const check = (md: string) => checkBriefing(md, corpus);
const show = (ds: GroundingDiagnostic[]) => ds.map((d) => `${d.code} ${d.message}`).join('\n') || '(none)';

describe('reliability: the reported hangs', function () {
  this.timeout(BIG_BUDGET_MS * 2);

  it('a 69-character "x x … x !" line and "icon-" × 42 then "!" are read at once, as prose', async () => {
    assert.strictEqual(await withinBudget(BUDGET_MS, 'ingest', 'x x x … !', 68), 3);
    assert.strictEqual(await withinBudget(BUDGET_MS, 'ingest', 'icon-icon-… !', 42 * 5), 3);
  });

  it('page chrome is still dropped and prose kept', () => {
    const text =
      'Title\n\nFacebook | Twitter | WhatsApp\n\nicon-share icon-print\n\nShare this article\n\nx x\n\nThe body.\n';
    assert.deepStrictEqual(
      parseSource('a.txt', text).paragraphs.map((p) => p.text),
      ['The body.'],
    );
    assert.deepStrictEqual(
      parseSource('a.txt', 'T\n\nFacebook said so.\n').paragraphs.map((p) => p.text),
      ['Facebook said so.'],
    );
  });

  // Reading 5 MB and its seeds in a worker takes a few seconds on a busy machine; before the fix this took minutes.
  it('a quote at the end of a 5 MB paragraph is found', async () => {
    assert.strictEqual(
      await withinBudget(BIG_BUDGET_MS, 'a quote at the end of the line', 'one megabyte line of prose', 5 * MB),
      0,
    );
  });

  it('a misquote against 5 MB of paragraphs names its closest passage', async () => {
    assert.strictEqual(
      await withinBudget(BIG_BUDGET_MS, 'a misquote in a corpus of paragraphs', 'a line of unique sentences', 5 * MB),
      778,
    );
  });
});

describe('reliability: keys do not depend on the locale', function () {
  this.timeout(30_000);
  const script = `
    const { Corpus, parseSource } = require(${JSON.stringify(path.join(ROOT, 'out/src/core/corpus'))});
    const c = new Corpus();
    c.set(['sources/z.md', 'sources/ä.md', 'sources/Z.md'].map((u) => parseSource(u, '# Same Title\\n\\nBody.\\n')));
    console.log(JSON.stringify(c.sources.map((s) => [s.uri, s.key])));`;
  const keysUnder = (locale: string) => {
    const r = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, LC_ALL: locale, LANG: locale },
      encoding: 'utf8',
    });
    assert.strictEqual(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Array<[string, string]>;
  };

  it('gives two same-titled files the same keys under sv_SE and C, in code-point order of their paths', () => {
    const sv = keysUnder('sv_SE.UTF-8');
    assert.deepStrictEqual(sv, keysUnder('C'));
    assert.deepStrictEqual(Object.fromEntries(sv), {
      'sources/Z.md': 'same-title',
      'sources/z.md': 'same-titleb',
      'sources/ä.md': 'same-titlec',
    });
  });

  it('orders by code point, astral characters after the rest of the BMP', () => {
    assert.deepStrictEqual(['ä', 'z', '\u{1F600}', '\uFFFD', 'Z'].sort(byCodePoint), [
      'Z',
      'z',
      'ä',
      '\uFFFD',
      '\u{1F600}',
    ]);
  });

  it('orders as comparing code point by code point would, for strings with shared prefixes and surrogates', () => {
    const byPoints = (a: string, b: string) => {
      const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return Math.sign(x[i] - y[i]);
      return Math.sign(x.length - y.length);
    };
    // Paths with a common folder, BMP letters, astral characters, lone surrogates and characters above them.
    const pieces = ['/docs/', 'a', 'Z', 'ä', '\uFFFD', '\uE000', '\u{1F600}', '\u{1F601}', '\uD83D', '\uDE00', '0'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    const words = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + (next() % 5) }, () => pieces[next()]).join(''),
    );
    for (const a of words)
      for (const b of words) assert.strictEqual(Math.sign(byCodePoint(a, b)), byPoints(a, b), `${a} ${b}`);
  });
});

describe('reliability: malformed locators', () => {
  const key = 'india-israel-ink-2025';
  for (const loc of ['¶', '¶x', '¶-1', '¶1e5', 'para -3', '¶1.5']) {
    it(`[@k, ${loc}] is an invalid-locator error saying what a valid one looks like, and its quote is not checked`, () => {
      const md = `It was “words that are nowhere in the source” [@${key}, ${loc}].`;
      const ds = check(md);
      assert.deepStrictEqual(
        ds.map((d) => d.code),
        ['invalid-locator'],
        show(ds),
      );
      const [d] = ds;
      assert.strictEqual(d.severity, 'error');
      assert.strictEqual(md.slice(d.start, d.end), loc);
      assert.match(
        d.message,
        new RegExp(
          `^"${loc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not a valid paragraph locator: .*¶3, ¶¶3-4 or ¶3, 5`,
        ),
      );
    });
  }

  it('offers the obvious fix as plain data: drop the minus sign', () => {
    const md = `See [@${key}, ¶-1] and [@${key}, para -3].`;
    const fixes = check(md).map((d) => d.data?.fixes);
    assert.deepStrictEqual(fixes, [
      [{ title: 'Change to ¶1', start: md.indexOf('¶-1'), end: md.indexOf('¶-1') + 3, newText: '¶1', preferred: true }],
      [
        {
          title: 'Change to para 3',
          start: md.indexOf('para -3'),
          end: md.indexOf('para -3') + 7,
          newText: 'para 3',
          preferred: true,
        },
      ],
    ]);
    assert.strictEqual(check(`See [@${key}, ¶x].`)[0].data?.fixes, undefined);
  });

  it('an in-text citation with a malformed locator is reported too', () => {
    assert.deepStrictEqual(
      check(`@${key} [¶x] said so.`).map((d) => d.code),
      ['invalid-locator'],
    );
  });
});

describe('reliability: quotation marks of other languages', () => {
  const real = 'unified vision and policy direction';
  const forms: Array<[string, string]> = [
    ['＂', '＂'],
    ['«', '»'],
    ['« ', ' »'],
    ['»', '«'],
    ['„', '“'],
    ['„', '”'],
    ['‚', '‘'],
  ];
  for (const [open, close] of forms) {
    it(`${open}…${close} is checked like “…”`, () => {
      assert.deepStrictEqual(
        check(`It sets a ${open}${real}${close} [@india-israel-ink-2025, ¶4].`).map((d) => d.code),
        [],
      );
      const ds = check(`It sets a ${open}unified vision and strategic direction${close} [@india-israel-ink-2025, ¶4].`);
      assert.deepStrictEqual(
        ds.map((d) => d.code),
        ['quote-not-found'],
        show(ds),
      );
      assert.match(ds[0].data!.closest!.text, /unified vision and policy direction/);
    });
  }
});

describe('reliability: folding keeps its offsets', () => {
  it('maps every folded character back (a byte-order mark is white space, expansions keep their origin)', () => {
    const s = '\ufeffThe “Quote” — said…  Ünder';
    const f = foldWithMap(s);
    assert.strictEqual(f.text, 'the "quote" - said... ünder');
    assert.strictEqual(f.map.length, f.text.length + 1);
    const at = (c: string) => f.map[f.text.indexOf(c)];
    assert.deepStrictEqual([f.map[0], at('"'), at('.'), at('ü'), f.map[f.text.length]], [1, 5, 19, 22, s.length]);
  });
});
