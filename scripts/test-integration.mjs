// Runs the extension-host suite (test/integration) in a real VS Code: by default code-server's
// workbench in headless Chromium (works offline), with --electron through @vscode/test-electron.
//
// usage: node scripts/test-integration.mjs [--electron] [--no-build] [--verbose] [--scale N]
// env:   BRIEFING_TEST_HOST=electron   same as --electron
//        BRIEFING_VSCODE_PATH=exe      with --electron: a local VS Code instead of a download
//        BRIEFING_TEST_TIMEOUT=secs    whole-run limit (default 600: the hostile-sources suite alone takes a minute on a loaded 2-core machine); exit 2 when it is hit
//        BRIEFING_TEST_GREP=pattern    only tests whose title matches
//        BRIEFING_CODE_SERVER=dir      use this code-server package instead of running the setup
//        BRIEFING_KEEP_RUN=1           keep the temp run folder (server.log, host.log, workspace)
//        BRIEFING_SCALE=N              same as --scale N: add N generated sources to the workspace and run only the
//                                      scale test (test/integration/scale.test.ts), which prints its measurements
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSuitePage, runnerSteps } from './workbench-suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const scaleAt = argv.indexOf('--scale');
const scale = Number(scaleAt >= 0 ? argv[scaleAt + 1] : process.env.BRIEFING_SCALE || 0);
const electron = args.has('--electron') || process.env.BRIEFING_TEST_HOST === 'electron';
const verbose = args.has('--verbose');
const timeoutMs = Number(process.env.BRIEFING_TEST_TIMEOUT || (scale ? 3600 : 600)) * 1000;
const fixture = join(root, 'test', 'fixtures', 'workspace');
const launcher = join(root, 'out', 'test', 'integration', 'launcher');
const { log, step, buildAndCompile } = runnerSteps(root, 'test:integration');

if (!args.has('--no-build')) buildAndCompile();
if (!existsSync(launcher + '.js')) {
  log(`${launcher}.js is missing; run without --no-build`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const cs = require(join(root, 'out', 'test', 'support', 'codeServer.js'));
const runDir = mkdtempSync(join(tmpdir(), 'briefing-desk-it-'));
const workspace = cs.copyWorkspace(fixture, join(runDir, 'workspace'));
const env = { BRIEFING_TEST_RESULT: join(runDir, 'result.json'), BRIEFING_TEST_LOG: join(runDir, 'mocha.log') };
if (scale > 0) {
  // A generated corpus (the corpus bench's deterministic articles) beside the fixture's sources; only the scale test.
  step(`write ${scale} generated sources`, process.execPath, [
    join(root, 'dist', 'bench.js'),
    'corpus-write',
    join(workspace, 'sources', 'generated'),
    String(scale),
  ]);
  env.BRIEFING_SCALE = String(scale);
  env.BRIEFING_TEST_GREP = process.env.BRIEFING_TEST_GREP || 'at scale';
}

const code = electron ? await runInElectron() : await runInCodeServer();
// When the suite never reported, the workbench's own output usually says why.
if (code !== 0 && !readResult() && existsSync(join(runDir, 'host.log')) && !verbose) {
  log('extension host and workbench output (last 60 lines):');
  console.error(readFileSync(join(runDir, 'host.log'), 'utf8').split('\n').slice(-60).join('\n'));
}
if (process.env.BRIEFING_KEEP_RUN) log(`run folder kept: ${runDir}`);
else rmSync(runDir, { recursive: true, force: true });
log(code === 0 ? 'passed' : `FAILED (exit ${code})`);
process.exit(code);

/** The outcome the launcher wrote, or null when it never wrote one. */
function readResult() {
  try {
    return JSON.parse(readFileSync(env.BRIEFING_TEST_RESULT, 'utf8'));
  } catch {
    return null;
  }
}

function report(result) {
  if (existsSync(env.BRIEFING_TEST_LOG)) process.stdout.write(readFileSync(env.BRIEFING_TEST_LOG, 'utf8'));
  if (!result) {
    log('the extension host finished without writing a result (crashed, exited or never ran the suite)');
    return 1;
  }
  if (result.code !== 0) log(`suite failed: ${result.error ?? 'unknown error'}`);
  return result.code === 0 ? 0 : 1;
}

async function runInCodeServer() {
  const { launchChromium } = require(join(root, 'out', 'test', 'support', 'chromium.js'));
  const pkg = cs.ensureCodeServer({ withChromium: true });
  cs.makeRunDir({ dir: runDir });
  const started = Date.now();
  const hostLog = join(runDir, 'host.log');
  const server = await cs.startCodeServer({ pkg, runDir, workspace, env });
  let suite;
  try {
    suite = await openSuitePage({
      launchChromium,
      server,
      payload: [
        ['extensionDevelopmentPath', server.remote(root)],
        ['extensionTestsPath', server.remote(launcher)],
      ],
      hostLog,
      verbose,
      timeoutMs,
    });
    // The result file is written before the workbench hears the exit code; poll both.
    const resultWritten = (async () => {
      while (!existsSync(env.BRIEFING_TEST_RESULT)) await new Promise((r) => setTimeout(r, 250));
      return 'result';
    })();
    const first = await Promise.race([suite.ended, resultWritten]);
    if (first.startsWith('exit:') && !existsSync(env.BRIEFING_TEST_RESULT)) {
      await Promise.race([resultWritten, new Promise((r) => setTimeout(r, 2000))]);
    }
    log(`suite finished (${first}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (first === 'timeout') {
      if (existsSync(env.BRIEFING_TEST_LOG)) process.stdout.write(readFileSync(env.BRIEFING_TEST_LOG, 'utf8'));
      log(`timed out after ${timeoutMs / 1000} s (BRIEFING_TEST_TIMEOUT)`);
      return 2;
    }
    if (first.startsWith('server-exit')) console.error(server.log());
    return report(readResult());
  } finally {
    await suite?.close();
    await server.stop();
  }
}

async function runInElectron() {
  const { runTests } = require('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: launcher,
      extensionTestsEnv: env,
      vscodeExecutablePath: process.env.BRIEFING_VSCODE_PATH || undefined,
      launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (err) {
    log(`VS Code run failed: ${err instanceof Error ? err.message : err}`);
  }
  return report(readResult());
}
