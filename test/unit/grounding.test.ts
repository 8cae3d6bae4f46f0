// Checking briefings against the seeds: real quotations pass, altered ones are named with the closest passage.
import * as assert from 'assert';
import { checkBriefing, closestPassage, findQuote, type GroundingDiagnostic } from '../../src/core/grounding';
import { LineIndex } from '../../src/core/text/positions';
import { corpusOf, fixture, seedCorpus } from './helpers/corpus';

const corpus = seedCorpus();

function check(md: string): GroundingDiagnostic[] {
  return checkBriefing(md, corpus);
}

function show(ds: GroundingDiagnostic[]): string {
  return ds.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n') || '(none)';
}

function codes(md: string): string[] {
  return check(md).map((d) => d.code);
}

describe('grounding: the acceptance briefing', () => {
  it('reports exactly the altered quotation in a briefing with a real and an altered one', () => {
    const md = fixture('grounding', 'one-real-one-altered.md');
    const ds = check(md);
    assert.strictEqual(ds.length, 1, show(ds));
    const [d] = ds;
    assert.strictEqual(d.code, 'quote-not-found');
    assert.strictEqual(d.severity, 'error');
    assert.strictEqual(d.start, md.indexOf('“unified'));
    assert.strictEqual(d.end, md.indexOf('direction”') + 'direction”'.length);
    assert.deepStrictEqual([d.line, d.column, d.endLine], [5, md.split('\n')[5].indexOf('“'), 6]);
    assert.match(d.message, /^Quote not found in india-israel-ink-2025 ¶4\. Closest passage: ¶4 “/);
    assert.match(d.data!.closest!.text, /unified vision and policy direction/);
  });

  it('passes every real quotation in a briefing full of them', () => {
    const ds = check(fixture('grounding', 'real-quotes.md'));
    assert.deepStrictEqual(ds, [], show(ds));
  });
});

describe('grounding: quotations that match loosely', () => {
  it('ignores curly versus straight quotes and apostrophes', () => {
    assert.deepStrictEqual(codes('Baram lauded India as a "key strategic ally" [@india-israel-strengthen, ¶5].'), []);
    assert.deepStrictEqual(codes('He “affirmed Israel’s full support” [@india-israel-strengthen, ¶2].'), []);
  });

  it('ignores case', () => {
    assert.deepStrictEqual(
      codes('Hegseth: “OUR DEFENCE TIES HAVE NEVER BEEN STRONGER” [@islamabad-views-us-2025, ¶3].'),
      [],
    );
  });

  it('reads a quotation wrapped across two lines', () => {
    assert.deepStrictEqual(
      codes('Khan said “Pakistan has built several perimeters\nof firewalls” [@india-israel-advancing, ¶3].'),
      [],
    );
  });

  it('lets an ellipsis stand for omitted words, as … or ...', () => {
    assert.deepStrictEqual(
      codes('“Recent operational achievements … create an important window” [@israel-calls-india, ¶6].'),
      [],
    );
    assert.deepStrictEqual(
      codes('“Recent operational achievements ... create an important window” [@israel-calls-india, ¶6].'),
      [],
    );
  });

  it('still checks the words around an ellipsis', () => {
    assert.deepStrictEqual(
      codes('“Recent operational failures … create an important window” [@israel-calls-india, ¶6].'),
      ['quote-not-found'],
    );
  });

  it('checks a very short quoted term like “radical axes,”', () => {
    assert.deepStrictEqual(codes('Israel speaks of “radical axes,” Khan noted [@india-israel-advancing, ¶4].'), []);
    assert.deepStrictEqual(codes('Israel speaks of “radical allies,” Khan noted [@india-israel-advancing, ¶4].'), [
      'quote-not-found',
    ]);
  });

  it('does not match a quotation against part of a longer word', () => {
    assert.deepStrictEqual(codes('The pact is “bitious” [@islamabad-views-us-2025, ¶8].'), ['quote-not-found']);
  });
});

