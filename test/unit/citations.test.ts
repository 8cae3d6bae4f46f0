// Pandoc citations in briefings: every form an analyst writes, with exact offsets; code, addresses and links left alone.
import * as assert from 'assert';
import {
  CitationFormatError,
  citationAt,
  formatCitation,
  parseCitations,
  resolveItem,
  spacedInsert,
  type Citation,
} from '../../src/core/citations';
import { seedCorpus } from './helpers/corpus';

/** The one citation in `md`, failing when there is not exactly one. */
function only(md: string): Citation {
  const found = parseCitations(md);
  assert.strictEqual(found.length, 1, `expected one citation in ${JSON.stringify(md)}, got ${found.length}`);
  return found[0];
}

function keys(md: string): string[] {
  return parseCitations(md).flatMap((c) => c.items.map((i) => i.key));
}

describe('citations: bracketed forms', () => {
  it('reads [@key] with the offsets of the brackets and the key', () => {
    const md = 'Defence ties deepened [@israel-calls-india].';
    const c = only(md);
    assert.strictEqual(c.start, md.indexOf('['));
    assert.strictEqual(c.end, md.indexOf(']') + 1);
    assert.strictEqual(c.inText, false);
    const [item] = c.items;
    assert.strictEqual(item.key, 'israel-calls-india');
    assert.strictEqual(item.keyStart, md.indexOf('israel'));
    assert.strictEqual(item.keyEnd, md.indexOf(']'));
    assert.strictEqual(item.start, md.indexOf('@'));
    assert.strictEqual(item.end, md.indexOf(']'));
    assert.strictEqual(item.locator, null);
    assert.strictEqual(item.suppressAuthor, false);
  });

  it('reads [@key, ¶3] as paragraph 3 with the locator offsets', () => {
    const md = 'Text [@a, ¶3].';
    const loc = only(md).items[0].locator!;
    assert.deepStrictEqual(
      { from: loc.from, to: loc.to, raw: loc.raw, start: loc.start, end: loc.end },
      { from: 3, to: 3, raw: '¶3', start: md.indexOf('¶'), end: md.indexOf('¶') + 2 },
    );
  });

  const paragraphForms: Array<[string, number, number]> = [
    ['[@a, para. 3]', 3, 3],
    ['[@a, para 3]', 3, 3],
    ['[@a, ¶ 3]', 3, 3],
    ['[@a, paragraph 3]', 3, 3],
    ['[@a, paras. 3-4]', 3, 4],
    ['[@a, paras 3–4]', 3, 4],
    ['[@a, ¶¶3-4]', 3, 4],
    ['[@a, ¶¶ 12—14]', 12, 14],
    ['[@a ¶3]', 3, 3],
    ['[@a, PARA. 7]', 7, 7],
  ];
  for (const [md, from, to] of paragraphForms) {
    it(`reads ${md} as paragraphs ${from}-${to}`, () => {
      const loc = only(md).items[0].locator!;
      assert.ok(loc, 'no locator');
      assert.deepStrictEqual([loc.from, loc.to], [from, to]);
      assert.strictEqual(loc.raw, md.slice(md.search(/[¶pP]/), -1));
    });
  }

  it('reads a list of paragraphs, ¶3, 5-6, keeping each range', () => {
    const loc = only('[@a, ¶3, 5-6]').items[0].locator!;
    assert.deepStrictEqual(loc.ranges, [
      [3, 3],
      [5, 6],
    ]);
    assert.deepStrictEqual([loc.from, loc.to], [3, 6]);
  });

  it('reads [see @a, ¶2; @b] as two items with a prefix, each with its own offsets', () => {
    const md = 'As reported [see @a, ¶2; @b].';
    const c = only(md);
    assert.strictEqual(c.items.length, 2);
    const [a, b] = c.items;
    assert.deepStrictEqual(
      [a.key, a.prefix, a.locator?.from, a.start, a.end],
      ['a', 'see', 2, md.indexOf('see'), md.indexOf(';')],
    );
    assert.deepStrictEqual(
      [b.key, b.prefix, b.locator, b.start, b.end],
      ['b', '', null, md.indexOf('@b'), md.indexOf(']')],
    );
    assert.strictEqual(b.keyStart, md.indexOf('@b') + 1);
  });

  it('reads [-@key] as a citation that suppresses the author', () => {
    const md = 'Khan [-@india-israel-advancing, ¶4] said so.';
    const item = only(md).items[0];
    assert.strictEqual(item.suppressAuthor, true);
    assert.strictEqual(item.key, 'india-israel-advancing');
    assert.strictEqual(item.start, md.indexOf('-@'));
  });

  it('keeps text after the locator as the suffix', () => {
    const item = only('[@a, ¶3, emphasis added]').items[0];
    assert.strictEqual(item.locator?.from, 3);
    assert.strictEqual(item.suffix, ', emphasis added');
  });

  it('sets aside page and other non-paragraph locators, with or without a comma', () => {
    const md = '[@a, p. 3] and [@b pp. 4-5] and [@c, chap. 2] and [@d, 3]';
    const items = parseCitations(md).map((c) => c.items[0]);
    assert.deepStrictEqual(
      items.map((i) => i.locator),
      [null, null, null, null],
    );
    assert.deepStrictEqual(
      items.map((i) => i.otherLocator?.raw),
      ['p. 3', 'pp. 4-5', 'chap. 2', '3'],
    );
    assert.strictEqual(items[0].otherLocator?.start, md.indexOf('p. 3'));
  });

  it('does not read ordinary words after a key as a locator', () => {
    const item = only('[@a noted 3 times]').items[0];
    assert.strictEqual(item.locator, null);
    assert.strictEqual(item.otherLocator, null);
    assert.strictEqual(item.suffix, 'noted 3 times');
  });

  it('reads a citation wrapped across two lines', () => {
    const md = 'The pact [see @india-israel-ink-2025,\n¶¶3-4] worried Islamabad.';
    const c = only(md);
    assert.strictEqual(c.end, md.indexOf(']') + 1);
    assert.deepStrictEqual([c.items[0].locator?.from, c.items[0].locator?.to], [3, 4]);
  });
});

