// A generated workspace of BRIEFING_SCALE sources (the runner's --scale N writes them): indexed in the worker while
// the extension host stays responsive. Prints activation time, time to sources ready and to entities, the host's
// event-loop stalls and memory; asserts only what a user sees (every source indexed, progress shown, search works).
import * as assert from 'assert';
import { monitorEventLoopDelay } from 'perf_hooks';
import * as vscode from 'vscode';
import type { BriefingDeskApi } from '../../src/vscode/activate';
import { progressText } from '../../src/vscode/services/progress';
import { EXTENSION_ID, print, waitFor } from './helpers';

const SCALE = Number(process.env.BRIEFING_SCALE || 0);
const MB = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

/** Watches the extension host's event loop: the longest stall and the 99th percentile, in ms. */
function stalls() {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return () => {
    h.disable();
    return `longest host stall ${ms(h.max / 1e6)}, p99 ${ms(h.percentile(99) / 1e6)}`;
  };
}

describe('Briefing Desk at scale (BRIEFING_SCALE generated sources)', function () {
  this.timeout(60 * 60_000);
  before(function () {
    if (!SCALE) this.skip();
  });

  let api: BriefingDeskApi;

  it('indexes the generated workspace in the worker, showing progress, and searches it', async () => {
    const ext = vscode.extensions.getExtension<BriefingDeskApi>(EXTENSION_ID);
    assert.ok(ext);
    // Activation loads the extension's bundle (a stall of its own); indexing is measured from activate()'s return.
    const stopActivation = stalls();
    const started = performance.now();
    api = await ext.activate();
    const activation = stopActivation();
    const stop = stalls();
    const seen = new Set<string>();
    const progress = api.sources.onDidProgress((p) => p && seen.add(progressText(p)));
    await api.sources.ready;
    const ready = performance.now() - started;
    progress.dispose();
    await api.sources.entities();
    const entities = performance.now() - started;
    const loop = stop();
    const host = process.memoryUsage();
    const worker = await api.sources.workerMemory();
    print(
      `      ${api.sources.corpus.size.toLocaleString('en-US')} sources (${SCALE} generated), desk: ${api.sources.mode}`,
    );
    print(`      activate() ${ms(api.activationMs)} (loading the extension: ${activation})`);
    print(`      sources ready ${ms(ready)}; entities ${ms(entities)}; while indexing: ${loop}`);
    print(
      `      process RSS (host + worker threads) ${MB(host.rss)}; host heap ${MB(host.heapUsed)}` +
        (worker ? `; worker heap ${MB(worker.heapUsed)} (+ ${MB(worker.external)} external)` : ''),
    );
    assert.strictEqual(api.sources.mode, 'worker');
    assert.ok(api.sources.corpus.size >= SCALE, `${api.sources.corpus.size} sources indexed`);
    const shown = [...seen].filter((t) => /^Indexing [\d,]+ of [\d,]+ sources$/.test(t));
    assert.ok(shown.length >= 2, `progress shown: ${[...seen].join(' | ')}`);
    const hits = await api.sources.search('the American people', { limit: 5 });
    assert.strictEqual(hits.length, 5);
    assert.ok(api.sources.corpus.get(hits[0].key), 'a hit names a source the host knows');
  });

  it('starts warm from the saved index on reload', async () => {
    // The first load saved the index (in the worker) before it reported the sources ready.
    const stop = stalls();
    const started = performance.now();
    await api.sources.reload();
    const warm = performance.now() - started;
    print(`      warm reload ${ms(warm)}; ${stop()}`);
    assert.ok(api.log.recent().some((l) => /Index: \d+ of \d+ sources reused/.test(l)));
  });

  it('closing stops the worker: a reload in flight ends quietly, later questions get empty answers', async () => {
    const reloading = api.sources.reload();
    await waitFor('the reload to show progress', () => api.sources.progress, 300_000);
    api.sources.dispose();
    await reloading;
    const last = api.log.recent().slice(-50);
    assert.ok(!last.some((l) => /failed|stopped/i.test(l)), last.join('\n'));
    assert.deepStrictEqual(await api.sources.search('the American people'), []);
  });
});