describe('grounding: altered quotations', () => {
  it('names the closest passage of the cited paragraph', () => {
    const md =
      'Baram said “India is a key strategic partner of Israel, and our partnership has proven strong through difficult times” [@israel-calls-india, ¶6].';
    const ds = check(md);
    assert.strictEqual(ds.length, 1, show(ds));
    assert.strictEqual(
      ds[0].message,
      'Quote not found in israel-calls-india ¶6. Closest passage: ¶6 “India is a key strategic ally of Israel, and our partnership has proven…”',
    );
    assert.strictEqual(ds[0].data?.closest?.paragraph, 6);
    assert.strictEqual(ds[0].data?.quoteStart, md.indexOf('“') + 1);
    assert.strictEqual(ds[0].data?.quoteEnd, md.indexOf('”'));
    assert.deepStrictEqual([ds[0].data?.itemStart, ds[0].data?.itemEnd], [md.indexOf('@israel'), md.indexOf(']')]);
  });

  it('says where else a quotation appears when the paragraph number is wrong', () => {
    const ds = check(
      'Baram “shared insights on the strategic landscape in the Gulf region” [@israel-calls-india, ¶6].',
    );
    assert.strictEqual(ds.length, 1, show(ds));
    assert.strictEqual(ds[0].message, 'Quote not found in israel-calls-india ¶6; it appears in israel-calls-india ¶7.');
    assert.deepStrictEqual(ds[0].data?.foundIn, [{ key: 'israel-calls-india', paragraph: 7 }]);
  });

  it('searches the whole source when the citation has no paragraph', () => {
    assert.deepStrictEqual(
      codes(
        'Observers “believe the US cannot afford to ignore Pakistan’s geostrategic importance” [@islamabad-views-us-2025].',
      ),
      [],
    );
    const ds = check('Observers “believe the US can afford to ignore Pakistan” [@islamabad-views-us-2025].');
    assert.strictEqual(ds.length, 1, show(ds));
    assert.match(ds[0].message, /^Quote not found anywhere in islamabad-views-us-2025\. Closest passage: ¶13 “/);
  });

  it('accepts a quotation found in any item of a citation with several sources', () => {
    assert.deepStrictEqual(
      codes('Both cite “shared security challenges” [@israel-calls-india, ¶6; @india-israel-ink-2025, ¶11].'),
      [],
    );
    const ds = check('Both cite “shared security threats” [@israel-calls-india, ¶6; @india-israel-ink-2025, ¶11].');
    assert.match(
      ds[0].message,
      /^Quote not found in israel-calls-india ¶6 or india-israel-ink-2025 ¶11\. Closest passage: india-israel-ink-2025 ¶11 “/,
    );
  });
});

describe('grounding: which citation a quotation is checked against', () => {
  it('uses the next citation in the paragraph when the quotation’s own sentence has none', () => {
    const md =
      'Hegseth wrote “our defence ties have never been stronger”. He posted it on X [@islamabad-views-us-2025, ¶3].';
    assert.deepStrictEqual(codes(md), []);
    assert.deepStrictEqual(codes(md.replace('¶3', '¶4')), ['quote-not-found']);
  });

  it('checks two quotations in one sentence against their own citations', () => {
    const md =
      'Khan said “we are not anxious” [@india-israel-advancing, ¶3], while Delhi spoke of a “unified vision” [@india-israel-ink-2025, ¶4].';
    assert.deepStrictEqual(codes(md), []);
  });

  it('uses an in-text citation earlier in the same sentence', () => {
    assert.deepStrictEqual(
      codes('@india-israel-ink-2025 [¶4] says the MoU gives a “unified vision and policy direction”.'),
      [],
    );
    assert.deepStrictEqual(
      codes('@india-israel-ink-2025 [¶5] says the MoU gives a “unified vision and policy direction”.'),
      ['quote-not-found'],
    );
  });

  it('notes, without failing, a quotation with no citation in its paragraph', () => {
    const md = 'Officials spoke of “an entirely invented phrase”.\n\nLater [@israel-calls-india, ¶6].';
    const ds = check(md);
    assert.deepStrictEqual(
      ds.map((d) => [d.code, d.severity]),
      [['uncited-quote', 'information']],
      show(ds),
    );
  });

  it('does not check quotations in headings, code or citations', () => {
    const md =
      '# The “invented headline”\n\nText `“invented code”` [@israel-calls-india, ¶6, "emphasis added"].\n\n```\n“invented fence” [@israel-calls-india, ¶1]\n```';
    assert.deepStrictEqual(codes(md), []);
  });

  it('does not take apostrophes for quotation marks', () => {
    assert.deepStrictEqual(
      codes('Modi’s visit and Pakistan’s stance, the Khans’ view [@india-israel-advancing, ¶4].'),
      [],
    );
  });

  it('checks words in single quotes when they quote several words', () => {
    assert.deepStrictEqual(codes("Israel termed India a 'key strategic ally' [@israel-calls-india, ¶2]."), []);
    assert.deepStrictEqual(codes("Israel termed India a 'key strategic partner' [@israel-calls-india, ¶2]."), [
      'quote-not-found',
    ]);
  });
});