describe('citations: in-text forms', () => {
  it('reads @key [¶3] as one in-text citation ending after the bracket', () => {
    const md = '@israel-calls-india [¶13] called the visit pivotal.';
    const c = only(md);
    assert.strictEqual(c.inText, true);
    assert.strictEqual(c.start, 0);
    assert.strictEqual(c.end, md.indexOf(']') + 1);
    assert.strictEqual(c.items[0].locator?.from, 13);
    assert.strictEqual(c.items[0].locator?.start, md.indexOf('¶'));
  });

  it('reads a bare @key, leaving a trailing full stop or comma out of the key', () => {
    const md = 'As @doe:2020 argued, and as @smith.j. showed, see @khan-2025.';
    assert.deepStrictEqual(keys(md), ['doe:2020', 'smith.j', 'khan-2025']);
    const last = parseCitations(md)[2];
    assert.strictEqual(last.end, md.length - 1);
  });

  it('keeps pandoc punctuation inside keys and reads braced keys', () => {
    assert.deepStrictEqual(keys('[@doe:2020; @smith.j; @a_b-c+d?e<f>g~h/i#j$k%l&m]'), [
      'doe:2020',
      'smith.j',
      'a_b-c+d?e<f>g~h/i#j$k%l&m',
    ]);
    const md = 'See [@{doe:2020.}, ¶2].';
    const item = only(md).items[0];
    assert.strictEqual(item.key, 'doe:2020.');
    assert.strictEqual(item.keyStart, md.indexOf('doe'));
    assert.strictEqual(item.keyEnd, md.indexOf('}'));
    assert.strictEqual(item.locator?.from, 2);
    assert.deepStrictEqual(
      keys('[@{a{b}c}; @{k;1}]'),
      ['a{b}c', 'k;1'],
      'balanced braces; a `;` inside does not split',
    );
    assert.deepStrictEqual(
      keys('See [@{Doe 2020}, ¶2] and @{Doe 2020}.'),
      [],
      'pandoc allows no space in a braced key',
    );
  });

  it('treats a bracket with a part that has no key as prose, and the key in it as in-text', () => {
    const found = parseCitations('[see @a; and elsewhere]');
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].inText, true);
    assert.strictEqual(found[0].items[0].key, 'a');
  });
});

