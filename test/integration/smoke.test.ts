// The extension is installed in the test host and wakes up for Markdown.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, waitFor } from './helpers';

describe('Briefing Desk in a real extension host', () => {
  it('activates when a Markdown briefing is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} should be installed`);

    const editor = await openFile('briefings/sample.md');
    assert.strictEqual(editor.document.languageId, 'markdown');
    await waitFor('the extension to activate', () => extension.isActive);
    // isActive is also true when activation threw; activate() rethrows that error.
    const api = (await extension.activate()) as { activationMs?: number };
    console.log(
      `      activate() returned in ${api.activationMs?.toFixed(1)} ms (target under 50 ms; printed, not asserted)`,
    );
  });
});
