// `npm test` on a fresh Debian machine (issue 8, item 13): scripts/system-deps.mjs checks the one package list
// and, when it cannot install, stops with the exact command on its first line.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers/corpus';

const SCRIPT = path.join(ROOT, 'scripts', 'system-deps.mjs');
const LIST = fs.readFileSync(path.join(ROOT, 'scripts', 'debian-packages.txt'), 'utf8');

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-deps-'));
  made.push(d);
  return d;
}

/** A PATH folder holding executables named `commands` (nothing else: a machine without the rest). */
function pathWith(commands: string[]): string {
  const dir = tmp();
  for (const c of commands) fs.writeFileSync(path.join(dir, c), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

function deps(purpose: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [SCRIPT, '--for', purpose], {
    encoding: 'utf8',
    env: { HOME: tmp(), SKIP_APT: '1', BRIEFING_CODE_SERVER_DIR: tmp(), ...env },
  });
  return { code: r.status, stderr: r.stderr };
}

describe('npm test on a fresh machine: system packages', () => {
  it('stops with the exact apt-get command on the first line when packages are missing and it may not install', () => {
    const r = deps('test', { PATH: pathWith([]) });
    assert.strictEqual(r.code, 1);
    assert.strictEqual(
      r.stderr.split('\n')[0],
      'Missing Debian packages (build-essential, python3, libkrb5-dev, ripgrep, chromium, pandoc); install them first: ' +
        'sudo apt-get update && sudo apt-get install -y --no-install-recommends build-essential python3 libkrb5-dev ripgrep chromium pandoc',
    );
  });

  it('asks only for what is missing; code-server’s build tools only until it is set up', () => {
    const csDir = tmp();
    fs.mkdirSync(path.join(csDir, 'package'));
    fs.writeFileSync(path.join(csDir, 'package', '.offline-setup-ok'), '4.100.3\n');
    const r = deps('test', { PATH: pathWith(['rg', 'chromium']), BRIEFING_CODE_SERVER_DIR: csDir });
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr.split('\n')[0], /sudo apt-get install -y --no-install-recommends pandoc$/);
  });

  it('passes silently when every command is there', () => {
    const all = ['make', 'g++', 'python3', 'krb5-config', 'rg', 'chromium', 'pandoc'];
    const r = deps('all', { PATH: pathWith(all) });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, '');
  });

  it('is the one list: CI, npm test and the code-server setup read scripts/debian-packages.txt', () => {
    const packages = [
      ...new Set(
        LIST.split('\n')
          .filter((l) => l.trim() && !l.startsWith('#'))
          .map((l) => l.trim().split(/\s+/)[1]),
      ),
    ];
    assert.deepStrictEqual(packages, ['build-essential', 'python3', 'libkrb5-dev', 'ripgrep', 'chromium', 'pandoc']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.match(pkg.scripts.test, /^node scripts\/system-deps\.mjs --for test && /);
    for (const file of ['.ci/run', 'scripts/setup-code-server.sh']) {
      const text = fs
        .readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n');
      for (const p of ['build-essential', 'libkrb5-dev', 'pandoc'])
        assert.doesNotMatch(text, new RegExp(p), `${file} names ${p}`);
      assert.match(text, /debian-packages\.txt|system-deps\.mjs/, file);
    }
  });
});
