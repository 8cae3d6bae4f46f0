// The side panel follows the workbench theme: in High Contrast it takes the theme's colours and outlines.
import * as assert from 'assert';
import { openWorkbench, type Workbench } from './workbench';

describe('Briefing Desk: the side panel in a high-contrast theme', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default High Contrast' } });
    await wb.openFile('briefings/sample.md');
    await wb.waitForActivation();
  });

  after(async () => {
    await wb?.close();
  });

  it('renders results with the theme’s foreground, highlight and focus outline', async () => {
    await wb.runCommand('Briefing Desk: Search Sources');
    const panel = wb.webviewFrame('briefing-desk.briefing-desk');
    const query = panel.locator('#query');
    await query.waitFor();
    await query.fill('Hegseth');
    await panel.locator('.result mark').first().waitFor();
    await query.press('ArrowDown');
    // Runs in the webview; typed loosely because the tests compile without the DOM library.
    const look = await panel
      .locator('.result')
      .first()
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- no DOM types here
      .evaluate((el: any) => {
        const view = el.ownerDocument.defaultView;
        const style = view.getComputedStyle(el);
        const body = view.getComputedStyle(el.ownerDocument.body);
        return {
          color: body.color as string,
          outline: style.outlineStyle as string,
          themeKind: el.ownerDocument.body.className as string,
        };
      });
    assert.match(look.themeKind, /vscode-high-contrast/);
    assert.strictEqual(look.color, 'rgb(255, 255, 255)');
    assert.strictEqual(look.outline, 'solid', 'the focused result shows a focus outline');
    await wb.screenshot('09-panel-high-contrast');
  });
});
