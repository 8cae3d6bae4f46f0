// The built-in Markdown preview with Briefing Desk citations: hover a marker, read the tooltip card.
import * as assert from 'assert';
import { useWorkbench, type Workbench } from './workbench';

describe('Briefing Desk: the Markdown preview', function () {
  const bench = useWorkbench('preview');
  let wb: Workbench;
  beforeEach(() => (wb = bench()));

  it('shows numbered citation markers, a tooltip card with the cited passage, and the bibliography', async () => {
    await wb.runCommand('Briefing Desk: Open Briefing Preview');
    const preview = wb.page
      .frameLocator('iframe.webview[src*="extensionId=vscode.markdown-language-features"]')
      .frameLocator('iframe#active-frame');
    const marker = preview.locator('a.bd-cite-ref', { hasText: '¶6' }).first();
    await marker.waitFor();
    assert.match(await marker.innerText(), /^\d+, ¶6$/);
    await marker.hover();
    const card = preview.locator('.bd-tooltip:not([hidden])');
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /Israel Calls India ‘Key Strategic Ally’/);
    assert.match(text, /India is a key strategic ally of Israel/);
    const sources = await preview.locator('#bd-refs, .bd-bibliography').first().innerText();
    assert.match(sources, /Sources/);
    assert.match(sources, /@israel-calls-india/);
    await wb.screenshot('07-preview-tooltip');
  });
});
