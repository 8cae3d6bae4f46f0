// Source text is hostile input: titles, paragraphs and URLs that carry markup must render inert in preview and export.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { citationPlugin, renderStandalone } from '../../src/markdown';
import { corpusOf, ROOT } from './helpers/corpus';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
/** The same payload as a braced key: pandoc allows no white space inside one, so `/` stands in for the spaces. */
const IMG_KEY = '<img/src=x/onerror=alert(1)>';
const BREAKOUT = '"><svg onload=alert(1)>';

/** A source per attack: markup in the title, outlet and paragraphs, and URLs that would run script if linked. */
const corpus = corpusOf({
  'sources/evil.md': [
    '---',
    'key: evil',
    `title: '${SCRIPT} "Quoted" & ${IMG}'`,
    'date: 2024-05-01',
    `outlet: '${BREAKOUT}'`,
    'url: javascript:alert(1)',
    '---',
    `EVILTOWN: ${SCRIPT} & "double" 'single' quotes.`,
    '',
    `Second ${BREAKOUT} and ${IMG} here.`,
    '',
    'A [link](javascript:alert(1)) and <a href="javascript:alert(1)" onclick="alert(1)">x</a> in text.',
    '',
  ].join('\n'),
  'sources/tab.md': '---\nkey: tab\ntitle: Tabbed scheme\nurl: "java\\tscript:alert(1)"\n---\nBody of tab.\n',
  'sources/upper.md': '---\nkey: upper\ntitle: Upper-case scheme\nurl: "  JaVaScRiPt:alert(1)"\n---\nBody of upper.\n',
  'sources/data.md': `---\nkey: data\ntitle: Data URL\nurl: 'data:text/html,${SCRIPT}'\n---\nBody of data.\n`,
  'sources/vb.md': '---\nkey: vb\ntitle: VBScript URL\nurl: "vbscript:msgbox(1)"\n---\nBody of vb.\n',
  'sources/quote.md': `---\nkey: quote\ntitle: Quoted URL\nurl: 'https://ok.invalid/a?b=${BREAKOUT}'\n---\nBody of quote.\n`,
  'sources/relative.md': '---\nkey: relative\ntitle: Relative URL\nurl: reports/a b.html\n---\nBody of relative.\n',
  'sources/mail.md': '---\nkey: mail\ntitle: Mail URL\nurl: mailto:desk@ok.invalid\n---\nBody of mail.\n',
  'sources/angle.md': '---\nkey: x<svg>y\ntitle: Angle key\n---\nBody of angle.\n',
});

const BRIEFING = [
  '# Hostile sources',
  '',
  'Opening [@evil]; second paragraph [@evil, ¶2]; third @evil [¶3].',
  '',
  'Schemes [@tab; @upper; @data; @vb] and links [@quote; @relative; @mail].',
  '',
  `Odd key [@x<svg>y] and an unknown one [@{${IMG_KEY}}].`,
  '',
].join('\n');

interface Tag {
  name: string;
  end: boolean;
  attrs: Array<[string, string]>;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
};

function decode(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (m, hex: string, dec: string, name: string) =>
    hex
      ? String.fromCodePoint(parseInt(hex, 16))
      : dec
        ? String.fromCodePoint(Number(dec))
        : (ENTITIES[name.toLowerCase()] ?? m),
  );
}

