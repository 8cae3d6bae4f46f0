// `briefing export` and `briefing bib` end to end: the built dist/cli.js over a small sample, and pandoc over its CSL-JSON.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers/corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function briefing(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A folder with three sources (one never cited) and a briefing citing two of them and one unknown key. */
function sample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-export-'));
  made.push(dir);
  const files: Record<string, string> = {
    'sources/harbour.md':
      '---\nkey: harbour\ntitle: Harbour Reopens\ndate: 2024-03-05\noutlet: Coast Gazette\nurl: https://gazette.invalid/harbour\n---\n' +
      'PORTVILLE: The harbour reopened on Monday.\n\nShips queued at dawn.\n\nThe mayor cut a ribbon.\n',
    'sources/bridge.md':
      '---\nkey: bridge\ntitle: Bridge Vote Delayed\ndate: 2024-04-01\noutlet: Valley Post\n---\nThe council delayed its vote.\n\nEngineers asked for time.\n',
    'sources/unused.md': '---\nkey: unused\ntitle: Unused Report\ndate: 2024-01-01\n---\nNobody cites this.\n',
    'briefing.md':
      '# Port week\n\nThe harbour reopened [@harbour, ¶1] and "the mayor cut a ribbon" [@harbour, ¶3].\n\n' +
      'The vote slipped [see @bridge, ¶1; @harbour, ¶2].\n\nA claim from nowhere [@nowhere].\n',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The contents of every `<tag>…</tag>` in `html`. */
function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe('cli: briefing export', () => {
  let dir: string;
  let html: string;
  let run: ReturnType<typeof briefing>;
  before(() => {
    dir = sample();
    run = briefing(['export', 'briefing.md', '--sources', 'sources'], dir);
    html = fs.readFileSync(path.join(dir, 'briefing.html'), 'utf8');
  });

  it('writes briefing.html beside the briefing and says how many sources and problems it found', () => {
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stdout, 'wrote briefing.html  2 sources cited, 1 problem\n');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<title>Port week<\/title>/);
  });

  it('is one self-contained page: inline CSS and JS, nothing loaded from elsewhere', () => {
    assert.strictEqual(elements(html, 'style').length, 1);
    assert.strictEqual(elements(html, 'script').length, 1);
    assert.match(html, /<script>\/\/ Citation tooltip cards/);
    assert.match(html, /\.bd-tooltip \{/);
    assert.doesNotMatch(html, /<link\b/i);
    assert.doesNotMatch(html, /\ssrc\s*=/i);
    // The only http(s) addresses are the cited source's own link in the Sources list, which nothing loads.
    const hrefs = [...html.matchAll(/<(\w+)[^>]*\shref="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    assert.deepStrictEqual(
      hrefs.filter(([, h]) => /^https?:/i.test(h)),
      [['a', 'https://gazette.invalid/harbour']],
    );
    assert.deepStrictEqual(
      hrefs.filter(([, h]) => !/^(?:#|https?:)/i.test(h)),
      [],
    );
  });

  it('carries a CSP that allows exactly its inline style and script and no network', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta element');
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`style-src 'sha256-${sha256(elements(html, 'style')[0])}'`), csp);
    assert.ok(csp.includes(`script-src 'sha256-${sha256(elements(html, 'script')[0])}'`), csp);
    assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  });

  it('numbers the markers and lists the cited sources, in order of first citation, with their paths', () => {
    assert.match(html, /<a href="#bd-ref-1" id="bd-cite-1" class="bd-cite-ref" data-bd-key="harbour"[^>]*>1, ¶1<\/a>/);
    assert.match(
      html,
      /\[see <a href="#bd-ref-2" id="bd-cite-3" class="bd-cite-ref" data-bd-key="bridge"[^>]*>2, ¶1<\/a>; <a href="#bd-ref-1"[^>]*>1, ¶2<\/a>\]/,
    );
    const sources = elements(html, 'section').find((s) => s.startsWith('\n<h2>Sources</h2>'));
    assert.ok(sources, 'a Sources section');
    assert.deepStrictEqual(elements(sources, 'li'), [
      '<a href="https://gazette.invalid/harbour">Harbour Reopens</a>. Coast Gazette, Portville, 2024-03-05. <code>@harbour</code> · sources/harbour.md',
      '<strong>Bridge Vote Delayed</strong>. Valley Post, 2024-04-01. <code>@bridge</code> · sources/bridge.md',
    ]);
    assert.doesNotMatch(html, /Unused Report/);
    assert.match(html, /<span class="bd-cite-unknown" title="Unknown source key @nowhere">@nowhere<\/span>/);
  });

  it('ends with a grounding summary that names the unknown key', () => {
    const summary = /<section class="bd-summary" id="bd-grounding">([\s\S]*?)<\/section>/.exec(html)?.[1];
    assert.ok(summary, 'a grounding summary');
    assert.match(summary, /<h2>Grounding summary<\/h2>/);
    assert.match(summary, /<p>5 citations of 2 sources; 1 problem found\.<\/p>/);
    assert.match(summary, /<li>Line 7: [^<]*nowhere[^<]*<code>unknown-key<\/code><\/li>/);
    assert.ok(html.indexOf('id="bd-grounding"') > html.indexOf('id="bd-refs"'), 'after the Sources list');
  });

  it('writes where -o says, with source paths relative to that page, and reports it as JSON', () => {
    fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
    const r = briefing(['export', 'briefing.md', '-o', 'out/page.html', '--sources', 'sources', '--json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), {
      file: 'briefing.md',
      output: 'out/page.html',
      cited: ['harbour', 'bridge'],
      problems: 1,
    });
    const page = fs.readFileSync(path.join(dir, 'out', 'page.html'), 'utf8');
    assert.ok(page.includes('<code>@bridge</code> · ../sources/bridge.md'), 'path from out/ to the source');
  });

  it('fails with exit 2 and one line for a briefing that does not exist', () => {
    const r = briefing(['export', 'missing.md', '--sources', 'sources'], dir);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /missing\.md/);
  });
});

