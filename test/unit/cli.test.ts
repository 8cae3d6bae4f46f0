// The `briefing` CLI as a user runs it: the built dist/cli.js in a child process, its output and exit codes.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers/corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The CLI's default index folder during tests (never the user's own cache). */
const XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-xdg-'));

function briefing(args: string[], cwd = ROOT) {
  const env = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpDir(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('cli: briefing sources', () => {
  it('lists the five bundled seeds with key, title, date, path and paragraph count', () => {
    const r = briefing(['sources', '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const { sources } = JSON.parse(r.stdout);
    assert.strictEqual(sources.length, 5);
    const ink = sources.find((s: { title: string }) => s.title.startsWith('India, Israel Ink Defence Pact'));
    assert.strictEqual(ink.date, '2025-11-05');
    assert.ok(fs.existsSync(ink.path), ink.path);
    assert.strictEqual(typeof ink.paragraphs, 'number');
    for (const s of sources)
      assert.deepStrictEqual(Object.keys(s).slice(0, 5), ['key', 'title', 'date', 'path', 'paragraphs']);
  });

  it('prints an aligned table without colour when not on a terminal', () => {
    const r = briefing(['sources']);
    assert.strictEqual(r.code, 0);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^KEY\s+DATE\s+¶\s+TITLE$/);
    const titleCol = lines[0].indexOf('TITLE');
    for (const l of lines.slice(1, 6)) assert.match(l.slice(titleCol - 2, titleCol), /^ {2}$/, l);
    assert.match(lines[lines.length - 1], /^5 sources$/);
  });

  it('replaces the seeds with --sources and skips unreadable files with a message', () => {
    const dir = tmpDir({
      'a.md': '---\nkey: alpha\n---\nAlpha report\n\nThe alpha paragraph says something useful.\n',
      'empty.txt': '',
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
    });
    const r = briefing(['sources', '--sources', dir, '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(
      JSON.parse(r.stdout).sources.map((s: { key: string }) => s.key),
      ['alpha'],
    );
    assert.match(r.stderr, /empty\.txt: the file is empty/);
    assert.match(r.stderr, /latin1\.txt: the file is not valid UTF-8 text/);
    assert.doesNotMatch(r.stderr, /image\.png/);
  });

  it('fails with one line and exit 2 for a missing folder or a folder without sources', () => {
    const missing = briefing(['sources', '--sources', '/nonexistent/briefing-sources']);
    assert.strictEqual(missing.code, 2);
    assert.strictEqual(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /\/nonexistent\/briefing-sources: no such file or directory/);
    const none = briefing(['sources', '--sources', tmpDir({ 'notes.rtf': 'x' })]);
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /no sources \(\.md, [^)]*\.html[^)]*\.pdf[^)]*\.docx\) in /);
  });
});

