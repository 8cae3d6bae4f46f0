// `briefing export` as a reader gets it: open the HTML file in Chromium, hover a citation, read the card; nothing loads from outside.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { REPO_ROOT } from '../support/codeServer';
import { SCREENSHOT_DIR, WAIT } from './workbench';

describe('Briefing Desk: the exported HTML in a browser', () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows working tooltips and the bibliography, and makes no network requests', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-export-')), 'sample.html');
    const cli = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'dist', 'cli.js'),
        'export',
        path.join(REPO_ROOT, 'demo', 'briefings', 'sample.md'),
        '-o',
        out,
      ],
      { encoding: 'utf8' },
    );
    assert.strictEqual(cli.status, 0, cli.stderr);

    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.setDefaultTimeout(WAIT);
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) outside.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`file://${out}`);
    const marker = page.locator('a.bd-cite-ref', { hasText: '¶6' }).first();
    await marker.hover();
    const card = page.locator('.bd-tooltip:not([hidden])');
    await card.waitFor();
    assert.match(
      await card.innerText(),
      /Israel Calls India ‘Key Strategic Ally’[\s\S]*India is a key strategic ally of Israel/,
    );
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    // Keyboard users get the same card by focusing the marker.
    await marker.focus();
    await card.waitFor();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, '08-export-tooltip.png') });
    const sources = await page.locator('#bd-refs').innerText();
    assert.match(sources, /^Sources/);
    assert.match(sources, /@israel-calls-india/);
    assert.match(await page.locator('#bd-grounding').innerText(), /1 problem found/);
    assert.deepStrictEqual(outside, []);
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
});