/** A small HTML tokenizer after the HTML standard's data, tag and attribute states: tags with decoded attributes, and text. */
function scanHtml(html: string): { tags: Tag[]; text: string } {
  const tags: Tag[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    if (html[i] !== '<') {
      const next = html.indexOf('<', i);
      text += decode(html.slice(i, next < 0 ? html.length : next));
      i = next < 0 ? html.length : next;
      continue;
    }
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const end = html[i + 1] === '/';
    const m = /^[a-z][^\s/>]*/i.exec(html.slice(i + (end ? 2 : 1)));
    if (!m) {
      if (/^[!?]/.test(html[i + 1] ?? '') || end) i = html.indexOf('>', i) < 0 ? html.length : html.indexOf('>', i) + 1;
      else ((text += '<'), i++);
      continue;
    }
    const tag: Tag = { name: m[0].toLowerCase(), end, attrs: [] };
    i += (end ? 2 : 1) + m[0].length;
    while (i < html.length && html[i] !== '>') {
      if (/[\s/]/.test(html[i])) {
        i++;
        continue;
      }
      const name = /^[^\s/>][^\s/>=]*/.exec(html.slice(i))![0];
      i += name.length;
      while (/\s/.test(html[i] ?? '')) i++;
      let value = '';
      if (html[i] === '=') {
        i++;
        while (/\s/.test(html[i] ?? '')) i++;
        const q = html[i];
        if (q === '"' || q === "'") {
          const close = html.indexOf(q, i + 1);
          value = html.slice(i + 1, close < 0 ? html.length : close);
          i = close < 0 ? html.length : close + 1;
        } else {
          value = /^[^\s>]*/.exec(html.slice(i))![0];
          i += value.length;
        }
      }
      tag.attrs.push([name.toLowerCase(), decode(value)]);
    }
    i++;
    tags.push(tag);
    if (!end && ['script', 'style', 'title', 'textarea'].includes(tag.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
      const raw = html.slice(i, close < 0 ? html.length : close);
      if (tag.name !== 'script' && tag.name !== 'style') text += decode(raw);
      i = close < 0 ? html.length : close;
    }
  }
  return { tags, text };
}

/** Elements the plugin and the export page may produce; anything else came from a payload. */
const ALLOWED = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'section',
  'h1',
  'h2',
  'p',
  'span',
  'a',
  'strong',
  'em',
  'code',
  'ol',
  'ul',
  'li',
  'script',
]);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'background']);

/** Asserts `html` holds no executable markup: no unexpected elements, no `on*` handlers, no script URLs. */
function assertInert(html: string, scripts: number): ReturnType<typeof scanHtml> {
  const scan = scanHtml(html);
  const starts = scan.tags.filter((t) => !t.end);
  assert.deepStrictEqual(
    starts.filter((t) => !ALLOWED.has(t.name)).map((t) => t.name),
    [],
    'only the elements the plugin writes',
  );
  assert.strictEqual(starts.filter((t) => t.name === 'script').length, scripts, 'script elements');
  for (const t of starts) {
    for (const [name, value] of t.attrs) {
      assert.doesNotMatch(name, /^on/, `<${t.name} ${name}="${value}">`);
      if (URL_ATTRS.has(name)) {
        // What a browser would see as the scheme: it drops ASCII whitespace and control characters first.
        const bare = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
        assert.doesNotMatch(bare, /^(?:javascript|vbscript|data):/, `<${t.name} ${name}="${value}">`);
      }
    }
    if (t.name === 'script') assert.deepStrictEqual(t.attrs, [], 'the one script is inline, with no src');
  }
  return scan;
}

/** The bibliography entry of `key`, as HTML. */
function entryOf(html: string, key: string): string {
  const entries = [...html.matchAll(/<li id="bd-ref-\d+" class="bd-ref">([\s\S]*?)<\/li>/g)].map((m) => m[1]);
  const found = entries.find((e) => e.includes(`<code>@${key.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`));
  assert.ok(found, `no bibliography entry for @${key} in\n${entries.join('\n')}`);
  return found;
}

function renderPreview(html: boolean): string {
  // The VS Code preview runs markdown-it with html on; the plugin's own output must not depend on that.
  const md = new MarkdownIt({ html, linkify: true }).use(citationPlugin, {
    resolve: (k) => corpus.get(k),
    location: (s) => s.url ?? s.uri,
  });
  return md.render(BRIEFING);
}

function renderExport(): string {
  return renderStandalone(BRIEFING, {
    corpus,
    css: fs.readFileSync(path.join(ROOT, 'media', 'preview.css'), 'utf8'),
    js: fs.readFileSync(path.join(ROOT, 'media', 'preview.js'), 'utf8'),
    location: (s) => s.url ?? s.uri,
    sha256: (t) => createHash('sha256').update(t, 'utf8').digest('base64'),
  }).html;
}

