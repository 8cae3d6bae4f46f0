// Web pages, PDFs and Word files as sources: made from the seeds, they must read as the seeds do.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Corpus, parseSource, readSource, toCsl, type ParsedSource, type SourceProblem } from '../../src/core/corpus';
import { checkBriefing } from '../../src/core/grounding';
import { encryptedPdf, newsPage, reportPdf, scannedPdf, wordDoc } from '../support/sourceFixtures';
import { ROOT } from './helpers/corpus';

const seeds: ParsedSource[] = fs
  .readdirSync(path.join(ROOT, 'seeds'))
  .sort()
  .map((f) => parseSource(`seeds/${f}`, fs.readFileSync(path.join(ROOT, 'seeds', f), 'utf8')));

const utf8 = (s: string) => new TextEncoder().encode(s);

async function read(name: string, bytes: Uint8Array): Promise<ParsedSource> {
  const r = await readSource(name, bytes);
  assert.ok(!('reason' in r), `${name} should be read, but: ${(r as SourceProblem).reason}`);
  return r;
}

async function problem(name: string, bytes: Uint8Array): Promise<string> {
  const r = await readSource(name, bytes);
  assert.ok('reason' in r, `${name} should be skipped`);
  return r.reason;
}

function sameText(got: ParsedSource, seed: ParsedSource): void {
  assert.strictEqual(got.title, seed.title);
  assert.deepStrictEqual(
    got.paragraphs.map((p) => p.text),
    seed.paragraphs.map((p) => p.text),
  );
  assert.deepStrictEqual(
    got.paragraphs.map((p) => p.section),
    seed.paragraphs.map((p) => p.section),
  );
}

/** Offsets of every paragraph point at its words in the text a read-only view shows. */
function offsetsHold(s: ParsedSource): void {
  for (const p of s.paragraphs) assert.strictEqual(s.text.slice(p.start, p.end), p.text);
}

describe('web pages as sources', function () {
  this.timeout(30_000);

  for (const seed of seeds) {
    it(`a news page made from ${path.basename(seed.uri)} gives the seed's title and paragraphs, without the page chrome`, async () => {
      const page = newsPage(seed);
      const s = await read('sources/page.html', utf8(page));
      sameText(s, seed);
      offsetsHold(s);
      const all = s.text;
      for (const chrome of [
        'We use cookies',
        'Related stories',
        'Navy chief visits',
        'Advertisement',
        'Photo: Agency',
        'Get our morning briefing',
        'All rights reserved',
        'Privacy policy',
        'Copy link',
        'WhatsApp',
        'tracking pixel',
      ]) {
        assert.ok(!all.includes(chrome), `"${chrome}" should be dropped`);
      }
    });
  }

  it('takes outlet, author, date, canonical URL and language from the page metadata', async () => {
    const seed = seeds[1];
    const s = await read(
      'a.htm',
      utf8(newsPage(seed, { outlet: 'Daily Example', author: 'Sana Mir', url: 'https://example.org/x' })),
    );
    assert.strictEqual(s.outlet, 'Daily Example');
    assert.deepStrictEqual(s.authors, ['Sana Mir']);
    assert.strictEqual(s.date, seed.date ?? '2025-11-05');
    assert.strictEqual(s.url, 'https://example.org/x');
    assert.strictEqual(s.language, 'en');
    assert.strictEqual(s.format, 'html');
  });

  it('reads the date from JSON-LD or a <time> element when there is no article:published_time', async () => {
    const body =
      '<p>The harbour authority approved the expansion of the container terminal on Monday after a long review.</p>'.repeat(
        3,
      );
    const ld =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour grows","datePublished":"2024-03-02T10:00:00Z"}</script>';
    const a = await read(
      'a.html',
      utf8(`<html><head>${ld}</head><body><article><h1>Harbour grows</h1>${body}</article></body></html>`),
    );
    assert.strictEqual(a.date, '2024-03-02');
    assert.strictEqual(a.title, 'Harbour grows');
    const b = await read(
      'b.html',
      utf8(
        `<html><body><article><h1>Harbour grows</h1><time datetime="2023-07-09">9 July</time>${body}</article></body></html>`,
      ),
    );
    assert.strictEqual(b.date, '2023-07-09');
  });

  it('a page with no article text is skipped with the reason', async () => {
    assert.match(
      await problem('empty.html', utf8('<html><body><nav><a href="/">Home</a></nav></body></html>')),
      /no article text/,
    );
  });
});