describe('citations: what is not a citation', () => {
  it('ignores e-mail addresses and an @ glued to a word or full stop, as pandoc does', () => {
    assert.deepStrictEqual(keys('Write to someone@newsroom.invalid or first.last@newsroom.invalid, 1@k, x.@k.'), []);
  });

  it('reads a handle in a bare URL as a citation, as pandoc does, but not in <…> or a link destination', () => {
    assert.deepStrictEqual(
      keys('See https://newsroom.invalid/@khan, <https://newsroom.invalid/@lee> and [x](https://n.invalid/@kim).'),
      ['khan'],
    );
  });

  it('ignores code spans, fenced and indented code, comments and escaped @', () => {
    const md = [
      'Use `[@in-code, ¶2]` or ``@double `tick` ``.',
      '',
      '```',
      '[@fenced, ¶1]',
      '```',
      '',
      '~~~~',
      '@tilde',
      '~~~~',
      '',
      '    [@indented]',
      '',
      '<!-- [@commented] -->',
      '',
      'A literal \\@handle and a real [@kept].',
    ].join('\n');
    assert.deepStrictEqual(keys(md), ['kept']);
  });

  it('reads a key in link text as an in-text citation (pandoc does), never one in the destination', () => {
    const md = 'Posted by [@SecWar](https://newsroom.invalid/@SecWar) [@kept].';
    const found = parseCitations(md);
    assert.deepStrictEqual(
      found.map((c) => [c.items[0].key, c.inText, c.start]),
      [
        ['SecWar', true, md.indexOf('@SecWar')],
        ['kept', false, md.indexOf('[@kept]')],
      ],
    );
  });

  it('ignores front matter', () => {
    assert.deepStrictEqual(keys('---\nauthor: "@desk"\n---\n\nBody [@kept].'), ['kept']);
  });

  it('reads citations in list items, and indented continuation lines of a list are not code', () => {
    assert.deepStrictEqual(keys('- First [@a].\n\n    More on it [@b].\n- Second @c'), ['a', 'b', 'c']);
  });
});

describe('citations: formatting', () => {
  it('writes one or several items with paragraph locators', () => {
    assert.strictEqual(formatCitation([{ key: 'a' }]), '[@a]');
    assert.strictEqual(
      formatCitation([
        { key: 'a', from: 2 },
        { key: 'b', from: 5, to: 6 },
      ]),
      '[@a, ¶2; @b, ¶¶5-6]',
    );
    assert.strictEqual(formatCitation([{ key: 'a', from: 4, to: 4 }]), '[@a, ¶4]');
  });

  it('writes citations that parse back to the same items', () => {
    const text = formatCitation([
      { key: 'india-israel-ink-2025', from: 3, to: 4 },
      { key: 'israel-calls-india', from: 6 },
    ]);
    const items = only(text).items;
    assert.deepStrictEqual(
      items.map((i) => [i.key, i.locator?.from, i.locator?.to]),
      [
        ['india-israel-ink-2025', 3, 4],
        ['israel-calls-india', 6, 6],
      ],
    );
  });

  it('refuses keys pandoc cannot read and backwards ranges', () => {
    assert.throws(() => formatCitation([{ key: 'two words' }]), CitationFormatError);
    assert.throws(() => formatCitation([{ key: 'a', from: 5, to: 3 }]), CitationFormatError);
    assert.throws(() => formatCitation([]), CitationFormatError);
  });

  it('a quote inserted after a word or a citation gets a space before it, and one after it before a word', () => {
    const quote = '“a roadmap” [@islamabad-views-us-2025, ¶8]';
    // What the line reads after the insertion, for the characters around the cursor.
    const at = (before: string, after: string) =>
      before + spacedInsert(quote, before.slice(-1), after[0] ?? '') + after;
    assert.strictEqual(at('called the pact', ''), `called the pact ${quote}`);
    assert.strictEqual(
      at('roadmap [@islamabad-views-us-2025, ¶8]', ''),
      `roadmap [@islamabad-views-us-2025, ¶8] ${quote}`,
    );
    assert.strictEqual(at('It ended.', ' Then'), `It ended. ${quote} Then`);
    assert.strictEqual(at('pact ', 'and'), `pact ${quote} and`);
    // No space at a line's start, after a space or an opening mark, or before punctuation.
    assert.strictEqual(at('', ''), quote);
    assert.strictEqual(at('pact ', ''), `pact ${quote}`);
    assert.strictEqual(at('(', ')'), `(${quote})`);
    assert.strictEqual(at('pact ', '.'), `pact ${quote}.`);
  });
});

