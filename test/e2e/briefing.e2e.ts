// The main flows as an analyst meets them in a real workbench: search, insert, hover, see a misquote flagged.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Corpus, parseSource } from '../../src/core/corpus';
import { REPO_ROOT } from '../support/codeServer';
import { useWorkbench, visibleText, type Workbench } from './workbench';

const EXTENSION_ID = 'briefing-desk.briefing-desk';

/** The seeds as the extension reads them, to know which passage a user should get. */
function seeds(): Corpus {
  const dir = path.join(REPO_ROOT, 'seeds');
  const c = new Corpus();
  c.set(
    fs.readdirSync(dir).map((f) => parseSource(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8'))),
    true,
  );
  return c;
}

function citationOf(corpus: Corpus, needle: string): string {
  for (const s of corpus.sources) {
    const p = s.paragraphs.find((x) => x.text.includes(needle));
    if (p) return `[@${s.key}, ¶${p.n}]`;
  }
  throw new Error(`no seed paragraph contains ${needle}`);
}

describe('Briefing Desk: an analyst’s session', function () {
  const bench = useWorkbench('session');
  let wb: Workbench;
  beforeEach(() => (wb = bench()));
  const corpus = seeds();

  it('shows the sample briefing’s misquote as an error', async () => {
    const squiggle = wb.activeEditor.locator('.squiggly-error').first();
    await squiggle.waitFor();
    const hover = await wb.hoverAt('Regional alliances are collapsing', { offset: 3, expect: 'Quote not found' });
    const text = await hover.innerText();
    assert.match(text, /Quote not found in india-israel-advancing ¶8/);
    assert.match(text, /shifting/);
    await wb.screenshot('01-misquote-flagged');
    await wb.page.keyboard.press('Escape');
  });

  it('searches the sources from the side panel as you type, with typos', async () => {
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    const query = panel.locator('#query');
    await query.waitFor();
    await panel.locator('.source-list li').first().waitFor();
    await query.pressSequentially('Isreali drones', { delay: 40 });
    // Results come for each pause in typing; read the ones for the whole query.
    const first = panel.locator('#results[data-query="Isreali drones"] .result').first();
    await first.waitFor();
    const results = await panel.locator('.result').allInnerTexts();
    assert.ok(
      results.slice(0, 3).some((r) => /Harop/.test(r)),
      results.slice(0, 3).join('\n---\n'),
    );
    assert.ok((await panel.locator('.result mark').count()) > 0, 'matched words are highlighted');
    await wb.screenshot('02-panel-search');
  });

  it('inserts a citation from the panel at the cursor of the briefing', async () => {
    await wb.goToEnd();
    await wb.typeInEditor('\n\nIsraeli drones were used ');
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    // Clicking a result selects it; the toolbar under the list acts on the selected result.
    await panel.locator('.result', { hasText: 'Harop' }).first().click();
    await panel.locator('#result-actions button[aria-label="Insert citation"]').click();
    const expected = citationOf(corpus, 'Harop');
    await wb.activeEditor.locator('.view-line', { hasText: expected }).waitFor();
    await wb.screenshot('03-panel-inserted');
  });

  it('runs Insert Citation from the command palette and accepts a result', async () => {
    await wb.goToEnd();
    await wb.typeInEditor('\n\nIndia deploys the Barak-8 system ');
    await wb.runCommand('Briefing Desk: Insert Citation');
    await wb.quickInput.fill('Barak 8');
    const row = wb.quickPickRow('@');
    await row.waitFor();
    await wb.screenshot('04-insert-citation-picker');
    await wb.page.keyboard.press('Enter');
    const expected = citationOf(corpus, 'Barak-8');
    await wb.activeEditor.locator('.view-line', { hasText: `Barak-8 system ${expected}` }).waitFor();
    assert.match(await visibleText(wb.activeEditor), new RegExp(expected.replace(/[[\]]/g, '\\$&')));
  });

  it('shows an entity card when hovering a name', async () => {
    const hover = await wb.hoverAt('Masood Khan', { offset: 2, expect: 'Person' });
    const text = await hover.innerText();
    assert.ok(!text.includes('\u00a0'), 'card text has plain spaces, so it wraps between words');
    assert.match(text, /Masood Khan/);
    assert.match(text, /@india-israel-advancing/);
    await wb.screenshot('05-entity-hover');
    await wb.page.keyboard.press('Escape');
  });

  it('flags a misquote as it is typed', async () => {
    await wb.goToEnd();
    const before = await wb.activeEditor.locator('.squiggly-error').count();
    await wb.typeInEditor('\n\nBaram called India “a key strategic partner of Israel” [@israel-calls-india, ¶6].');
    await wb.activeEditor.locator('.squiggly-error').nth(before).waitFor();
    const hover = await wb.hoverAt('strategic partner of Israel', { offset: 2, expect: 'Quote not found' });
    assert.match(await hover.innerText(), /strategic ally/);
    await wb.screenshot('06-typed-misquote');
  });

  it('flags a claim whose place is not in the cited passage and applies the quick fix', async () => {
    await wb.goToEnd();
    const before = await wb.activeEditor.locator('.squiggly-warning').count();
    await wb.typeInEditor('\n\nThe memorandum was signed in Jerusalem [@india-israel-ink-2025, ¶3].');
    await wb.activeEditor.locator('.squiggly-warning').nth(before).waitFor({ timeout: 30_000 });
    const hover = await wb.hoverAt('signed in Jerusalem', { offset: 12, expect: 'is not in' });
    assert.match((await hover.innerText()).replace(/\u00a0/g, ' '), /Jerusalem is not in ¶3, which names Tel Aviv\./);
    await wb.screenshot('09-claim-flagged');
    await wb.page.keyboard.press('Escape');
    // The light bulb's menu: Ctrl+. with the caret still in the flagged word, then the fix by its title.
    await wb.page.keyboard.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with “Tel Aviv”' }).first();
    await fix.waitFor();
    // The menu takes keys, not clicks (a pointer block covers it while it opens): move to the fix, then Enter.
    for (let i = 0; i < 5 && !(await fix.evaluate((row) => row.classList.contains('focused'))); i++) {
      await wb.page.keyboard.press('ArrowDown');
    }
    await wb.page.keyboard.press('Enter');
    await wb.activeEditor.locator('.view-line', { hasText: 'signed in Tel Aviv' }).waitFor({ timeout: 10_000 });
    await wb.activeEditor.locator('.squiggly-warning').nth(before).waitFor({ state: 'detached', timeout: 30_000 });
    assert.doesNotMatch(await visibleText(wb.activeEditor), /Jerusalem/);
  });
});
