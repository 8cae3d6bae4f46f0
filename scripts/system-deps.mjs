// Makes sure the Debian packages in scripts/debian-packages.txt are there before a command needs them:
// as root (with apt-get) it installs the missing ones; otherwise it stops, and its first line is the exact
// command to run. The first step of `npm test` and of .ci/run.
//
// usage: node scripts/system-deps.mjs --for test|start|all
//   test   what `npm test` needs: the test tools, code-server's run-time tools, and its build tools until it is set up
//   start  what `npm start` needs (code-server's)
//   all    everything in the list (CI)
// env:   SKIP_APT=1   never call apt-get; report what is missing instead
//        BRIEFING_CODE_SERVER_DIR   where code-server is set up (default ~/.cache/briefing-desk/code-server)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const purpose = argv[argv.indexOf('--for') + 1];
if (!argv.includes('--for') || !['test', 'start', 'all'].includes(purpose)) {
  console.error('usage: node scripts/system-deps.mjs --for test|start|all');
  process.exit(2);
}

/** The list: one `command package when` triple a line; `#` starts a comment. */
function readList(file = join(here, 'debian-packages.txt')) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([command, pkg, when]) => ({ command, pkg, when }));
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const csDir = process.env.BRIEFING_CODE_SERVER_DIR || join(homedir(), '.cache', 'briefing-desk', 'code-server');
const codeServerReady = existsSync(join(csDir, 'package', '.offline-setup-ok')) || !!process.env.BRIEFING_CODE_SERVER;
const wanted = {
  all: () => true,
  test: (e) => e.when === 'test' || e.when === 'run' || (e.when === 'build' && !codeServerReady),
  start: (e) => e.when === 'run' || (e.when === 'build' && !codeServerReady),
}[purpose];
const missing = [
  ...new Set(
    readList()
      .filter(wanted)
      .filter((e) => !onPath(e.command))
      .map((e) => e.pkg),
  ),
];
if (!missing.length) process.exit(0);

const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const root = process.getuid?.() === 0;
if (!root || process.env.SKIP_APT || !onPath('apt-get')) {
  console.error(
    `Missing Debian packages (${missing.join(', ')}); install them first: sudo apt-get update && sudo ${install}`,
  );
  process.exit(1);
}
console.error(`[system-deps] installing Debian packages: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', ...missing],
]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`[system-deps] apt-get ${args[0]} failed (exit ${r.status}); run: ${install}`);
    process.exit(1);
  }
}