describe('grounding: citation problems', () => {
  it('flags an unknown key and suggests the key the analyst meant', () => {
    const md = 'The pact [@indai-israel-ink-2025, ¶3].';
    const ds = check(md);
    assert.strictEqual(ds.length, 1, show(ds));
    assert.strictEqual(ds[0].code, 'unknown-key');
    assert.strictEqual(ds[0].severity, 'error');
    assert.strictEqual(
      ds[0].message,
      'Unknown source key "indai-israel-ink-2025". Did you mean "india-israel-ink-2025"?',
    );
    assert.strictEqual(ds[0].data?.suggestedKey, 'india-israel-ink-2025');
    assert.deepStrictEqual([ds[0].start, ds[0].end], [md.indexOf('indai'), md.indexOf(',')]);
  });

  it('suggests nothing for a key unlike any source', () => {
    const ds = check('Posted as @SecWar on X.');
    assert.strictEqual(ds[0].message, 'Unknown source key "SecWar". If this is not a citation, write \\@SecWar.');
    assert.strictEqual(ds[0].data?.suggestedKey, undefined);
  });

  it('flags a paragraph the source does not have', () => {
    const md = 'Baram returned [@israel-calls-india, ¶14].';
    const ds = check(md);
    assert.strictEqual(ds.length, 1, show(ds));
    assert.strictEqual(ds[0].code, 'locator-out-of-range');
    assert.strictEqual(ds[0].message, '¶14 is out of range: "israel-calls-india" has 13 paragraphs.');
    assert.deepStrictEqual([ds[0].start, ds[0].end], [md.indexOf('¶'), md.indexOf(']')]);
  });

  it('flags a range that runs backwards', () => {
    assert.deepStrictEqual(codes('Text [@israel-calls-india, ¶¶6-5].'), ['invalid-locator']);
  });

  it('warns about page locators and checks the quotation against the whole source', () => {
    const ds = check('Baram “returned to Israel on Thursday” [@israel-calls-india, p. 2].');
    assert.deepStrictEqual(
      ds.map((d) => [d.code, d.severity]),
      [['unsupported-locator', 'warning']],
      show(ds),
    );
  });

  it('gives 0-based lines and columns', () => {
    const ds = check('First line.\n\nSecond [@nope].');
    assert.deepStrictEqual([ds[0].line, ds[0].column, ds[0].endLine, ds[0].endColumn], [2, 9, 2, 13]);
  });

  it('counts lines the same in a briefing saved with Windows line endings', () => {
    const ds = check('First line.\r\n\r\nSecond [@nope].\r\n');
    assert.deepStrictEqual([ds[0].line, ds[0].column], [2, 9]);
    assert.deepStrictEqual(check(fixture('grounding', 'real-quotes.md').replace(/\n/g, '\r\n')), []);
  });

  it('checks citations and quotations inside footnotes', () => {
    const md = 'Khan was calm.[^1]\n\n[^1]: He said “we are very anxious” [@india-israel-advancing, ¶3].';
    assert.deepStrictEqual(codes(md), ['quote-not-found']);
  });
});

describe('grounding: finding quotations and close passages', () => {
  it('finds a quotation with its offsets in the paragraph text', () => {
    const text = findQuote('“radical axes”', corpus, { key: 'india-israel-advancing' });
    const p4 = corpus.get('india-israel-advancing')!.paragraphs[3].text;
    assert.deepStrictEqual(text, [
      { key: 'india-israel-advancing', paragraph: 4, start: p4.indexOf('radical'), end: p4.indexOf('axes') + 4 },
    ]);
  });

  it('finds a quotation anywhere in the corpus, or only in the paragraphs asked for', () => {
    assert.deepStrictEqual(
      findQuote('key strategic ally', corpus).map((f) => `${f.key} ¶${f.paragraph}`),
      ['india-israel-strengthen ¶5', 'israel-calls-india ¶2', 'israel-calls-india ¶6'],
    );
    assert.deepStrictEqual(
      findQuote('key strategic ally', corpus, { key: 'israel-calls-india', from: 3, to: 13 }).map((f) => f.paragraph),
      [6],
    );
    assert.deepStrictEqual(findQuote('key strategic ally', corpus, { key: 'israel-calls-india', from: 3 }), []);
  });

  it('names the closest passage, and none when nothing is alike', () => {
    const c = closestPassage('the MoU seeks to provide a unified vision and strategic direction', corpus)!;
    assert.deepStrictEqual([c.key, c.paragraph], ['india-israel-ink-2025', 4]);
    assert.ok(c.score > 0.5 && c.score < 1, String(c.score));
    assert.strictEqual(closestPassage('zebra quantum marmalade', corpus), undefined);
  });

  it('works on any corpus, with text spread over lines in the source', () => {
    const small = corpusOf({
      'harbour.md':
        '---\nkey: harbour\n---\n# Harbour report\n\nThe harbour master said the new\nbreakwater "will hold for a century".\n',
    });
    assert.deepStrictEqual(checkBriefing('The breakwater “will hold for a century” [@harbour, ¶1].', small), []);
    assert.deepStrictEqual(
      checkBriefing('The breakwater “will hold for ever” [@harbour, ¶1].', small).map((d) => d.code),
      ['quote-not-found'],
    );
  });
});

describe('positions: offsets and line/column', () => {
  it('converts both ways across \\n, \\r\\n and \\r line breaks', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const lines = new LineIndex(text);
    assert.strictEqual(lines.lineCount, 4);
    for (const [offset, line, column] of [
      [0, 0, 0],
      [2, 0, 2],
      [3, 1, 0],
      [text.indexOf('e'), 2, 0],
      [text.indexOf('h'), 3, 1],
    ]) {
      assert.deepStrictEqual(lines.positionAt(offset), { line, column }, `offset ${offset}`);
      assert.strictEqual(lines.offsetAt({ line, column }), offset);
    }
    assert.deepStrictEqual(lines.positionAt(999), { line: 3, column: 2 });
  });
});
