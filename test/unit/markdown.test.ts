// The citation plugin as markdown-it renders it: fixture files of Markdown and the HTML a reader should get.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { parseCitations } from '../../src/core/citations';
import { citationEnv, citationPlugin, type CitationPluginOptions } from '../../src/markdown';
import { corpusOf, ROOT } from './helpers/corpus';

/** One case of a fixture file. */
interface Fixture {
  description: string;
  markdown: string;
  html: string;
  line: number;
}

/**
 * Reads markdown-it's fixture format: a description, then Markdown and HTML, each block ended by a line holding a
 * single `.`. Text before a case's description (after a blank line) is a comment on the file.
 */
function readFixtures(file: string): Fixture[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
  const cases: Fixture[] = [];
  let i = 0;
  while (i < lines.length) {
    let description: string[] = [];
    while (i < lines.length && lines[i] !== '.') {
      description = lines[i].trim() ? [...description, lines[i]] : [];
      i++;
    }
    if (i >= lines.length) break;
    const line = i + 1;
    const block = () => {
      const out: string[] = [];
      for (i++; i < lines.length && lines[i] !== '.'; i++) out.push(lines[i]);
      assert.ok(
        i < lines.length,
        `${path.basename(file)}:${line}: a case needs its Markdown and HTML each closed by "."`,
      );
      return out.length ? `${out.join('\n')}\n` : '';
    };
    const markdown = block();
    const html = block();
    i++;
    cases.push({ description: description.join(' ').trim(), markdown, html, line });
  }
  return cases;
}

/** Three short made-up sources: one with a URL, one without, one undated plain-text note. */
const corpus = corpusOf({
  'sources/harbour.md': [
    '---',
    'key: harbour',
    'title: Harbour Reopens',
    'date: 2024-03-05',
    'outlet: Coast Gazette',
    'url: https://gazette.invalid/harbour',
    '---',
    'PORTVILLE: The harbour reopened on Monday.',
    '',
    'Ships queued at dawn.',
    '',
    'The mayor cut a ribbon.',
    '',
    'Fishers cheered.',
    '',
  ].join('\n'),
  'sources/bridge.md':
    '---\nkey: bridge\ntitle: Bridge Vote Delayed\ndate: 2024-04-01\noutlet: Valley Post\n---\nThe council delayed its vote.\n\nEngineers asked for time.\n',
  'notes/rain.txt': 'Rain Returns\n\nRain fell on the dry valley.\n',
});

const options: CitationPluginOptions = { resolve: (key) => corpus.get(key), location: (s) => s.url ?? s.uri };

function markdownIt(extra: Partial<CitationPluginOptions> = {}) {
  return new MarkdownIt().use(citationPlugin, { ...options, ...extra });
}

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'markdown');

describe('markdown: citation plugin fixtures', () => {
  it('the test corpus is what the fixtures assume', () => {
    assert.deepStrictEqual(
      ['harbour', 'bridge', 'rain-returns']
        .map((k) => corpus.get(k))
        .map((s) => [s?.key, s?.paragraphs.length, s?.date, s?.place]),
      [
        ['harbour', 4, '2024-03-05', 'Portville'],
        ['bridge', 2, '2024-04-01', null],
        ['rain-returns', 1, null, null],
      ],
    );
  });

  for (const name of fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    describe(name, () => {
      for (const fx of readFixtures(path.join(FIXTURES, name))) {
        it(`${fx.description} (line ${fx.line})`, () => {
          assert.strictEqual(markdownIt().render(fx.markdown), fx.html);
        });
      }
    });
  }
});

