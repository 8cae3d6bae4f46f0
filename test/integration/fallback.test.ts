// When the index worker cannot run (its script is missing from the package, the host refuses threads), the desk runs
// on the extension host instead, and the panel still lists and searches the sources.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startWorkerPort } from '../../src/node/workerHost';
import { PanelViewProvider } from '../../src/vscode/features/panel/panelView';
import type { Logger } from '../../src/vscode/log';
import { SourcesService } from '../../src/vscode/services/sources';
import { EXPECTED } from '../web/expected';
import { deskApi, EXTENSION_ID, searchPanel } from '../web/checks';

describe('Briefing Desk without its index worker', function () {
  this.timeout(120_000);

  it('indexes on the extension host when the worker script is missing, and the panel lists and searches', async () => {
    const a = await deskApi();
    await a.sources.ready;
    const missing = path.join(os.tmpdir(), 'no-such-folder', 'deskWorker.js');
    const lines: string[] = [];
    const log: Logger = {
      info: (m) => void lines.push(m),
      warn: (m) => void lines.push(m),
      error: (m, e) => void lines.push(e instanceof Error ? `${m}: ${e.message}` : m),
      show: () => undefined,
      recent: () => [...lines],
    };
    const sources = new SourcesService({
      extensionUri: vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
      log,
      startWorker: () => startWorkerPort({ cache: false }, missing),
    });
    try {
      sources.start();
      // `ready` resolves only once the desk that took over has loaded the sources (not when the worker died).
      await sources.ready;
      assert.strictEqual(sources.mode, 'extension host', lines.join('\n'));
      assert.ok(
        lines.some((l) => l.includes('stopped unexpectedly')),
        `the log says the worker stopped: ${lines.join(' | ')}`,
      );
      assert.ok(sources.corpus.get(EXPECTED.search.key), 'the sources reached the host');

      const panel = new PanelViewProvider(vscode.Uri.file('/'), sources);
      const loaded = await panel.handle({ type: 'load' });
      assert.ok(loaded && loaded.type === 'didLoad');
      assert.ok(
        loaded.sources.some((s) => s.key === EXPECTED.search.key),
        loaded.sources.map((s) => s.key).join(', '),
      );
      const reply = await searchPanel(panel);
      assert.ok(reply && reply.type === 'didSearch');
      assert.strictEqual(reply.results[0]?.key, EXPECTED.search.key);
      assert.strictEqual(reply.results[0]?.paragraph, EXPECTED.search.paragraph);
    } finally {
      sources.dispose();
    }
  });
});