describe('cli: briefing bib', () => {
  let dir: string;
  before(() => {
    dir = sample();
  });

  it('writes every source as CSL-JSON, the key as the id', () => {
    const r = briefing(['bib', '--sources', 'sources'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const items = JSON.parse(r.stdout) as Array<{ id: string }>;
    assert.deepStrictEqual(items.map((i) => i.id).sort(), ['bridge', 'harbour', 'unused']);
  });

  it('with --cited keeps only the sources the briefing cites, with title, outlet, place, date and URL', () => {
    const r = briefing(['bib', '--cited', 'briefing.md', '--sources', 'sources'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const items = JSON.parse(r.stdout) as Array<{ id: string }>;
    assert.deepStrictEqual(
      items.find((i) => i.id === 'harbour'),
      {
        id: 'harbour',
        type: 'article-newspaper',
        title: 'Harbour Reopens',
        'container-title': 'Coast Gazette',
        'publisher-place': 'Portville',
        issued: { 'date-parts': [[2024, 3, 5]] },
        URL: 'https://gazette.invalid/harbour',
      },
    );
    assert.deepStrictEqual(items.map((i) => i.id).sort(), ['bridge', 'harbour']);
  });
});

describe('pandoc round trip: briefing bib --cited, then pandoc --citeproc', () => {
  it("renders the briefing with each cited source in pandoc's bibliography", function () {
    this.timeout(60_000);
    const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      assert.fail(
        `pandoc is not installed or does not run (${version.error?.message ?? version.stderr}); this test needs pandoc >= 2.11 on PATH (CI installs it: apt-get install pandoc).`,
      );
    }
    const dir = sample();
    // Pandoc resolves every key; the unknown one would only warn, so the round trip uses the cited sources alone.
    fs.writeFileSync(
      path.join(dir, 'briefing.md'),
      fs.readFileSync(path.join(dir, 'briefing.md'), 'utf8').replace(/\nA claim from nowhere.*\n/, '\n'),
    );
    const bib = briefing(['bib', '--cited', 'briefing.md', '--sources', 'sources'], dir);
    assert.strictEqual(bib.code, 0, bib.stderr);
    fs.writeFileSync(path.join(dir, 'refs.json'), bib.stdout);
    const r = spawnSync('pandoc', ['--citeproc', '--bibliography', 'refs.json', 'briefing.md', '-o', 'out.html'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /not found/, r.stderr);
    const out = fs.readFileSync(path.join(dir, 'out.html'), 'utf8');
    assert.match(out, /id="ref-harbour"/);
    assert.match(out, /id="ref-bridge"/);
    for (const title of ['Harbour Reopens', 'Bridge Vote Delayed'])
      assert.ok(out.includes(title), `${title} in pandoc's output:\n${out}`);
    assert.doesNotMatch(out, /Unused Report/);
  });
});