describe('cli: briefing search', () => {
  it('returns the Barak-8 passage first for "Barak 8"', () => {
    const r = briefing(['search', 'Barak 8', '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.query, 'Barak 8');
    assert.match(out.results[0].text, /Barak-8/);
    for (const res of out.results) for (const k of ['key', 'paragraph', 'text', 'score']) assert.ok(k in res, k);
    const scores = out.results.map((x: { score: number }) => x.score);
    assert.deepStrictEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('finds Hegseth despite the typo "Hegseht" and honours --limit', () => {
    const r = briefing(['search', 'Hegseht', '--limit', '2', '--json']);
    const { results } = JSON.parse(r.stdout);
    assert.ok(results.length >= 1 && results.length <= 2);
    assert.match(results[0].text, /Hegseth/);
  });

  it('shows readable results and rejects a bad --limit', () => {
    const r = briefing(['search', 'Rising Lion']);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, / 1\. @\S+, ¶\d+/);
    assert.match(r.stdout, /Operation Rising Lion/);
    const bad = briefing(['search', 'x', '--limit', 'ten']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--limit takes a whole number/);
  });
});

describe('cli: briefing check', () => {
  const fixture = path.join(ROOT, 'test', 'fixtures', 'briefings', 'one-real-one-altered.md');

  it('reports exactly the altered quote, with its line and column, and exits 1', () => {
    const r = briefing(['check', fixture, '--json']);
    assert.strictEqual(r.code, 1, r.stderr);
    const { diagnostics } = JSON.parse(r.stdout);
    assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics));
    const d = diagnostics[0];
    assert.strictEqual(d.code, 'quote-not-found');
    assert.strictEqual(d.severity, 'error');
    const lines = fs.readFileSync(fixture, 'utf8').split('\n');
    assert.strictEqual(d.line, lines.findIndex((l) => l.includes('a key strategic partner')) + 1);
    assert.ok(
      lines[d.line - 1].slice(d.column - 1).startsWith('“a key strategic partner') ||
        lines[d.line - 1].slice(d.column - 1).startsWith('a key strategic partner'),
      lines[d.line - 1].slice(d.column - 1),
    );
    assert.match(d.message, /strategic ally/);
  });

  it('exits 0 on a briefing whose citations and quotes hold', () => {
    const dir = tmpDir({
      'ok.md': 'Hegseth said “Our defence ties have never been stronger” [@islamabad-views-us-2025, ¶3].\n',
    });
    const r = briefing(['check', path.join(dir, 'ok.md')]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no problems found/);
  });

  it('names unknown keys and out-of-range paragraphs in human output', () => {
    const dir = tmpDir({ 'bad.md': 'One [@no-such-source].\n\nTwo [@israel-calls-india, ¶99].\n' });
    const r = briefing(['check', path.join(dir, 'bad.md')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /bad\.md:1:\d+\s+error\s+.*no-such-source.*unknown-key/);
    assert.match(r.stdout, /bad\.md:3:\d+\s+error\s+.*99.*locator-out-of-range/);
    assert.match(r.stdout, /2 errors, 0 warnings/);
  });

  it('says in one line, exit 2, when the briefing is missing, binary, not UTF-8, empty or a folder', () => {
    const dir = tmpDir({ 'b.md': Buffer.from([0, 1, 2, 3]), 'l.md': Buffer.from([0xe9, 0x0a]), 'e.md': '\n  \n' });
    for (const [file, msg] of [
      [path.join(dir, 'nope.md'), /nope\.md: no such file/],
      [path.join(dir, 'b.md'), /b\.md: is a binary file/],
      [path.join(dir, 'l.md'), /l\.md: is not valid UTF-8/],
      [dir, /is a directory/],
      [path.join(dir, 'e.md'), /e\.md: is empty, nothing to check/],
    ] as const) {
      const r = briefing(['check', file]);
      assert.strictEqual(r.code, 2, file);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, msg);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});

describe('cli: usage', () => {
  it('lists the commands on --help and rejects unknown commands and options with exit 2', () => {
    const h = briefing(['--help']);
    assert.strictEqual(h.code, 0);
    for (const c of ['sources', 'search', 'check']) assert.match(h.stdout, new RegExp(`\\n  ${c}\\s`));
    assert.strictEqual(briefing(['frobnicate']).code, 2);
    const bad = briefing(['sources', '--frob']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /unknown option --frob/);
  });
});

describe('cli: the saved index (--cache DIR, --no-cache)', () => {
  const report = (n: number) =>
    `Harbour report ${n}\n\n2024-03-0${n}\n\nMinister Ana Duarte opened berth ${n} in Porto.\n`;

  it('a warm run prints what a cold run printed, and a damaged index changes nothing but is rewritten', () => {
    const sources = tmpDir({ 'a.txt': report(1), 'b.txt': report(2) });
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-cache-'));
    const run = (...more: string[]) => briefing(['search', 'berth Porto', '--json', '--sources', sources, ...more]);
    const cold = run('--cache', cache);
    assert.strictEqual(cold.code, 0, cold.stderr);
    const files = fs.readdirSync(cache);
    assert.strictEqual(files.length, 1, files.join(', '));
    const warm = run('--cache', cache);
    assert.deepStrictEqual([warm.code, warm.stdout, warm.stderr], [0, cold.stdout, '']);
    fs.writeFileSync(path.join(cache, files[0]), fs.readFileSync(path.join(cache, files[0])).subarray(0, 200));
    const damaged = run('--cache', cache);
    assert.deepStrictEqual([damaged.code, damaged.stdout, damaged.stderr], [0, cold.stdout, '']);
    assert.ok(fs.statSync(path.join(cache, files[0])).size > 200, 'rewritten whole');
    fs.appendFileSync(path.join(sources, 'b.txt'), '\nA tugboat named Albatross arrived.\n');
    const changed = briefing(['search', 'Albatross', '--json', '--sources', sources, '--cache', cache]);
    assert.deepStrictEqual(
      JSON.parse(changed.stdout).results.map((r: { key: string }) => r.key),
      ['harbour-report-2-2024'],
    );
  });

  it('--no-cache neither reads nor writes an index; by default it goes under XDG_CACHE_HOME', () => {
    const sources = tmpDir({ 'a.txt': report(3) });
    const before = fs.existsSync(path.join(XDG_CACHE_HOME, 'briefing-desk', 'index'))
      ? fs.readdirSync(path.join(XDG_CACHE_HOME, 'briefing-desk', 'index')).length
      : 0;
    assert.strictEqual(briefing(['sources', '--sources', sources, '--no-cache']).code, 0);
    const dir = path.join(XDG_CACHE_HOME, 'briefing-desk', 'index');
    assert.strictEqual(fs.existsSync(dir) ? fs.readdirSync(dir).length : 0, before);
    assert.strictEqual(briefing(['sources', '--sources', sources]).code, 0);
    assert.strictEqual(fs.readdirSync(dir).length, before + 1);
  });
});
