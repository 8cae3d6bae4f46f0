// Hostile and messy source folders through the CLI and the file-system store (issue 8, items 4, 5, 8, 9, 10):
// bad entries are skipped with their reason, nothing blocks, nothing is printed raw, nothing is overwritten.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, entryProblem, loadSources, parseSource, sizeLimit, UnusableEntry } from '../../src/core/corpus';
import { paint, terminalOutput } from '../../src/cli/output';
import { FsSourceStore } from '../../src/node/fsStore';
import { ROOT } from './helpers/corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The CLI's default index folder during these tests (never the user's own cache). */
const XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-xdg-'));

/** Runs the built CLI; a hang fails the test (the budget is far above a normal run) instead of blocking mocha. */
function briefing(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME },
  });
  assert.notStrictEqual(r.signal, 'SIGTERM', `briefing ${args.join(' ')} did not finish in 20 s`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [XDG_CACHE_HOME];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const GOOD =
  '---\nkey: good\ntitle: Good Report\n---\nGood Report\n\nThe harbour reopened on Monday after the storm.\n';

function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-hostile-'));
  made.push(dir);
  for (const [name, content] of Object.entries({ 'sources/good.md': GOOD, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const keys = (stdout: string) => JSON.parse(stdout).sources.map((s: { key: string }) => s.key);

describe('hostile sources: only regular files are read', () => {
  it('skips a FIFO named like a source without waiting for a writer, and goes on', function () {
    if (process.platform === 'win32') this.skip();
    const dir = folder();
    spawnSync('mkfifo', [path.join(dir, 'sources', 'p.txt')]);
    const r = briefing(['sources', '--sources', 'sources', '--json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(keys(r.stdout), ['good']);
    assert.match(r.stderr, /sources\/p\.txt: is a named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a briefing that is a FIFO or a device, in one line, without reading it', function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    const dir = folder();
    spawnSync('mkfifo', [path.join(dir, 'b.md')]);
    for (const file of ['b.md', '/dev/zero']) {
      const r = briefing(['check', file, '--sources', 'sources'], dir);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.stderr, `briefing check: ${file}: is not a regular file, expected a Markdown briefing\n`);
    }
  });

  it('skips a link to /dev/zero at once instead of reading it forever', function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    const dir = folder();
    fs.symlinkSync('/dev/zero', path.join(dir, 'sources', 'z.txt'));
    const r = briefing(['sources', '--sources', 'sources', '--json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(keys(r.stdout), ['good']);
    assert.match(r.stderr, /sources\/z\.txt: is a device, not a regular file/);
  });

  it('follows a symbolic link to a regular file', () => {
    const dir = folder({ 'elsewhere/other.md': GOOD.replace(/good/g, 'other') });
    fs.symlinkSync('../elsewhere/other.md', path.join(dir, 'sources', 'linked.md'));
    const r = briefing(['sources', '--sources', 'sources', '--json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(keys(r.stdout), ['good', 'other']);
  });

  it('skips a source over --max-source-mb (default 20) with a message naming the option', () => {
    const big = 'Big Report\n\n' + 'A sentence about the harbour and its ships. '.repeat(30_000) + '\n';
    const dir = folder({ 'sources/big.txt': big });
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(dir, 'sources', 'big.txt'), hourAgo, hourAgo); // a settled file: its saved stamp is trusted
    const r = briefing(['sources', '--sources', 'sources', '--json', '--max-source-mb', '1'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(keys(r.stdout), ['good']);
    assert.match(
      r.stderr,
      /sources\/big\.txt: is 1\.3 MB, over the 1\.0 MB limit for one source \(raise it with --max-source-mb\)/,
    );
    const raised = briefing(['sources', '--sources', 'sources', '--json', '--max-source-mb', '2'], dir);
    assert.deepStrictEqual(keys(raised.stdout), ['big-report', 'good']);
    // The saved index holds the big source now; a lower limit still skips it (a stamp never overrides the limit).
    const lowered = briefing(['sources', '--sources', 'sources', '--json', '--max-source-mb', '1'], dir);
    assert.deepStrictEqual(keys(lowered.stdout), ['good']);
    assert.match(lowered.stderr, /sources\/big\.txt: is 1\.3 MB, over the 1\.0 MB limit/);
    const bad = briefing(['sources', '--sources', 'sources', '--max-source-mb', 'lots'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--max-source-mb takes a size in MB/);
  });

  it('decides from a stat-like record, for every host', () => {
    const limit = sizeLimit(20, 'the setting briefingDesk.maxSourceSizeMB');
    assert.strictEqual(entryProblem({ kind: 'file', size: 20 * 1024 * 1024 }, limit), undefined);
    assert.match(entryProblem({ kind: 'file', size: 20 * 1024 * 1024 + 1 }, limit)!, /briefingDesk\.maxSourceSizeMB/);
    for (const kind of ['fifo', 'socket', 'device', 'other', 'dangling', 'loop', 'bad-link', 'directory'] as const) {
      assert.ok(entryProblem({ kind, size: 0 }, limit), kind);
    }
  });

  it('the store lists and reads nothing over the limit, even when asked to read it directly', async () => {
    const dir = folder();
    const file = path.join(dir, 'sources', 'good.md');
    const store = new FsSourceStore([path.join(dir, 'sources')], { limit: sizeLimit(0.00005, '--max-source-mb') });
    assert.deepStrictEqual(await store.list(), []);
    assert.match(store.skipped()[0].reason, /over the .* limit/);
    await assert.rejects(store.read(file), (e: Error) => e instanceof UnusableEntry && /limit/.test(e.message));
  });
});

describe('hostile sources: one bad entry never stops the run', () => {
  for (const [name, make, reason] of [
    [
      'a symbolic link loop',
      (d: string) => {
        fs.symlinkSync('b.md', path.join(d, 'a.md'));
        fs.symlinkSync('a.md', path.join(d, 'b.md'));
      },
      /sources\/a\.md: is a symbolic link loop/,
    ],
    [
      'a folder linked into itself',
      (d: string) => fs.symlinkSync('.', path.join(d, 'again')),
      /sources\/again: is a symbolic link loop/,
    ],
    [
      'a dangling symbolic link',
      (d: string) => fs.symlinkSync('gone.md', path.join(d, 'd.md')),
      /sources\/d\.md: is a symbolic link to a file that does not exist/,
    ],
  ] as const) {
    it(`skips ${name}, names it with the reason, and uses the other sources`, () => {
      const dir = folder();
      make(path.join(dir, 'sources'));
      const r = briefing(['sources', '--sources', 'sources', '--json'], dir);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(keys(r.stdout), ['good']);
      assert.match(r.stderr, reason);
    });
  }

  it('skips a folder it cannot list, with the reason', async () => {
    const dir = folder({ 'sources/locked/inner.md': GOOD.replace(/good/g, 'inner') });
    const locked = path.join(dir, 'sources', 'locked');
    // Root reads any folder, so a real chmod 000 proves nothing here: make listing that one folder fail.
    const nodeFs = require('fs').promises as { readdir: (...a: unknown[]) => Promise<unknown> };
    const readdir = nodeFs.readdir;
    nodeFs.readdir = async (p: unknown, ...rest: unknown[]) => {
      if (String(p) === locked) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readdir(p, ...rest);
    };
    try {
      const result = await loadSources(new FsSourceStore([path.join(dir, 'sources')]));
      assert.deepStrictEqual(
        result.parsed.map((p) => p.title),
        ['Good Report'],
      );
      assert.deepStrictEqual(result.problems, [{ uri: locked, reason: 'folder cannot be read (permission denied)' }]);
    } finally {
      nodeFs.readdir = readdir;
    }
  });
});

describe('hostile sources: nothing reaches the terminal as a control sequence', () => {
  const evil = 'Evil \u001b]0;pwned\u0007 title\n\nThe harbour \u001b[2J reopened \u009b31m at \b dawn\r today.\n';

  it('escapes ESC, BEL, backspace, carriage return and C1 in human output; tab and newline stay', () => {
    const dir = folder({ 'sources/evil.txt': evil });
    const r = briefing(['search', 'harbour', '--sources', 'sources'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(r.stdout, /Evil \\x1b\]0;pwned\\x07 title/);
    assert.match(r.stdout, /The harbour \\x1b\[2J reopened \\x9b31m at \\x08 dawn/);
    const list = briefing(['sources', '--sources', 'sources'], dir);
    assert.doesNotMatch(list.stdout + list.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('keeps its own colours on a terminal while escaping the ones a file brings', () => {
    let written = '';
    const o = terminalOutput({ out: (t) => (written += t), err: () => undefined, color: true });
    o.out(`${paint(o, 'red', 'bad \u001b[2J title')}\tok\n`);
    assert.strictEqual(written, '\u001b[31mbad \\x1b[2J title\u001b[0m\tok\n');
  });

  it('escapes control characters in file names on standard error', () => {
    const dir = folder({ 'sources/bad\u001b[31mname.txt': '' });
    const r = briefing(['sources', '--sources', 'sources'], dir);
    assert.doesNotMatch(r.stderr, /\u001b/);
    assert.match(r.stderr, /bad\\x1b\[31mname\.txt: the file is empty/);
  });

  it('keeps the exact text in --json, every control character escaped', () => {
    const dir = folder({ 'sources/evil.txt': evil });
    const r = briefing(['search', 'harbour', '--sources', 'sources', '--json'], dir);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const hit = JSON.parse(r.stdout).results.find((h: { key: string }) => h.key !== 'good');
    assert.strictEqual(hit.title, 'Evil \u001b]0;pwned\u0007 title');
    assert.match(hit.text, /\u001b\[2J reopened \u009b31m at \u0008 dawn/);
  });
});

describe('hostile sources: broken front matter is shown, not silently ignored', () => {
  const files = {
    'sources/unclosed.md': '---\ntitle: Never Closed\n\nThe harbour reopened.\n',
    'sources/yaml.md': '---\ntitle: [unclosed\nkey: y\n---\nBad Yaml\n\nThe harbour reopened.\n',
    'sources/spaces.md': '---\ntitle: Spaced Key\nkey: my key\n---\nThe harbour reopened.\n',
    'sources/z-dup.md': '---\nkey: good\ntitle: Second Good\n---\nThe harbour reopened again.\n',
  };

  it('prints each on stderr as path:line: warning: …', () => {
    const dir = folder(files);
    const r = briefing(['sources', '--sources', 'sources', '--json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const warnings = r.stderr.trim().split('\n').sort();
    assert.deepStrictEqual(
      warnings.map((l) => l.replace(/: warning: .*/, '')).sort(),
      ['sources/spaces.md:3', 'sources/unclosed.md:1', 'sources/yaml.md:3', 'sources/z-dup.md:2'].sort(),
    );
    assert.match(r.stderr, /sources\/unclosed\.md:1: warning: front matter opened with --- is never closed/);
    assert.match(r.stderr, /sources\/yaml\.md:\d: warning: front matter is not valid YAML/);
    assert.match(r.stderr, /sources\/spaces\.md:3: warning: key "my key" is not a valid citation key/);
    assert.match(
      r.stderr,
      /sources\/z-dup\.md:2: warning: key "good" is already used by sources\/good\.md; this source gets the key "second-good"/,
    );
    assert.deepStrictEqual(
      keys(r.stdout).sort(),
      ['bad-yaml', 'good', 'second-good', 'spaced-key', 'title-never-closed'].sort(),
    );
  });

  it('are recorded by the core with their lines', () => {
    const corpus = new Corpus();
    corpus.set(Object.entries(files).map(([uri, text]) => parseSource(uri, text)));
    corpus.set([parseSource('sources/good.md', GOOD)]);
    assert.deepStrictEqual(
      corpus.warnings.map((w) => `${w.uri}:${w.line}`).sort(),
      ['sources/spaces.md:2', 'sources/unclosed.md:0', 'sources/yaml.md:2', 'sources/z-dup.md:1'].sort(),
    );
  });
});

describe('hostile sources: export never destroys work', () => {
  const briefingText = '# Note\n\nThe harbour reopened [@good].\n';

  it('refuses -o naming the briefing itself (also through a link), exit 2, one line, briefing kept', () => {
    const dir = folder({ 'f.md': briefingText });
    fs.symlinkSync('f.md', path.join(dir, 'alias.html'));
    for (const out of ['f.md', './f.md', 'alias.html']) {
      const r = briefing(['export', 'f.md', '-o', out, '--sources', 'sources'], dir);
      assert.strictEqual(r.code, 2, out);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /refusing to write .*: it is the briefing being exported/);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'f.md'), 'utf8'), briefingText);
    }
  });

  it('refuses -o naming a source, exit 2, one line naming it, source kept', () => {
    const dir = folder({ 'f.md': briefingText });
    const r = briefing(['export', 'f.md', '-o', 'sources/good.md', '--sources', 'sources'], dir);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /refusing to write sources\/good\.md: it is the source sources\/good\.md/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'sources', 'good.md'), 'utf8'), GOOD);
  });

  it('reports text nested more than 100 block quotes deep as a problem with its line', () => {
    const deep = `${briefingText}\n${'> '.repeat(150)}Hidden words deep down.\n`;
    const dir = folder({ 'f.md': deep });
    const r = briefing(['export', 'f.md', '-o', 'f.html', '--sources', 'sources', '--json'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).problems, 1);
    const html = fs.readFileSync(path.join(dir, 'f.html'), 'utf8');
    assert.match(html, /<li>Line 5: Text nested more than 100 levels deep/);
    assert.doesNotMatch(html, /every citation and quotation checks out/);
  });
});
