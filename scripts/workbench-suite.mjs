// Shared by the runners of the suites that run inside code-server's workbench (test-integration.mjs for the Node
// extension host, test-web.mjs for the web worker extension host): the build steps, and a headless Chromium page on
// the workbench with the two hooks the workbench calls in test mode (the ones @vscode/test-web uses).
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/** A runner's log line prefix, its steps (each must succeed, timed) and the usual build + test compilation. */
export function runnerSteps(root, tag) {
  const log = (msg) => console.error(`[${tag}] ${msg}`);
  const step = (what, cmd, cmdArgs) => {
    const started = Date.now();
    const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      log(`${what} failed (exit ${r.status})`);
      process.exit(1);
    }
    log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const buildAndCompile = () => {
    step('build', process.execPath, ['scripts/build.mjs']);
    step('compile tests', process.execPath, [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      'tsconfig.test.json',
    ]);
  };
  return { log, step, buildAndCompile };
}

/**
 * Opens the workbench of `server` with the suite's `payload` (extensionDevelopmentPath, extensionTestsPath), the test
 * hooks registered first. `ended` settles with `exit:N` when the workbench reports the suite's run() settled,
 * `timeout` after `timeoutMs`, or `server-exit:N`. Page errors and the workbench's log go to `hostLog` (and stderr if
 * verbose). `close()` stops the clock and closes the browser.
 */
export async function openSuitePage({ launchChromium, server, payload, hostLog, verbose, timeoutMs }) {
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const serverGone = server.exited.then((c) => `server-exit:${c}`);
  const browser = await launchChromium();
  const close = async () => {
    clearTimeout(timer);
    await closeSuiteBrowser(browser);
  };
  try {
    const page = await browser.newPage();
    const note = (line) => (appendFileSync(hostLog, line + '\n'), verbose && console.error(line));
    page.on('pageerror', (err) => note(`[page error] ${err.message}`));
    let finished;
    const exitCode = new Promise((resolve) => (finished = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, logArgs) => note(format(...(logArgs ?? []))));
    await page.exposeFunction('codeAutomationExit', (c) => finished(c));
    await page.goto(server.url(payload), { timeout: 120_000 });
    return { ended: Promise.race([exitCode.then((c) => `exit:${c}`), timedOut, serverGone]), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Leaves every page first (so the server ends the extension host now, not after a reconnection grace), then closes. */
export async function closeSuiteBrowser(browser) {
  for (const p of browser.contexts().flatMap((c) => c.pages())) await p.goto('about:blank').catch(() => {});
  await browser.close().catch(() => {});
}
