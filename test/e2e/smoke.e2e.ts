// The packaged extension installs into a real workbench, which opens a briefing for editing.
import * as assert from 'assert';
import { openWorkbench, visibleText, type Workbench } from './workbench';

describe('Briefing Desk in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.close();
  });

  it('opens a briefing in the editor', async () => {
    await wb.openFile('briefings/sample.md');
    await wb.activeEditor.locator('.view-line', { hasText: 'US and Israeli defence ties' }).waitFor();
    await wb.waitForActivation();
    await wb.screenshot('smoke-sample-open');
    const text = await visibleText(wb.activeEditor);
    assert.match(text, /# Briefing: US and Israeli defence ties with India/);
    assert.match(text, /\[@islamabad-views-us-2025, ¶3\]/);
  });
});
