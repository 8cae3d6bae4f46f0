// Ingestion of real and awkward sources: titles, dates, datelines, paragraphs, keys.
import * as assert from 'assert';
import { Corpus, decodeSource, parseDate, parseSource, type ParsedSource } from '../../src/core/corpus';
import { fixture, seedCorpus } from './helpers/corpus';

describe('corpus: the bundled seeds', () => {
  const corpus = seedCorpus();
  const byTitle = (start: string) => corpus.sources.find((s) => s.title.startsWith(start))!;

  it('reads all five seeds with a title, a key and paragraphs', () => {
    assert.strictEqual(corpus.size, 5);
    for (const s of corpus.sources) {
      assert.ok(s.title.length > 20, s.uri);
      assert.match(s.key, /^[a-z0-9][a-z0-9-]*$/);
      assert.ok(s.paragraphs.length >= 6, `${s.key} has ${s.paragraphs.length} paragraphs`);
    }
  });

  it('finds dates written as "Wed Nov 05 2025" and "Saturday, November 1, 2025", and none where only the body has one', () => {
    assert.strictEqual(byTitle('India, Israel Ink Defence Pact').date, '2025-11-05');
    assert.strictEqual(byTitle('Islamabad views US-India').date, '2025-11-01');
    assert.strictEqual(byTitle('India and Israel Strengthen').date, null);
  });

  it('reads the dateline place', () => {
    assert.strictEqual(byTitle('Islamabad views US-India').place, 'Islamabad');
    assert.strictEqual(byTitle('India, Israel advancing').place, 'Islamabad');
  });

  it('drops share-button lines and date lines from the paragraphs', () => {
    for (const s of corpus.sources) {
      for (const p of s.paragraphs) {
        assert.doesNotMatch(p.text, /icon-facebook/);
        assert.notStrictEqual(p.text, 'Wed Nov 05 2025');
      }
    }
    const ink = byTitle('India, Israel Ink Defence Pact');
    assert.match(ink.paragraphs[1].text, /^ISLAMABAD: India and Israel have signed/);
  });

  it('keeps subheadings out of the numbering but records them as the section', () => {
    const views = byTitle('Islamabad views US-India');
    assert.ok(!views.paragraphs.some((p) => p.text === 'Contradictions in Trump’s Regional Approach'));
    const p = views.paragraphs.find((x) => x.text.startsWith('Political circles in Islamabad'))!;
    assert.strictEqual(p.section, 'Contradictions in Trump’s Regional Approach');
  });

  it('gives paragraph offsets that point at the same text in the file', () => {
    for (const s of corpus.sources) {
      for (const p of s.paragraphs) {
        assert.strictEqual(s.text.slice(p.start, p.end).replace(/\s+/g, ' '), p.text);
        assert.strictEqual(s.text.slice(0, p.start).split('\n').length - 1, p.line);
      }
    }
  });

  it('keeps curly quotes in the text', () => {
    assert.ok(corpus.sources.some((s) => s.paragraphs.some((p) => p.text.includes('“'))));
  });

  it('derives the same keys on every run, whatever order the files come in', () => {
    const again = new Corpus();
    const parsed = corpus.sources.map((s) => parseSource(s.uri, s.text)).reverse();
    again.set(parsed, true);
    assert.deepStrictEqual(
      again.sources.map((s) => [s.uri, s.key]),
      corpus.sources.map((s) => [s.uri, s.key]),
    );
  });
});

describe('corpus: front matter, Markdown and messy text', () => {
  it('takes title, date, key, outlet, authors and URL from front matter', () => {
    const s = parseSource('sources/budget.md', fixture('corpus', 'front-matter.md'));
    assert.strictEqual(s.title, 'Budget talks stall in Brussels');
    assert.strictEqual(s.date, '2024-03-07');
    assert.strictEqual(s.requestedKey, 'eu-budget');
    assert.strictEqual(s.outlet, 'Example Wire');
    assert.deepStrictEqual(s.authors, ['A. Writer', 'B. Editor']);
    assert.strictEqual(s.url, 'https://newsroom.invalid/budget');
  });

  it('joins hard-wrapped Markdown lines into one paragraph and skips the repeated title heading', () => {
    const s = parseSource('sources/budget.md', fixture('corpus', 'front-matter.md'));
    assert.deepStrictEqual(
      s.paragraphs.map((p) => p.text),
      [
        'BRUSSELS: Finance ministers failed to agree on the budget on Thursday, officials said.',
        'Talks resume next week, a spokesperson said.',
      ],
    );
    assert.strictEqual(s.place, 'Brussels');
    assert.strictEqual(s.paragraphs[1].section, 'Next steps');
  });

  it('handles CRLF, share lines and a date line in a text file', () => {
    const s = parseSource('harbour.txt', fixture('corpus', 'crlf-share.txt'));
    assert.strictEqual(s.title, 'Harbour reopens after storm');
    assert.strictEqual(s.date, '2024-06-03');
    assert.strictEqual(s.paragraphs.length, 2);
    assert.match(s.paragraphs[0].text, /^PORTVILLE \(Reuters-style\): The harbour reopened/);
    assert.ok(!s.paragraphs[0].text.includes('\r'));
  });

  it('uses the front-matter key and disambiguates derived keys that collide', () => {
    const c = new Corpus();
    const a = parseSource(
      'b/one.txt',
      'Storm hits coast\n\nA long first paragraph about the storm that hit the coast on Monday.\n',
    );
    const b = parseSource(
      'a/two.txt',
      'Storm hits coast\n\nAnother paragraph about a different storm on another coast.\n',
    );
    const fm = parseSource('c.md', '---\nkey: my-key\n---\nTitle here\n\nBody text of the third source.\n');
    c.set([a, b, fm]);
    assert.deepStrictEqual(
      c.sources.map((s) => [s.uri, s.key]),
      [
        ['c.md', 'my-key'],
        ['a/two.txt', 'storm-hits-coast'],
        ['b/one.txt', 'storm-hits-coastb'],
      ],
    );
  });

  it('reports what changed when a source is edited or removed', () => {
    const c = new Corpus();
    c.set([parseSource('x.txt', 'Alpha title\n\nFirst body.\n'), parseSource('y.txt', 'Beta title\n\nSecond body.\n')]);
    const change = c.set([parseSource('x.txt', 'Alpha title\n\nFirst body, edited.\n')]);
    assert.deepStrictEqual(
      change.updated.map((s) => s.uri),
      ['x.txt'],
    );
    assert.deepStrictEqual(change.removed, []);
    assert.deepStrictEqual(c.remove(['y.txt']).removed, ['y.txt']);
    assert.strictEqual(c.size, 1);
  });
});

