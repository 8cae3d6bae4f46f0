// The extension is installed in the test host and wakes up for Markdown.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import { EXTENSION_ID, openFile, print, waitFor } from './helpers';

describe('Briefing Desk in a real extension host', () => {
  it('activates when a Markdown briefing is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} should be installed`);

    const editor = await openFile('briefings/sample.md');
    assert.strictEqual(editor.document.languageId, 'markdown');
    await waitFor('the extension to activate', () => extension.isActive);
    // isActive is also true when activation threw; activate() rethrows that error.
    const api = (await extension.activate()) as BriefingDeskApi;
    print(`      activate() returned in ${api.activationMs.toFixed(1)} ms (target under 50 ms; printed, not asserted)`);
  });

  it('indexes in the index worker, off the extension host, and says so in its log', async () => {
    const api = await (vscode.extensions.getExtension(EXTENSION_ID)!.activate() as Thenable<BriefingDeskApi>);
    await api.sources.ready;
    assert.strictEqual(api.sources.mode, 'worker');
    assert.ok(
      api.log.recent().some((l) => l.includes('Indexing in the index worker')),
      api.log.recent().slice(0, 20).join('\n'),
    );
    assert.ok(api.sources.corpus.size > 5, 'the sources indexed in the worker reached the host');
    assert.ok((await api.sources.workerMemory())!.heapUsed > 0, 'the worker answers');
  });
});