describe('markdown security: hostile sources render inert', () => {
  it('the hostile corpus parsed as the tests assume', () => {
    const evil = corpus.get('evil')!;
    assert.strictEqual(evil.title, `${SCRIPT} "Quoted" & ${IMG}`);
    assert.strictEqual(evil.outlet, BREAKOUT);
    assert.strictEqual(evil.url, 'javascript:alert(1)');
    assert.strictEqual(evil.paragraphs.length, 3);
    assert.strictEqual(corpus.get('tab')!.url, 'java\tscript:alert(1)');
    assert.ok(corpus.get('x<svg>y'));
  });

  for (const html of [false, true]) {
    it(`the preview has no script, handler or script URL (markdown-it html: ${html})`, () => {
      assertInert(renderPreview(html), 0);
    });
  }

  it('the exported page has exactly its one inline script and nothing executable besides', () => {
    assertInert(renderExport(), 1);
  });

  for (const [name, render] of [
    ['preview', () => renderPreview(true)],
    ['export', renderExport],
  ] as const) {
    it(`${name}: the payloads are shown as text, escaped, not dropped`, () => {
      const out = render();
      const { text } = scanHtml(out);
      assert.ok(text.includes(`${SCRIPT} "Quoted" & ${IMG}`), 'the title reads as written in the Sources list');
      assert.ok(text.includes(BREAKOUT), 'the outlet reads as written');
      assert.match(
        out,
        /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;Quoted&quot; &amp; &lt;img src=x onerror=alert\(1\)&gt;/,
      );
      assert.ok(out.includes('&quot;&gt;&lt;svg onload=alert(1)&gt;'));
    });

    it(`${name}: the tooltip data holds the cited paragraph exactly, inside its attribute`, () => {
      const { tags } = scanHtml(render());
      const evil = corpus.get('evil')!;
      const markers = tags.filter((t) => !t.end && t.attrs.some(([k, v]) => k === 'data-bd-key' && v === 'evil'));
      assert.strictEqual(markers.length, 3);
      const attr = (t: Tag, k: string) => t.attrs.find(([n]) => n === k)?.[1];
      assert.deepStrictEqual(
        markers.map((t) => attr(t, 'data-bd-passage')),
        evil.paragraphs.map((p) => p.text),
      );
      for (const t of markers) {
        assert.strictEqual(attr(t, 'data-bd-title'), evil.title);
        assert.ok(attr(t, 'data-bd-meta')!.includes(BREAKOUT));
        assert.ok(attr(t, 'title')!.startsWith(evil.title));
      }
    });

    it(`${name}: a source URL with a script scheme leaves its title unlinked`, () => {
      const out = render();
      for (const key of ['evil', 'tab', 'upper', 'data', 'vb']) {
        const entry = entryOf(out, key);
        assert.doesNotMatch(entry, /<a\b/, entry);
        assert.match(entry, /^<strong>/, entry);
      }
    });

    it(`${name}: http(s), mailto and relative source URLs stay links, their quotes encoded`, () => {
      const out = render();
      assert.match(
        entryOf(out, 'quote'),
        /^<a href="https:\/\/ok\.invalid\/a\?b=%22%3E%3Csvg%20onload=alert\(1\)%3E">Quoted URL<\/a>/,
      );
      assert.match(entryOf(out, 'relative'), /^<a href="reports\/a%20b\.html">Relative URL<\/a>/);
      assert.match(entryOf(out, 'mail'), /^<a href="mailto:desk@ok\.invalid">Mail URL<\/a>/);
    });

    it(`${name}: a key with angle brackets and an unknown braced key are escaped`, () => {
      const out = render();
      assert.ok(out.includes('data-bd-key="x&lt;svg&gt;y"'));
      assert.ok(out.includes('<code>@x&lt;svg&gt;y</code>'));
      const key = '&lt;img/src=x/onerror=alert(1)&gt;';
      assert.ok(out.includes(`<span class="bd-cite-unknown" title="Unknown source key @${key}">@{${key}}</span>`));
    });
  }

  it('the tooltip script builds the card from text only (textContent, never HTML)', () => {
    const js = fs.readFileSync(path.join(ROOT, 'media', 'preview.js'), 'utf8');
    assert.doesNotMatch(
      js,
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|new Function|createContextualFragment|DOMParser/,
    );
    assert.match(js, /\.textContent = /);
    // Attributes it sets are fixed names; only data-bd-* and title are read from the marker.
    for (const m of js.matchAll(/getAttribute\('([^']+)'\)/g)) assert.match(m[1], /^(?:data-bd-[a-z-]+|title)$/);
    for (const m of js.matchAll(/setAttribute\('([^']+)'/g))
      assert.match(m[1], /^(?:role|aria-describedby|title|data-bd-plain-title)$/);
  });
});