describe('corpus: one changed source among many', () => {
  const article = (i: number, extra = '') =>
    parseSource(
      `d/${String(i).padStart(3, '0')}.txt`,
      `Harbour report ${i % 7}\n\n2024-03-0${(i % 9) + 1}\n\nBerth ${i} reopened after the storm.${extra}\n`,
    );

  it('replaces only that source: the others stay the same objects, every key stays', () => {
    const c = new Corpus();
    c.set(Array.from({ length: 40 }, (_, i) => article(i)));
    const before = new Map(c.sources.map((s) => [s.uri, s]));
    const change = c.set([article(17, ' Cranes were moved.')]);
    assert.deepStrictEqual(
      change.updated.map((s) => s.uri),
      ['d/017.txt'],
    );
    assert.deepStrictEqual(change.removed, []);
    for (const s of c.sources) {
      assert.strictEqual(s.key, before.get(s.uri)!.key, s.uri);
      if (s.uri !== 'd/017.txt') assert.strictEqual(s, before.get(s.uri), `${s.uri} untouched`);
    }
    assert.match(c.byUri('d/017.txt')!.text, /Cranes were moved/);
    assert.strictEqual(c.get(before.get('d/017.txt')!.key), c.byUri('d/017.txt'));
  });

  it('a change of title re-keys its group exactly as a corpus built afresh would', () => {
    const c = new Corpus();
    c.set(Array.from({ length: 30 }, (_, i) => article(i)));
    const renamed = parseSource('d/003.txt', 'Harbour report 5\n\n2024-03-04\n\nBerth 3 reopened after the storm.\n');
    c.set([renamed]);
    const fresh = new Corpus();
    fresh.set([...Array.from({ length: 30 }, (_, i) => article(i)).filter((p) => p.uri !== 'd/003.txt'), renamed]);
    assert.deepStrictEqual(
      c.sources.map((s) => `${s.uri} ${s.key}`),
      fresh.sources.map((s) => `${s.uri} ${s.key}`),
    );
  });

  it('keeps the warning about a front-matter key another file has, with the line of the current version', () => {
    const c = new Corpus();
    const one = parseSource('a.md', '---\nkey: same\n---\nOne\n\nFirst body.\n');
    c.set([one, parseSource('b.md', '---\nkey: same\n---\nTwo\n\nSecond body.\n')]);
    c.set([parseSource('b.md', '---\ntitle: x\nkey: same\n---\nTwo\n\nSecond body, edited.\n')]);
    const w = c.warnings.find((x) => x.uri === 'b.md' && /already used by a\.md/.test(x.message));
    assert.ok(w, JSON.stringify(c.warnings));
    assert.strictEqual(w.line, 2);
  });
});

describe('corpus: files that are not usable sources', () => {
  const reason = (bytes: Uint8Array) => {
    const r = decodeSource('f.txt', bytes);
    return 'reason' in r ? r.reason : (r as ParsedSource).title;
  };
  it('explains empty, binary, non-UTF-8 and title-only files in one line', () => {
    assert.strictEqual(reason(new Uint8Array()), 'the file is empty');
    assert.strictEqual(reason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])), 'the file is binary, not text');
    assert.strictEqual(reason(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])), 'the file is not valid UTF-8 text');
    assert.strictEqual(reason(new TextEncoder().encode('Just a title\n')), 'no paragraphs found after the title');
  });
});

describe('dates', () => {
  it('understands the formats news sites print', () => {
    assert.strictEqual(parseDate('Wed Nov 05 2025'), '2025-11-05');
    assert.strictEqual(parseDate('Saturday, November 1, 2025'), '2025-11-01');
    assert.strictEqual(parseDate('Updated: 5 March 2024 10:30'), '2024-03-05');
    assert.strictEqual(parseDate('2023-12-31'), '2023-12-31');
    assert.strictEqual(parseDate('Sept. 9th, 2021'), '2021-09-09');
  });
  it('rejects impossible dates and dates without a year', () => {
    assert.strictEqual(parseDate('February 30, 2024'), null);
    assert.strictEqual(parseDate('on July 22-23'), null);
  });
});
