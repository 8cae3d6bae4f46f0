// The side panel from the keyboard (Search Sources, arrows, Enter, Alt+Enter, Escape), its filters, and
// accessibility checks (axe-core) on the panel and the Markdown preview.
import * as assert from 'assert';
import * as fs from 'fs';
import type { Frame, Page } from 'playwright-core';
import { useWorkbench, visibleText, type Workbench } from './workbench';

const EXTENSION_ID = 'briefing-desk.briefing-desk';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The inner, scriptable frame of the webview whose outer iframe matches `selector`. */
async function innerFrame(page: Page, selector: string): Promise<Frame> {
  const outer = await (await page.locator(selector).first().elementHandle())!.contentFrame();
  const inner = await (await outer!.locator('iframe#active-frame').elementHandle())!.contentFrame();
  return inner!;
}

/** axe-core's serious and critical violations in `frame` (the script is evaluated there, past the page's CSP). */
async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(AXE_SOURCE);
  // Runs in the webview; typed loosely because the tests compile without the DOM library.
  type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> };
  type Axe = { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
  const found = await frame.evaluate(async () => {
    const page = globalThis as unknown as { axe: Axe; document: unknown };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return (found as Array<{ id: string; impact: string; nodes: string[] }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.join(', ')}`);
}

describe('Briefing Desk: the side panel from the keyboard', function () {
  const bench = useWorkbench('panel');
  let wb: Workbench;
  beforeEach(() => (wb = bench()));

  it('Search Sources puts the editor selection in the focused search box; Escape returns to the editor', async () => {
    await wb.selectText('Hegseth');
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    const query = panel.locator('#query');
    await panel.locator('.result[role="option"]').first().waitFor();
    assert.strictEqual(await query.inputValue(), 'Hegseth');
    // Typing goes into the box: it has the focus.
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(' roadmap');
    assert.strictEqual(await query.inputValue(), 'Hegseth roadmap');
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
  });

  it('arrows move through a listbox of labelled results; Enter inserts the citation, Alt+Enter the quote', async () => {
    await wb.goToEnd();
    await wb.typeInEditor('\n\nHegseth called the pact a roadmap ');
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    const query = panel.locator('#query');
    const options = panel.locator('#results[role="listbox"] [role="option"]');
    // The panel's script has run and heard from the extension (a view shown again is a new page, whose script restores
    // the last query after any text typed before it ran): it shows the sources or the results of a query.
    await panel
      .locator('.source-list')
      .or(panel.locator('#results[data-query]'))
      .first()
      .waitFor({ state: 'attached' });
    // Start from an empty list, so the options below are this query's.
    await query.fill('');
    await panel.locator('.source-list').waitFor();
    await query.fill('Hegseth roadmap');
    await panel.locator('#results[data-query="Hegseth roadmap"] [role="option"]').first().waitFor();
    // The accessible name a screen reader reads: the title and the paragraph (the passage is the description).
    const named = panel.getByRole('option', { name: /^Islamabad views US-India defence framework.*, paragraph 8$/ });
    assert.strictEqual(await named.count(), 1);
    assert.strictEqual(await options.first().getAttribute('id'), await named.getAttribute('id'));
    await query.press('ArrowDown');
    assert.strictEqual(await options.nth(0).getAttribute('aria-selected'), 'true');
    if ((await options.count()) > 1) {
      await wb.page.keyboard.press('ArrowDown');
      assert.strictEqual(await options.nth(1).getAttribute('aria-selected'), 'true');
      assert.strictEqual(await options.nth(0).getAttribute('aria-selected'), 'false');
      await wb.page.keyboard.press('ArrowUp');
    }
    assert.strictEqual(await options.nth(0).getAttribute('aria-selected'), 'true');
    await wb.page.keyboard.press('Enter');
    await wb.activeEditor.locator('.view-line', { hasText: 'roadmap [@islamabad-views-us-2025, ¶8]' }).waitFor();

    await wb.runCommand('Briefing Desk: Search Sources');
    await query.press('ArrowDown');
    await wb.page.keyboard.press('Alt+Enter');
    await wb.activeEditor.locator('.view-line', { hasText: 'Hegseth described the pact' }).waitFor();
    // Markdown wraps long lines on screen: compare the text with its wrapping undone.
    const text = (await visibleText(wb.activeEditor)).replace(/\s+/g, ' ');
    assert.match(text, /“Hegseth described the pact as “ambitious” [^”]*” [^”]*” \[@islamabad-views-us-2025, ¶8\]/);
  });

  it('filters by an entity from its card, with no serious accessibility violations (axe-core)', async () => {
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame(EXTENSION_ID);
    await panel.locator('#tab-entities').click();
    await panel.locator('.entity-button', { hasText: 'Pete Hegseth' }).first().click();
    await panel.locator('#card button.chip', { hasText: 'Search passages that mention' }).click();
    const query = panel.locator('#query');
    await query.fill('defence');
    await panel.locator('#status', { hasText: 'mentioning Pete Hegseth' }).waitFor();
    const results = await panel.locator('.result').allInnerTexts();
    assert.ok(results.length > 0);
    for (const r of results) assert.match(r, /Hegseth/);
    await panel.locator('.result').first().click();
    await wb.screenshot('10-panel-filtered-search');
    const violations = await axeViolations(
      await innerFrame(wb.page, `iframe.webview[src*="extensionId=${EXTENSION_ID}"]`),
    );
    assert.deepStrictEqual(violations, []);
  });

  it('the Markdown preview has no serious accessibility violations (axe-core)', async () => {
    await wb.openFile('briefings/sample.md');
    await wb.runCommand('Briefing Desk: Open Briefing Preview');
    const selector = 'iframe.webview[src*="extensionId=vscode.markdown-language-features"]';
    await wb.page
      .frameLocator(selector)
      .frameLocator('iframe#active-frame')
      .locator('a.bd-cite-ref')
      .first()
      .waitFor({ timeout: 60_000 });
    const violations = await axeViolations(await innerFrame(wb.page, selector));
    assert.deepStrictEqual(violations, []);
  });
});
