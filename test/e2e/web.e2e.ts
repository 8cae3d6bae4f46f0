// The browser build as users of vscode.dev, github.dev or a hosted code-server get it: a web-only .vsix (a `browser`
// entry and no `main`) installed into code-server, where it can only run in the web worker extension host. Drives the
// panel, a hover and a diagnostic in the workbench, and confirms the host in "Developer: Show Running Extensions".
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../support/codeServer';
import { EXPECTED } from '../web/expected';
import { openWorkbench, type Workbench } from './workbench';

const EXTENSION_ID = 'briefing-desk.briefing-desk';

/** Packages dist/web, media and seeds with a manifest that has `browser` and no `main` (nor the CLI's `bin`). */
function packageWebOnly(dir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  for (const k of ['main', 'bin', 'scripts', 'dependencies', 'devDependencies']) delete manifest[k];
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const p of ['dist/web', 'media', 'seeds', 'README.md', 'LICENSE'])
    fs.cpSync(path.join(REPO_ROOT, p), path.join(dir, p), { recursive: true });
  fs.writeFileSync(
    path.join(dir, '.vscodeignore'),
    ['**', '!dist/web/*.js', '!dist/web/formats/*.js', '!media/**', '!seeds/**', '!README.md', '!LICENSE'].join('\n'),
  );
  const out = path.join(dir, 'briefing-desk-web.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out];
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging the web-only .vsix failed:\n${r.stdout}${r.stderr}`);
  return out;
}

describe('Briefing Desk as a web extension (web-only .vsix)', function () {
  let wb: Workbench;
  let stage: string;
  let vsix: string;

  before(async () => {
    stage = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-desk-webvsix-'));
    vsix = packageWebOnly(stage);
    wb = await openWorkbench({ vsix });
    await wb.openFile('briefings/sample.md');
    await wb.waitForActivation();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-web-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await wb?.close();
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
  });

  it('the package has a browser entry and no main', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(vsix));
    const manifest = JSON.parse(await zip.file('extension/package.json')!.async('string'));
    assert.strictEqual(manifest.main, undefined);
    assert.strictEqual(manifest.browser, './dist/web/extension.js');
    const files = Object.keys(zip.files);
    assert.ok(files.includes('extension/dist/web/extension.js'), files.join(', '));
    assert.ok(
      !files.some((f) => f === 'extension/dist/extension.js' || f === 'extension/dist/cli.js'),
      files.join(', '),
    );
  });

  it('flags the misquote in the briefing, and the status bar counts it', async () => {
    await wb.activeEditor.locator('.squiggly-error').first().waitFor();
    const hover = await wb.hoverAt('Regional alliances are collapsing', { offset: 3, expect: 'Quote not found' });
    assert.match(await hover.innerText(), /Quote not found in india-israel-advancing ¶8/);
    await wb.page.keyboard.press('Escape');
    // The status bar item counts the sources (five seeds and the workspace's one), citations and problems.
    const status = wb.page.locator('.statusbar-item[aria-label^="Briefing Desk: "]').first();
    await status.waitFor();
    assert.match(
      String(await status.getAttribute('aria-label')),
      /^Briefing Desk: 6 sources indexed, \d+ citations in this briefing, 1 grounding problem\./,
    );
  });

  it('shows the cited paragraph when hovering a citation', async () => {
    const hover = await wb.hoverAt('@israel-calls-india, ¶6', { offset: 3, expect: EXPECTED.hover.text });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.ok(text.includes(EXPECTED.hover.title), text);
    await wb.screenshot('web-01-citation-hover');
    await wb.page.keyboard.press('Escape');
  });

  it('searches the sources from the side panel', async () => {
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    const query = panel.locator('#query');
    await panel.locator('.source-list li').first().waitFor();
    await query.fill(EXPECTED.search.query);
    const first = panel.locator(`#results[data-query="${EXPECTED.search.query}"] .result`).first();
    await first.waitFor();
    assert.match(await first.innerText(), EXPECTED.search.text);
    assert.ok((await panel.locator('.result mark').count()) > 0, 'matched words are highlighted');
    await wb.screenshot('web-02-panel-search');
  });

  it('runs in the web worker extension host (Developer: Show Running Extensions)', async () => {
    const text = await runningExtensionsRow(wb);
    assert.match(text, /web worker/i, text);
    // The activation time the workbench measured (load + activate), for the README's "Browser" figures.
    console.log(`      running extensions row: ${text}`);
    await wb.screenshot('web-03-running-extensions');
  });
});

/** The running-extensions row of Briefing Desk: which host, and the activation time the workbench measured. */
async function runningExtensionsRow(wb: Workbench): Promise<string> {
  await wb.runCommand('Developer: Show Running Extensions');
  const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Briefing Desk' }).first();
  await row.waitFor();
  await row.locator('text=/Activation/').waitFor();
  return (await row.innerText()).replace(/\s+/g, ' ');
}

describe('Briefing Desk with main and browser entries (the usual .vsix) runs in the Node host where there is one', function () {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    await wb.openFile('briefings/sample.md');
    await wb.waitForActivation();
  });

  after(async () => {
    await wb?.close();
  });

  it('runs in the Node extension host of the server (for the activation figure beside the web one)', async () => {
    await wb.activeEditor.locator('.squiggly-error').first().waitFor();
    const text = await runningExtensionsRow(wb);
    assert.doesNotMatch(text, /web worker/i, text);
    console.log(`      running extensions row: ${text}`);
  });
});
