// `briefing add` against a local HTTP server on 127.0.0.1: articles, redirects, errors, limits and hostile pages.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { parseSource, readSource, type ParsedSource } from '../../src/core/corpus';
import { inert } from '../../src/core/formats/save';
import { newsPage, reportPdf, wordDoc } from '../support/sourceFixtures';
import { ROOT } from './helpers/corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const seeds: ParsedSource[] = fs
  .readdirSync(path.join(ROOT, 'seeds'))
  .sort()
  .map((f) => parseSource(`seeds/${f}`, fs.readFileSync(path.join(ROOT, 'seeds', f), 'utf8')));

/** Runs the built CLI without blocking this process (the server answers from it). */
function briefing(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const EVIL_TITLE = 'Harbour news\n---\nkey: hijacked\n---';
const evilPage = `<!doctype html><html lang="en"><head><title>x</title>
<meta property="og:title" content="${EVIL_TITLE}">
<link rel="canonical" href="javascript:alert(8)">
<script>alert(1)</script></head><body onload="alert(9)"><article>
<h1>Harbour news</h1>
<p>The mayor said &lt;img src=x onerror=alert(1)&gt; was found in the harbour records, which the council will now review in full.</p>
<p onclick="alert(2)">Officials confirmed the [story](javascript:alert(3)) about the terminal, and the port authority agreed.</p>
<p><a href="javascript:alert(4)">Click here</a> to read how the harbour terminal opened today after a long review of the plans.</p>
<img src=x onerror="alert(5)"><iframe srcdoc="<script>alert(6)</script>"></iframe><svg onload="alert(7)"></svg>
<p>The terminal will handle twice the container traffic by next year, the port authority said in its statement.</p>
</article></body></html>`;

describe('briefing add (local HTTP server)', function () {
  this.timeout(60_000);
  let server: http.Server;
  let base: string;
  const open = new Set<http.ServerResponse>();

  before(async () => {
    const pdf = await reportPdf(seeds[1], { linesPerPage: 18 });
    server = http.createServer((req, res) => {
      open.add(res);
      res.on('close', () => open.delete(res));
      const go = (status: number, to: string) => res.writeHead(status, { location: to }).end();
      switch (req.url) {
        case '/article':
          return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(seeds[0]));
        case '/r1':
          return go(302, '/r2');
        case '/r2':
          return go(301, `${base}/r3`);
        case '/r3':
          return go(307, '/article');
        case '/loop':
          return go(302, '/loop');
        case '/report':
          return res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
        case '/picture.png':
          return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        case '/evil':
          return res.writeHead(200, { 'content-type': 'text/html' }).end(evilPage);
        case '/endless': {
          res.writeHead(200, { 'content-type': 'text/html' });
          const chunk = `<p>${'endless text '.repeat(500)}</p>\n`;
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump);
          };
          return pump();
        }
        case '/slow':
          return; // never answers
        default:
          return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const res of open) res.destroy();
    await new Promise((r) => server.close(r));
  });

  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-add-'));

  it('saves an article as Markdown with front matter, and the saved file reads as the page did', async () => {
    const dir = tmp();
    const r = await briefing(['add', `${base}/article`, '--to', dir, '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const text = fs.readFileSync(out.path, 'utf8');
    assert.match(text, /^---\nkey: india-israel-advancing-2025\ntitle: India, Israel advancing/);
    for (const field of [
      'url: https://news.example.org/2025/11/article.html',
      'outlet: The Frontier Post',
      'authors:\n  - Staff Reporter',
      `accessed: ${new Date().toISOString().slice(0, 10)}`,
    ])
      assert.ok(text.includes(field), field);
    const saved = await readSource(out.path, fs.readFileSync(out.path));
    assert.ok(!('reason' in saved));
    assert.deepStrictEqual(
      saved.paragraphs.map((p) => p.text),
      seeds[0].paragraphs.map((p) => p.text),
    );
    assert.strictEqual(saved.title, seeds[0].title);
  });

  it('follows a chain of redirects, and never overwrites: the second copy gets a new key', async () => {
    const dir = tmp();
    const first = await briefing(['add', `${base}/r1`, '--to', dir]);
    assert.strictEqual(first.code, 0, first.stderr);
    const second = await briefing(['add', `${base}/article`, '--to', dir]);
    assert.strictEqual(second.code, 0, second.stderr);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), [
      'india-israel-advancing-2025.md',
      'india-israel-advancing-2025b.md',
    ]);
    assert.match(second.stdout, /added @india-israel-advancing-2025b /);
  });

  it('stops after too many redirects, and reports HTTP errors, with one line and exit 2', async () => {
    const loop = await briefing(['add', `${base}/loop`, '--to', tmp()]);
    assert.strictEqual(loop.code, 2);
    assert.strictEqual(loop.stderr, `briefing add: ${base}/loop redirects more than 5 times\n`);
    const missing = await briefing(['add', `${base}/missing`, '--to', tmp()]);
    assert.strictEqual(missing.code, 2);
    assert.strictEqual(missing.stderr, `briefing add: ${base}/missing answered 404 Not Found\n`);
  });

  it('saves a PDF as itself, and refuses a type that is not a source format', async () => {
    const dir = tmp();
    const pdf = await briefing(['add', `${base}/report`, '--to', dir]);
    assert.strictEqual(pdf.code, 0, pdf.stderr);
    assert.deepStrictEqual(fs.readdirSync(dir), ['india-israel-ink-2025.pdf']);
    assert.match(pdf.stdout, /\(11 ¶, \d pages\)/);
    const png = await briefing(['add', `${base}/picture.png`, '--to', dir]);
    assert.strictEqual(png.code, 2);
    assert.match(png.stderr, /^briefing add: image\/png is not a supported source format/);
    assert.deepStrictEqual(fs.readdirSync(dir), ['india-israel-ink-2025.pdf']);
  });

  it('gives up on an endless response at the size limit and on a silent server at the deadline', async () => {
    const dir = tmp();
    const endless = await briefing(['add', `${base}/endless`, '--to', dir, '--max-mb', '1']);
    assert.strictEqual(endless.code, 2);
    assert.strictEqual(endless.stderr, `briefing add: ${base}/endless is too large (more than 1 MB, the limit)\n`);
    const slow = await briefing(['add', `${base}/slow`, '--to', dir, '--timeout', '1']);
    assert.strictEqual(slow.code, 2);
    assert.strictEqual(slow.stderr, `briefing add: ${base}/slow did not answer within 1 s\n`);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('saves a page full of script-injection payloads as inert text', async () => {
    const dir = tmp();
    const r = await briefing(['add', `${base}/evil`, '--to', dir, '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const file = JSON.parse(r.stdout).path;
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!/(?<!\\)<[A-Za-z/!?]/.test(text), `no HTML tag survives unescaped:\n${text}`);
    assert.ok(!/(?<!\\)\]\(/.test(text), 'no Markdown link survives');
    for (const n of [1, 2, 4, 5, 6, 7, 8, 9].map((i) => `alert(${i})`).slice(1))
      assert.ok(!text.includes(n), `${n} should be gone`);
    assert.ok(!/^url: javascript/m.test(text));
    assert.match(text, new RegExp(`^url: ${base}/evil$`, 'm'));
    const saved = await readSource(file, fs.readFileSync(file));
    assert.ok(!('reason' in saved));
    assert.strictEqual(saved.title, 'Harbour news --- key: hijacked ---');
    assert.notStrictEqual(saved.requestedKey, 'hijacked');
    assert.strictEqual(
      saved.paragraphs[0].text,
      inert(
        'The mayor said <img src=x onerror=alert(1)> was found in the harbour records, which the council will now review in full.',
      ),
    );
  });

  it('copies a local file the same way', async () => {
    const src = path.join(tmp(), 'page.html');
    fs.writeFileSync(src, newsPage(seeds[4]));
    const dir = tmp();
    const r = await briefing(['add', src, '--to', dir]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(fs.readdirSync(dir), ['israel-calls-india-2025.md']);
  });
});

describe('briefing check against web pages, PDFs and Word files', function () {
  this.timeout(60_000);

  it('verifies quotes cited with ¶ in the HTML and Word sources and with p. in the PDF, and flags an altered quote in each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-formats-'));
    fs.writeFileSync(path.join(dir, 'khan.html'), newsPage(seeds[0]));
    const pdfBytes = await reportPdf(seeds[1], { linesPerPage: 18 });
    fs.writeFileSync(path.join(dir, 'pact.pdf'), pdfBytes);
    fs.writeFileSync(path.join(dir, 'views.docx'), await wordDoc(seeds[3]));
    const listed = JSON.parse((await briefing(['sources', '--sources', dir, '--json'])).stdout).sources as Array<{
      key: string;
      path: string;
    }>;
    const keyOf = (file: string) => listed.find((s) => s.path.endsWith(file))!.key;
    const pdf = await readSource('pact.pdf', pdfBytes);
    assert.ok(!('reason' in pdf));
    const onTwo = pdf.paragraphs.find((p) => p.page === 2 && !p.pageEnd && !/[“”"]/.test(p.text))!;
    const words = (t: string, n = 6) =>
      t
        .split(' ')
        .slice(1, 1 + n)
        .join(' ');
    const html = seeds[0].paragraphs[1].text;
    const word = seeds[3].paragraphs[4].text;
    const md = [
      `Web: “${words(html)}” [@${keyOf('khan.html')}, ¶2].`,
      `Web altered: “${words(html)} elephants” [@${keyOf('khan.html')}, ¶2].`,
      `PDF: “${words(onTwo.text)}” [@${keyOf('pact.pdf')}, p. 2].`,
      `PDF altered: “${words(onTwo.text)} elephants” [@${keyOf('pact.pdf')}, p. 2].`,
      `Word: “${words(word)}” [@${keyOf('views.docx')}, ¶5].`,
      `Word altered: “${words(word)} elephants” [@${keyOf('views.docx')}, ¶5].`,
    ].join('\n\n');
    fs.writeFileSync(path.join(dir, 'brief.md'), `# Brief\n\n${md}\n`);
    const r = await briefing(['check', path.join(dir, 'brief.md'), '--sources', dir, '--json']);
    assert.strictEqual(r.code, 1, r.stderr);
    const found = JSON.parse(r.stdout).diagnostics as Array<{ line: number; code: string; message: string }>;
    assert.deepStrictEqual(
      found.map((d) => [d.line, d.code]),
      [
        [5, 'quote-not-found'],
        [9, 'quote-not-found'],
        [13, 'quote-not-found'],
      ],
    );
    assert.match(found[1].message, new RegExp(`in ${keyOf('pact.pdf')} p\\. 2`));
  });
});