describe('citations: resolving and finding under the cursor', () => {
  const corpus = seedCorpus();

  it('resolves a key and locator to the source and its paragraphs', () => {
    const item = only('[@israel-calls-india, ¶¶5-6]').items[0];
    const r = resolveItem(item, corpus)!;
    assert.strictEqual(r.source.key, 'israel-calls-india');
    assert.deepStrictEqual(
      r.paragraphs.map((p) => p.n),
      [5, 6],
    );
    assert.match(r.paragraphs[1].text, /^“India is a key strategic ally of Israel/);
  });

  it('resolves a citation without locator to every paragraph, and an out-of-range one to none', () => {
    assert.strictEqual(resolveItem(only('[@israel-calls-india]').items[0], corpus)!.paragraphs.length, 13);
    assert.deepStrictEqual(resolveItem(only('[@israel-calls-india, ¶14]').items[0], corpus)!.paragraphs, []);
    assert.strictEqual(resolveItem(only('[@no-such-source]').items[0], corpus), undefined);
  });

  it('finds the item under the cursor, and the next item when the cursor is between items', () => {
    const md = 'Text [@a, ¶2; @b] more.';
    const citations = parseCitations(md);
    assert.strictEqual(citationAt(citations, md.indexOf('@a') + 1)?.item.key, 'a');
    assert.strictEqual(citationAt(citations, md.indexOf('@b') + 1)?.item.key, 'b');
    assert.strictEqual(citationAt(citations, md.indexOf(';'))?.item.key, 'a', 'just after ¶2 is still the first item');
    assert.strictEqual(citationAt(citations, md.indexOf(';') + 1)?.item.key, 'b');
    assert.strictEqual(citationAt(citations, md.indexOf(']') + 1)?.item.key, 'b');
    assert.strictEqual(citationAt(citations, md.indexOf('more')), undefined);
  });
});

/** Keys with pandoc's citation modes: `N:` normal, `S:` author suppressed, `A:` in-text (author in text). */
function modes(md: string): string[] {
  return parseCitations(md).flatMap((c) =>
    c.items.map((i, n) => `${c.inText && n === 0 ? 'A' : i.suppressAuthor ? 'S' : 'N'}:${i.key}`),
  );
}