describe('PDF reports as sources', function () {
  this.timeout(60_000);

  for (const seed of seeds) {
    it(`a multi-page report made from ${path.basename(seed.uri)} gives the seed's paragraphs, with pages`, async () => {
      const stats = { hyphenated: 0, pages: 0 };
      const s = await read('r.pdf', await reportPdf(seed, { linesPerPage: 18, stats }));
      assert.ok(stats.pages >= 2, 'the fixture should run over several pages');
      sameText(s, seed);
      offsetsHold(s);
      assert.strictEqual(s.pages, stats.pages);
      assert.strictEqual(s.paragraphs[0].page, 1);
      assert.strictEqual(
        s.paragraphs[s.paragraphs.length - 1].pageEnd ?? s.paragraphs[s.paragraphs.length - 1].page,
        stats.pages,
      );
      for (const gone of ['Strategic Studies Brief', 'Page 1 of', `Page ${stats.pages} of`])
        assert.ok(!s.text.includes(gone), gone);
      assert.strictEqual(s.authors[0], 'Institute for Strategic Studies');
    });
  }

  it('joins words hyphenated at line ends and paragraphs that run over a page break', async () => {
    const stats = { hyphenated: 0, pages: 0 };
    const all = seeds.flatMap((seed) => [seed]);
    let spanning = 0;
    for (const seed of all) {
      const s = await read('r.pdf', await reportPdf(seed, { linesPerPage: 18, stats }));
      spanning += s.paragraphs.filter((p) => p.pageEnd).length;
    }
    assert.ok(stats.hyphenated > 0, 'the fixtures should hyphenate some words');
    assert.ok(spanning > 0, 'some paragraphs should run over a page break');
  });

  it('skips a scanned PDF, an encrypted one and a damaged one, each with its reason', async () => {
    assert.strictEqual(await problem('scan.pdf', await scannedPdf()), 'no text layer: scanned PDFs need OCR first');
    assert.match(await problem('locked.pdf', encryptedPdf()), /encrypted/);
    assert.match(await problem('broken.pdf', utf8('%PDF-1.7\nnot really a pdf\n')), /damaged or not a PDF/);
    assert.match(await problem('zero.pdf', new Uint8Array()), /empty/);
  });

  it('fixtures are deterministic: the same seed gives the same bytes', async () => {
    assert.deepStrictEqual(await reportPdf(seeds[0]), await reportPdf(seeds[0]));
    assert.deepStrictEqual(await wordDoc(seeds[3]), await wordDoc(seeds[3]));
  });
});

describe('page locators', function () {
  this.timeout(30_000);
  let corpus: Corpus;
  let key: string;
  let pdf: ParsedSource;

  before(async () => {
    pdf = await read('sources/report.pdf', await reportPdf(seeds[3], { linesPerPage: 18 }));
    corpus = new Corpus();
    corpus.set([pdf, seeds[0]]);
    key = corpus.byUri('sources/report.pdf')!.key;
  });

  const quoteOn = (page: number) => {
    const p = pdf.paragraphs.find((x) => x.page === page && !x.pageEnd)!;
    return p.text.split(/\s+/).slice(2, 9).join(' ');
  };
  const codes = (md: string) => checkBriefing(md, corpus).map((d) => `${d.code}: ${d.message}`);

  it('a quote is checked against the cited page, and an altered one is flagged', () => {
    const q = quoteOn(2);
    assert.deepStrictEqual(codes(`It said “${q}” [@${key}, p. 2].\n`), []);
    const altered = q.replace(/\b(\w+)$/, 'elephants');
    const found = codes(`It said “${altered}” [@${key}, p. 2].\n`);
    assert.strictEqual(found.length, 1);
    assert.match(found[0], new RegExp(`^quote-not-found: Quote not found in ${key} p\\. 2`));
  });

  it('a quote from another page is not on the cited page', () => {
    const found = codes(`It said “${quoteOn(1)}” [@${key}, p. 3].\n`);
    assert.match(found[0] ?? '', /^quote-not-found: Quote not found in .* p\. 3/);
  });

  it('pp. ranges resolve, pages out of range are errors, and no "not supported" warning remains', () => {
    assert.deepStrictEqual(codes(`It said “${quoteOn(2)}” [@${key}, pp. 1-2].\n`), []);
    const out = codes(`See [@${key}, pp. 2-9].\n`);
    assert.deepStrictEqual(out, [`locator-out-of-range: pp. 2-9 is out of range: "${key}" has ${pdf.pages} pages.`]);
    assert.ok(!codes(`See [@${key}, p. 2].\n`).some((c) => c.startsWith('unsupported-locator')));
  });

  it('a page locator on a source without pages still warns', () => {
    const seedKey = corpus.byUri(seeds[0].uri)!.key;
    assert.match(codes(`See [@${seedKey}, p. 2].\n`)[0] ?? '', /^unsupported-locator/);
  });
});

describe('Word files as sources', function () {
  this.timeout(30_000);

  for (const seed of seeds) {
    it(`a Word file made from ${path.basename(seed.uri)} gives the seed's title and paragraphs, headings as subheadings`, async () => {
      const s = await read('w.docx', await wordDoc(seed, { author: 'Ayesha Raza' }));
      sameText(s, seed);
      offsetsHold(s);
      assert.deepStrictEqual(s.authors, ['Ayesha Raza']);
      assert.strictEqual(s.date, seed.date ?? '2025-11-05');
      assert.ok(!s.text.includes('Desk copy'), 'the page header is not body text');
    });
  }

  it('a damaged Word file is skipped with the reason', async () => {
    assert.match(await problem('bad.docx', utf8('PK\u0003\u0004 not a zip')), /damaged or not a \.docx/);
  });
});

describe('bibliography fields from the formats', () => {
  it('CSL-JSON carries URL, outlet, author, date and accessed date', async () => {
    const s = await read(
      'sources/a.md',
      utf8(
        '---\ntitle: Harbour grows\nurl: https://example.org/h\noutlet: Daily Example\nauthors: [Sana Mir]\ndate: 2025-11-05\n' +
          'accessed: 2026-01-02\n---\n\nThe harbour authority approved the expansion of the terminal.\n',
      ),
    );
    const c = new Corpus();
    c.set([s]);
    const item = toCsl(c.sources[0]);
    assert.strictEqual(item.URL, 'https://example.org/h');
    assert.strictEqual(item['container-title'], 'Daily Example');
    assert.deepStrictEqual(item.author, [{ literal: 'Sana Mir' }]);
    assert.deepStrictEqual(item.issued, { 'date-parts': [[2025, 11, 5]] });
    assert.deepStrictEqual(item.accessed, { 'date-parts': [[2026, 1, 2]] });
  });
});
