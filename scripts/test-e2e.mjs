// End-to-end tests: packages the extension, then runs test/e2e/**/*.e2e.ts (compiled to out/)
// under mocha; each scenario installs the .vsix into a fresh code-server and drives the
// workbench in headless Chromium. Screenshots land in test/e2e/screenshots/.
//
// usage: node scripts/test-e2e.mjs [--no-build] [mocha options, e.g. --grep hover]
//   --no-build  skip the build and test compilation (the .vsix is packaged anyway)
// env:   BRIEFING_CODE_SERVER=dir  use this code-server package instead of running the setup
//        BRIEFING_HEADED=1         show the browser (needs a display)
//        BRIEFING_KEEP_RUN=1       keep each scenario's temp run folder
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const noBuild = argv.includes('--no-build');
const mochaArgs = argv.filter((a) => a !== '--no-build');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const log = (msg) => console.error(`[test:e2e] ${msg}`);

function step(what, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    log(`${what} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (!noBuild) {
  step('build', ['scripts/build.mjs']);
  step('compile tests', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.test.json']);
}
// What users install is what is tested: always package the current build (about 3 s).
// --allow-missing-repository: no prompt when the manifest has no repository field (vsce asks otherwise);
// --no-rewrite-relative-links: the README's screenshots are relative links, which vsce otherwise refuses.
step('package', [
  bin('@vscode/vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
  '-o',
  'briefing-desk.vsix',
]);

// Install code-server once here, so the first scenario's timeout does not include it.
const require = createRequire(import.meta.url);
const { ensureCodeServer } = require(join(root, 'out', 'test', 'support', 'codeServer.js'));
ensureCodeServer({ withChromium: true });

const started = Date.now();
const r = spawnSync(
  process.execPath,
  [
    bin('mocha', 'bin/mocha.js'),
    '--no-config',
    '--ui',
    'bdd',
    '--timeout',
    '600000',
    '--reporter',
    'spec',
    '--exit',
    '--spec',
    'out/test/e2e/**/*.e2e.js',
    ...mochaArgs,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, BRIEFING_VSIX: join(root, 'briefing-desk.vsix') } },
);
log(`scenarios: ${((Date.now() - started) / 1000).toFixed(1)} s`);
log(r.status === 0 ? 'passed' : `FAILED (exit ${r.status ?? r.signal})`);
process.exit(r.status ?? 1);