// One case per kind of disagreement the differential test against pandoc found (test/unit/pandoc-agreement.test.ts);
// each expectation is what `pandoc -f markdown -t json` reads.
describe('citations: where pandoc decides (one case per disagreement found)', () => {
  it('link text: [the report by @key](…) is a link whose text cites key in-text, at its offsets', () => {
    const md = 'See [the report by @harbour](https://news.invalid/r) and ![chart by @bridge](c.png).';
    const found = parseCitations(md);
    assert.deepStrictEqual(modes(md), ['A:harbour', 'A:bridge']);
    assert.deepStrictEqual([found[0].start, found[0].end], [md.indexOf('@harbour'), md.indexOf('](')]);
    assert.strictEqual(found[0].items[0].keyStart, md.indexOf('harbour'));
  });

  it('a bracket followed by (, [ or { is a link or span, not a citation: its keys are in-text', () => {
    assert.deepStrictEqual(modes('[@a](u) [@b][ref] [@c]{.note} [@d] (u)'), ['A:a', 'A:b', 'A:c', 'N:d']);
    assert.deepStrictEqual(modes('[text with [@a]](https://n.invalid/a)'), ['N:a'], 'a citation inside link text');
  });

  it('a suppressed author with odd punctuation after it: the bracket is no citation, every key is in-text', () => {
    const md = '[@a; -@b;, 33; @c] and [-@d; see @e;, ¶3]';
    assert.deepStrictEqual(modes(md), ['A:a', 'A:b', 'A:c', 'A:d', 'A:e']);
    assert.strictEqual(parseCitations(md)[1].start, md.indexOf('@b'), 'the dash stays outside');
  });

  it('an @ may follow any mark but a letter, digit or full stop (-@k, _@k, (@k) cite; a@k, 1@k, x.@k do not)', () => {
    assert.deepStrictEqual(modes('text -@k1 and _@k2 and a*@k3 and "@k4"'), ['A:k1', 'A:k2', 'A:k3', 'A:k4']);
    assert.deepStrictEqual(modes('a@k 1@k é@k x.@k ..@k'), []);
  });

  it('braced keys: balanced braces, no white space, and a ; inside does not end the item', () => {
    assert.deepStrictEqual(modes('[@{a{b}c}; -@{k;1}, ¶2] @{end.}'), ['N:a{b}c', 'S:k;1', 'A:end.']);
    assert.deepStrictEqual(modes('[see @{Doe 2020}, ¶2] @{Doe 2020}'), []);
  });

  it('brackets nest: inside a prefix or suffix, and a locator in brackets', () => {
    const md = '[see [the annex] @a, [x; y]] [@b [¶3]; @c]';
    assert.deepStrictEqual(modes(md), ['N:a', 'N:b', 'N:c']);
    const [a] = parseCitations(md)[0].items;
    assert.deepStrictEqual([a.prefix, a.suffix], ['see [the annex]', ', [x; y]']);
  });

  it('a key in the suffix of an item is an in-text citation of its own, nested in the bracket', () => {
    const md = '[@a, see @b] [@c, quoted in [@d]](u)';
    assert.deepStrictEqual(modes(md), ['N:a', 'A:b', 'A:c', 'N:d']);
    const nested = parseCitations(md)[1];
    assert.deepStrictEqual([nested.inText, nested.start], [true, md.indexOf('@b')]);
  });

  it('the bracket after an in-text key: a locator, a suffix then more items, or a citation of its own', () => {
    const md = '@a [p. 3; -@b] @c [x@y.invalid] @d\n[¶5] @e [see @f] @g [x; y]';
    assert.deepStrictEqual(modes(md), ['A:a', 'S:b', 'A:c', 'A:d', 'A:e', 'N:f', 'A:g']);
    const [a, c, d] = parseCitations(md);
    const first = a.items[0];
    assert.deepStrictEqual([first.otherLocator?.raw, first.end, a.end], ['p. 3', md.indexOf(';'), md.indexOf(']') + 1]);
    assert.strictEqual(c.items[0].suffix, 'x@y.invalid');
    assert.strictEqual(d.items[0].locator?.from, 5);
    assert.deepStrictEqual(modes('@a [see @b]{.x}'), ['A:a', 'A:b'], 'before a span: a suffix holding an in-text key');
  });

  it('notes: ^[…] is an inline note, not a citation, and keys in notes cite', () => {
    const md = 'Text^[see @a] and ^[a note [@b, ¶2]] and[^1].\n\n[^1]: Said [@c].';
    assert.deepStrictEqual(modes(md), ['A:a', 'N:b', 'N:c']);
  });

  it('example lists: (@label) or @label) opening a block makes @label an example number, not a citation', () => {
    assert.deepStrictEqual(modes('(@good) An example.\n\nAs (@good) shows, and [@good] cites.'), ['N:good']);
    assert.deepStrictEqual(modes('@k) text\n\nx\n@m) text'), ['A:m'], 'only at the start of a block');
  });

  it('a reference definition whose label reads as a citation is one; one whose label does not cites nothing', () => {
    const md = '[see @a]: https://x.invalid\n\n[as in @b, 3; ]:\n\nNote[^1]\n\n[^1]: [@c; ]: x';
    assert.deepStrictEqual(modes(md), ['N:a']);
    assert.deepStrictEqual(modes('[; @a]: -@b [p. 3; @c]'), ['A:a', 'A:b', 'N:c'], 'a bracket after it: no definition');
  });

  it('a note no text refers to is dropped, citations and all', () => {
    assert.deepStrictEqual(modes('Text[^1].\n\n[^1]: Said [@a].\n\n[^2]: Never shown [@b].'), ['N:a']);
    assert.deepStrictEqual(modes('[x; @k]: url[^3]\n\n[^3]: Hidden with its mark [@c].'), []);
  });

  it('a handle in a bare URL cites (pandoc links no bare URL); in <…> or a link destination it does not', () => {
    assert.deepStrictEqual(modes('https://n.invalid/@a <https://n.invalid/@b> [x](https://n.invalid/@c)'), ['A:a']);
  });
});
