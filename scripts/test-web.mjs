// Runs the web extension's suite (test/web) in code-server's browser workbench, where an extension whose manifest
// has `browser` and no `main` runs in the web worker extension host (see ../shared/docs/TESTBED-WEB.md). The
// extension is staged as a web-only copy (package.json without `main`, dist/web, media, seeds); the workspace is the
// integration fixture plus a web page, a PDF and a Word file made from the seeds.
//
// usage: node scripts/test-web.mjs [--no-build] [--verbose]
// env:   BRIEFING_TEST_TIMEOUT=secs   whole-run limit (default 600); exit 2 when it is hit
//        BRIEFING_CODE_SERVER=dir     use this code-server package instead of running the setup
//        BRIEFING_KEEP_RUN=1          keep the temp run folder (server.log, host.log, workspace, staged extension)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSuitePage, runnerSteps } from './workbench-suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const verbose = args.has('--verbose');
const timeoutMs = Number(process.env.BRIEFING_TEST_TIMEOUT || 600) * 1000;
const suite = join(root, 'out', 'web-suite', 'index.js'); // the bundle scripts/build.mjs makes (tsc's out/test/web is not one)
const { log, buildAndCompile } = runnerSteps(root, 'test:web');
const RESULT_FILE = '.briefing-web-test.json';

if (!args.has('--no-build')) buildAndCompile();
for (const f of [
  suite,
  join(root, 'dist', 'web', 'extension.js'),
  join(root, 'out', 'test', 'support', 'codeServer.js'),
])
  if (!existsSync(f)) {
    log(`${f} is missing; run without --no-build`);
    process.exit(1);
  }

const require = createRequire(import.meta.url);
const cs = require(join(root, 'out', 'test', 'support', 'codeServer.js'));
const runDir = mkdtempSync(join(tmpdir(), 'briefing-desk-web-'));
const extDir = stageWebExtension(join(runDir, 'web-extension'));
const workspace = cs.copyWorkspace(join(root, 'test', 'fixtures', 'workspace'), join(runDir, 'workspace'));
await writeFormatSources(join(workspace, 'sources'));
const pages = await servePages();
writeFileSync(join(workspace, '.briefing-web-test-server'), pages.origin);

const code = await runInCodeServer().finally(() => pages.close());
if (process.env.BRIEFING_KEEP_RUN) log(`run folder kept: ${runDir}`);
else rmSync(runDir, { recursive: true, force: true });
log(code === 0 ? 'passed' : `FAILED (exit ${code})`);
process.exit(code);

/** A copy of the extension whose manifest has `browser` and no `main`, as a web-only install would have it. */
function stageWebExtension(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.main;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  // The suite must be inside the extension's folder: the workbench runs a test file in the extension host of the
  // extension that contains it (outside every extension it would go to the Node host).
  cpSync(suite, join(dir, 'test', 'index.js'));
  for (const p of ['dist/web', 'media', 'seeds', 'README.md', 'LICENSE'])
    cpSync(join(root, p), join(dir, p), { recursive: true });
  return dir;
}

/** A web page, a PDF and a Word file made from three seeds (test/web/features.test.ts compares them with the seeds). */
async function writeFormatSources(dir) {
  const { parseSource } = require(join(root, 'out', 'src', 'core', 'corpus', 'index.js'));
  const fx = require(join(root, 'out', 'test', 'support', 'sourceFixtures.js'));
  const seed = (prefix) => {
    const seeds = join(root, 'seeds');
    const name = require('node:fs')
      .readdirSync(seeds)
      .find((f) => f.startsWith(prefix));
    return parseSource(`seeds/${name}`, readFileSync(join(seeds, name), 'utf8'));
  };
  writeFileSync(join(dir, 'web-page.html'), fx.newsPage(seed('000_')));
  writeFileSync(join(dir, 'report.pdf'), await fx.reportPdf(seed('001_'), { linesPerPage: 18 }));
  writeFileSync(join(dir, 'memo.docx'), await fx.wordDoc(seed('003_')));
}

/**
 * Pages for Add Source from URL, on another origin than the workbench: /article and /moved (a redirect to it) allow
 * cross-origin requests; /no-cors is the same page without the header, as most news sites serve theirs.
 */
async function servePages() {
  const http = await import('node:http');
  const fx = require(join(root, 'out', 'test', 'support', 'sourceFixtures.js'));
  // No canonical address (url ''), so the source records the address it was fetched from.
  const page = fx.newsPage(
    {
      title: 'Harbour pilots strike over night shifts',
      date: '2025-11-20',
      paragraphs: [
        { text: 'Harbour pilots walked out at dawn on Thursday over a new roster of night shifts.' },
        { text: 'The port authority said tankers would wait at anchor until the dispute was settled.' },
      ],
    },
    { url: '' },
  );
  const server = http.createServer((req, res) => {
    const cors = req.url !== '/no-cors' ? { 'access-control-allow-origin': '*' } : {};
    if (req.url === '/moved') res.writeHead(302, { location: '/article', ...cors }).end();
    else if (req.url === '/article' || req.url === '/no-cors')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...cors }).end(page);
    else res.writeHead(404, cors).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

function readResult() {
  try {
    return JSON.parse(readFileSync(join(workspace, RESULT_FILE), 'utf8'));
  } catch {
    return null;
  }
}

async function runInCodeServer() {
  const { launchChromium } = require(join(root, 'out', 'test', 'support', 'chromium.js'));
  const pkg = cs.ensureCodeServer({ withChromium: true });
  cs.makeRunDir({ dir: runDir });
  const started = Date.now();
  const hostLog = join(runDir, 'host.log');
  const server = await cs.startCodeServer({ pkg, runDir, workspace });
  let suite;
  try {
    suite = await openSuitePage({
      launchChromium,
      server,
      payload: [
        ['extensionDevelopmentPath', server.remote(extDir)],
        ['extensionTestsPath', server.remote(join(extDir, 'test', 'index.js'))],
      ],
      hostLog,
      verbose,
      timeoutMs,
    });
    const first = await suite.ended;
    log(`suite finished (${first}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const result = readResult();
    if (result?.log) process.stdout.write(result.log + '\n');
    if (first === 'timeout') {
      log(`timed out after ${timeoutMs / 1000} s (BRIEFING_TEST_TIMEOUT)`);
      return 2;
    }
    if (!result || (!verbose && result.code !== 0)) {
      log('extension host and workbench output (last 60 lines):');
      console.error(existsSync(hostLog) ? readFileSync(hostLog, 'utf8').split('\n').slice(-60).join('\n') : '(none)');
    }
    if (first.startsWith('server-exit')) console.error(server.log());
    if (!result) {
      log('the web extension host finished without writing a result (crashed or never ran the suite)');
      return 1;
    }
    return result.code === 0 && first === 'exit:0' ? 0 : 1;
  } finally {
    await suite?.close();
    await server.stop();
  }
}
