// The editor features' content, computed by the core without VS Code: hovers, definitions, completions, quick fixes.
import * as assert from 'assert';
import { parseCitations } from '../../src/core/citations';
import { MemorySourceStore } from '../../src/core/corpus';
import { createBriefingDesk } from '../../src/core/desk';
import { keySpans } from '../../src/core/features/navigation';
import type { BriefingText, CardAction } from '../../src/core/features/types';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { memoryDesk } from './helpers/desk';

const link = (a: CardAction) =>
  `act:${a.command}/${'key' in a ? `${a.key}/${a.paragraph}` : 'query' in a ? a.query : a.name}`;

function doc(text: string): BriefingText {
  return { text, citations: parseCitations(text) };
}

/** Markdown as a reader sees it: backslash escapes undone. */
function plain(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('citation hover content', () => {
  it('shows the source title, its date and the cited paragraph as a block quote that wraps between words', async () => {
    const desk = await memoryDesk();
    const text = 'Israel called India an ally [@israel-calls-india, ¶6].';
    const hover = desk.citationHover(doc(text), text.indexOf('israel-calls'), link)!;
    assert.strictEqual(text.slice(hover.start, hover.end), 'israel-calls-india, ¶6');
    const p6 = desk.library.corpus.get('israel-calls-india')!.paragraphs[5];
    assert.match(plain(hover.markdown), /Israel Calls India ‘Key Strategic Ally’/);
    assert.ok(hover.markdown.includes(`**¶6**\n\n> ${escapeMarkdown(p6.text)}\n\n`), hover.markdown);
    assert.ok(!hover.markdown.includes('```') && !hover.markdown.includes('&nbsp;'), 'no code block, plain spaces');
    assert.ok(hover.markdown.includes('(act:openSource/israel-calls-india/6 "Open source")'));
  });

  it('for [@k, ¶3, 5-6] quotes paragraphs 3, 5 and 6, never 4', async () => {
    const desk = await memoryDesk();
    const text = 'See [@israel-calls-india, ¶3, 5-6].';
    const md = desk.citationHover(doc(text), text.indexOf('@') + 1, link)!.markdown;
    assert.deepStrictEqual(
      [...md.matchAll(/\*\*¶(\d+)\*\*/g)].map((m) => m[1]),
      ['3', '5', '6'],
    );
  });

  it('a citation of the whole source shows its opening paragraph', async () => {
    const desk = await memoryDesk();
    const text = 'As [@israel-calls-india] says.';
    const md = desk.citationHover(doc(text), text.indexOf('@') + 2, link)!.markdown;
    assert.match(md, /\*Opening paragraph\*/);
    assert.deepStrictEqual(
      [...md.matchAll(/\*\*¶(\d+)\*\*/g)].map((m) => m[1]),
      ['1'],
    );
  });

  it('says a paragraph is out of range, and an unknown key is unknown', async () => {
    const desk = await memoryDesk();
    const out = 'See [@israel-calls-india, ¶99].';
    assert.match(
      plain(desk.citationHover(doc(out), 6, link)!.markdown),
      /¶99 is out of range: the source has 13 paragraphs/,
    );
    const unknown = 'See [@no-such-source].';
    const md = desk.citationHover(doc(unknown), 6, link)!.markdown;
    assert.match(plain(md), /Unknown source @no-such-source/);
    assert.ok(md.includes('act:searchSources/no-such-source'));
  });

  it('escapes source text so Markdown in a source shows as written', async () => {
    const source =
      '---\nkey: tricky\ntitle: "A *bold* [claim](http://x)"\n---\nTitle\n\nThe council met on Friday to talk about the harbour.\n\nSay #1 <b>x</b> $(alert) `code` 1. item, and more words follow here.\n';
    const desk = await memoryDesk({ 'mem:/tricky.md': source }, false);
    const text = '[@tricky, ¶2]';
    const md = desk.citationHover(doc(text), 3, link)!.markdown;
    assert.ok(
      md.includes('> Say \\#1 \\<b\\>x\\</b\\> \\$\\(alert\\) \\`code\\` 1\\. item, and more words follow here\\.'),
      md,
    );
    assert.ok(md.includes('A \\*bold\\* \\[claim\\]\\(http://x\\)'), md);
  });

  it('is not offered away from a citation', async () => {
    const desk = await memoryDesk();
    assert.strictEqual(desk.citationHover(doc('No citation here.'), 3, link), undefined);
  });
});

describe('entity hover content', () => {
  it('shows the card of the name under the cursor: type, sources that mention it, a passage', async () => {
    const desk = await memoryDesk();
    const text = 'Masood Khan spoke.';
    const hover = (await desk.entityHover(text, 2, link))!;
    assert.strictEqual(text.slice(hover.start, hover.end), 'Masood Khan');
    const md = plain(hover.markdown);
    assert.match(md, /\*\*Masood Khan\*\*/);
    assert.match(md, /\*Person\*/);
    assert.ok(hover.markdown.includes('act:openSource/india-israel-advancing/'), hover.markdown);
    assert.match(hover.markdown, /\n> \S/);
    assert.ok(hover.markdown.endsWith('(act:searchSources/Masood Khan "Search sources")'));
  });

  it('is not offered on a word no source names', async () => {
    const desk = await memoryDesk();
    assert.strictEqual(await desk.entityHover('Nothing known here.', 2, link), undefined);
  });
});

describe('definition and references', () => {
  it('Go to Definition leads to the first paragraph a citation names', async () => {
    const desk = await memoryDesk();
    const text = 'See [@israel-calls-india, ¶3, 5-6].';
    const d = desk.definition(doc(text), 7)!;
    assert.strictEqual(d.source.key, 'israel-calls-india');
    assert.strictEqual(d.paragraph?.n, 3);
    assert.strictEqual(desk.definition(doc('See [@israel-calls-india].'), 7)!.paragraph?.n, 1);
    assert.strictEqual(desk.definition(doc('See [@nope].'), 7), undefined);
  });

  it('references are the key spans of every citation of the source', () => {
    const text = '[@a, ¶1] and [@b; @a] and @a [¶2].';
    const spans = keySpans(parseCitations(text), 'a');
    assert.deepStrictEqual(
      spans.map((s) => [text.slice(s.start, s.end), s.start]),
      [
        ['a', 2],
        ['a', 19],
        ['a', 27],
      ],
    );
  });
});

describe('completion content', () => {
  it('offers every source key after "[@", replacing what is typed of the key', async () => {
    const desk = await memoryDesk();
    const text = 'As reported [@isr';
    const c = desk.completions(text, text.length)!;
    assert.strictEqual(text.slice(c.start, c.end), 'isr');
    const ink = c.items.find((i) => i.label === 'india-israel-ink-2025')!;
    assert.match(ink.detail, /India, Israel Ink Defence Pact.*2025-11-05/);
    // Its opening paragraph is named for the host to fetch when the item is shown, not carried by every item.
    assert.deepStrictEqual(ink.passage, { key: 'india-israel-ink-2025', paragraph: 1 });
    assert.strictEqual(ink.documentation, undefined);
    assert.strictEqual(c.items.length, desk.library.sources.length);
  });

  it('offers the paragraphs of the source after ", ¶", each with its first words', async () => {
    const desk = await memoryDesk();
    const text = 'See [@israel-calls-india, ¶';
    const c = desk.completions(text, text.length)!;
    assert.strictEqual(c.start, c.end);
    const six = c.items.find((i) => i.label === '6')!;
    assert.strictEqual(six.labelDetail, '“India is a key strategic ally of Israel,…');
    assert.match(six.documentation ?? '', /India is a key strategic ally of Israel/);
    assert.strictEqual(c.items.length, 13);
  });

  it('offers nothing outside a citation or after an unknown key', async () => {
    const desk = await memoryDesk();
    assert.strictEqual(desk.completions('plain text', 5), undefined);
    assert.strictEqual(desk.completions('[@nope, ¶', 9), undefined);
  });
});

describe('quick fixes as data', () => {
  function apply(text: string, fix: { start: number; end: number; newText: string }): string {
    return text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
  }

  it('an unknown key offers the closest key, preferred', async () => {
    const desk = await memoryDesk();
    const text = 'Israel called India an ally [@isreal-calls-india, ¶2].';
    const [d] = desk.check(text);
    const [fix] = d.data!.fixes!;
    assert.strictEqual(fix.title, 'Replace with @israel-calls-india');
    assert.strictEqual(fix.preferred, true);
    assert.strictEqual(apply(text, fix), 'Israel called India an ally [@israel-calls-india, ¶2].');
  });

  it('a quote found elsewhere offers to cite where it is, keeping the words around the citation', async () => {
    const desk = await memoryDesk();
    const text = 'India is “a key strategic ally of Israel” [see @india-israel-ink-2025, ¶3, emphasis added].';
    const d = desk.check(text).find((x) => x.code === 'quote-not-found')!;
    const fix = d.data!.fixes!.find((f) =>
      f.title.startsWith('Cite the source that contains this quote: @israel-calls-india'),
    )!;
    assert.strictEqual(fix.preferred, true);
    const fixed = apply(text, fix);
    assert.match(
      fixed,
      /^India is “a key strategic ally of Israel” \[see @israel-calls-india, ¶\d+, emphasis added\]\.$/,
    );
    assert.deepStrictEqual(desk.check(fixed), []);
  });

  it('citing elsewhere keeps a suppressed author, from a braced key', async () => {
    const desk = await memoryDesk();
    const text = 'India is “a key strategic ally of Israel” [-@{india-israel-ink-2025}, ¶3].';
    const d = desk.check(text).find((x) => x.code === 'quote-not-found')!;
    const fixed = apply(text, d.data!.fixes![0]);
    assert.match(fixed, /\[-@israel-calls-india, ¶\d+\]\.$/);
    assert.deepStrictEqual(desk.check(fixed), []);
  });

  it('a misquote offers the closest passage text, which then checks out', async () => {
    const desk = await memoryDesk();
    const text = 'Baram said India is “a key strategic partner of Israel” [@israel-calls-india, ¶6].';
    const d = desk.check(text).find((x) => x.code === 'quote-not-found')!;
    const fix = d.data!.fixes!.find((f) => f.title === 'Replace with the closest passage text')!;
    const fixed = apply(text, fix);
    assert.match(fixed, /strategic ally/);
    assert.deepStrictEqual(desk.check(fixed), []);
  });

  it('findings with nothing to fix carry no fixes', async () => {
    const desk = await memoryDesk();
    const [d] = desk.check('A claim [@zzzzzzzzzzzz, ¶1].');
    assert.strictEqual(d.code, 'unknown-key');
    assert.strictEqual(d.data?.fixes, undefined);
  });
});

describe('createBriefingDesk', () => {
  it('loads from a store, follows changes and deletions, and searches through one library', async () => {
    const store = new MemorySourceStore({
      'mem:/ferry.md': '---\nkey: ferry-2025\n---\nFerry\n\nThe island ferry sailed.\n',
    });
    const desk = createBriefingDesk({ store });
    const { problems } = await desk.load();
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(desk.search('island ferry')[0]?.key, 'ferry-2025');
    store.set('mem:/tide.md', '---\nkey: tide-2025\n---\nTide\n\nThe spring tide peaked at dawn.\n');
    await desk.refresh(['mem:/tide.md']);
    assert.strictEqual(desk.search('spring tide')[0]?.key, 'tide-2025');
    store.delete('mem:/ferry.md');
    desk.remove(['mem:/ferry.md']);
    assert.deepStrictEqual(
      desk.library.sources.map((s) => s.key),
      ['tide-2025'],
    );
  });

  it('reports unreadable files and keeps the rest; marks bundled sources', async () => {
    const store = new MemorySourceStore({ 'mem:/a.md': 'A\n\nOne paragraph.\n', 'mem:/empty.md': '' }, ['mem:/a.md']);
    const warned: string[] = [];
    const desk = createBriefingDesk({ store, log: { info() {}, warn: (m) => warned.push(m), error() {} } });
    const { problems } = await desk.load();
    assert.deepStrictEqual(
      problems.map((p) => p.uri),
      ['mem:/empty.md'],
    );
    assert.deepStrictEqual(warned, ['Skipped mem:/empty.md: the file is empty']);
    assert.strictEqual(desk.library.sources[0].bundled, true);
  });

  it('applies entity overrides from the store and reports bad entries', async () => {
    const store = new MemorySourceStore({ 'mem:/a.md': 'A\n\nThe Harbour Board met Dana Whitlock.\n' });
    store.setEntityOverrides(
      '{"entities":[{"name":"Harbour Board","type":"organization","description":"Runs the port."},{"type":"x"}]}',
    );
    const warned: string[] = [];
    const desk = createBriefingDesk({ store, log: { info() {}, warn: (m) => warned.push(m), error() {} } });
    await desk.load();
    assert.strictEqual((await desk.entityCard('Harbour Board'))?.description, 'Runs the port.');
    assert.deepStrictEqual(warned, ['memory:/briefing-entities.json: entities[1]: "name" must be a non-empty string']);
  });
});