describe('markdown: citation plugin options', () => {
  it('prefixes every generated id and class with the host prefix', () => {
    const html = markdownIt({ prefix: 'brief-' }).render('Port [@harbour, ¶2].\n');
    const ids = [...html.matchAll(/\b(?:id|class)="([^"]*)"/g)].flatMap((m) => m[1].split(' '));
    assert.ok(ids.length >= 6, html);
    for (const id of ids) assert.match(id, /^brief-/, `${id} in ${html}`);
    assert.match(html, /href="#brief-ref-1"/);
  });

  it('titles the appended list and fills a placeholder of that title', () => {
    const md = markdownIt({ bibliographyTitle: 'References' });
    assert.match(md.render('Port [@harbour].\n'), /<h2>References<\/h2>\n<ol/);
    assert.match(md.render('Port [@harbour].\n\n## References\n'), /<h2 id="bd-refs">References<\/h2>\n<ol/);
  });

  it('links a bibliography entry where the host says, and not at all when the host says nothing', () => {
    const linked = markdownIt({ href: (s) => `../${s.uri}` }).render('Vote [@bridge].\n');
    assert.match(linked, /<a href="\.\.\/sources\/bridge\.md">Bridge Vote Delayed<\/a>/);
    const plain = markdownIt({ href: () => undefined }).render('Port [@harbour].\n');
    assert.match(plain, /<strong>Harbour Reopens<\/strong>/);
  });

  it('numbers each render afresh and reports the cited sources in env', () => {
    const md = markdownIt();
    const env: Record<string, unknown> = {};
    md.render('Vote [@bridge]; port [@harbour]; [@nowhere].\n', env);
    assert.deepStrictEqual(
      citationEnv(env).order.map((s) => s.key),
      ['bridge', 'harbour'],
    );
    assert.deepStrictEqual(citationEnv(env).unknown, ['nowhere']);
    assert.match(md.render('Port [@harbour].\n'), /href="#bd-ref-1" id="bd-cite-1"/);
  });

  it('does not double the full stop after a title that ends with one', () => {
    const own = corpusOf({ 'a.txt': 'Talks stall in the capital.\n\nMinisters left without a deal.\n' });
    const html = new MarkdownIt()
      .use(citationPlugin, { resolve: (key) => own.get(key) })
      .render(`Deal off [@${own.sources[0].key}].`);
    assert.match(html, /<strong>Talks stall in the capital\.<\/strong> undated\./);
  });

  it('leaves a document that cites nothing exactly as markdown-it renders it', () => {
    const text = '# Title\n\n*Plain* text with [a link](https://x.invalid) and `code`.\n\n- one\n- two\n';
    assert.strictEqual(markdownIt().render(text), new MarkdownIt().render(text));
  });
});

describe('markdown: the preview marks the citations the core parser finds', () => {
  // Link text, images, reference links and spans hold in-text citations in pandoc; the preview and the export must
  // mark each of them, once, as diagnostics and hovers see them.
  const cases = [
    'See [the report by @harbour](https://news.invalid/r) today.',
    'Posted by [@bridge](https://social.invalid/@bridge) and [@harbour][ref] and [@bridge]{.note}.',
    'Then [text with [@bridge, ¶2]](https://news.invalid/a).',
    '[@harbour; -@bridge;, 33; @nowhere] and [-@harbour; see @bridge;, ¶3]',
    'As @harbour [p. 3; @bridge] said, and https://social.invalid/@bridge too.',
    'As @nowhere [p. 3; @bridge] said.',
  ];
  for (const text of cases) {
    it(text, () => {
      const found = parseCitations(text);
      const env: Record<string, unknown> = {};
      const html = markdownIt().render(text, env);
      const marker = /data-bd-key="([^"]+)"|title="Unknown source key @([^"]+)"/g;
      const markers = [...html.matchAll(marker)].map((m) => m[1] ?? m[2]);
      assert.deepStrictEqual(
        markers,
        found.flatMap((c) => c.items.map((i) => i.key)),
      );
    });
  }

  it('an image holds its citation in the alt text, numbered, with the source listed', () => {
    const html = markdownIt().render('![chart by @harbour](chart.png)');
    assert.match(html, /<img src="chart.png" alt="chart by \[1\]">/);
    assert.match(html, /<li id="bd-ref-1" class="bd-ref"><a href="[^"]+">Harbour Reopens<\/a>/);
  });
});
