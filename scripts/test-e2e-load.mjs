// The end-to-end suite under load: two CPU-bound busy loops run beside it, as on a busy CI machine.
// The suite's waits are for visible results with generous timeouts; this shows they hold.
//
// usage: node scripts/test-e2e-load.mjs [--runs N] [--loops N] [--no-build] [mocha options, e.g. --grep hover]
//   --runs N   run the suite N times in a row (default 1); stops at the first failure
//   --loops N  how many busy loops (default 2)
// Prints one line per run and, at the end, "N/N runs passed under load (L busy loops)".
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  argv.splice(i, 2);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`[test:e2e:load] ${name} takes a whole number`);
    process.exit(2);
  }
  return v;
};
const runs = take('--runs', 1);
const loops = take('--loops', 2);
const log = (msg) => console.error(`[test:e2e:load] ${msg}`);

// Each loop is a separate process spinning one core flat out until it is killed.
const busy = Array.from({ length: loops }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoads = () => {
  for (const c of busy) if (c.exitCode === null) c.kill('SIGKILL');
};
process.on('exit', stopLoads);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
log(`${loops} busy loops running (pids ${busy.map((c) => c.pid).join(', ')})`);

let passed = 0;
for (let i = 1; i <= runs; i++) {
  // Build and compile once; later runs reuse them (the .vsix is packaged each time anyway).
  const args = i === 1 ? argv : [...new Set(['--no-build', ...argv])];
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'test-e2e.mjs'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (r.status !== 0) {
    log(`run ${i}/${runs} FAILED after ${secs} s (exit ${r.status ?? r.signal})`);
    break;
  }
  passed++;
  log(`run ${i}/${runs} passed in ${secs} s`);
}
stopLoads();
log(`${passed}/${runs} runs passed under load (${loops} busy loops)`);
process.exit(passed === runs ? 0 : 1);
