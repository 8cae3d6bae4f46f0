// A generated workspace of BRIEFING_SCALE sources (the runner's --scale N writes them): indexed in the worker while
// the extension host stays responsive. Prints activation time, time to sources ready and to entities, the host's
// event-loop stalls and memory; asserts only what a user sees (every source indexed, progress shown, search works).
import * as assert from 'assert';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'perf_hooks';
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

/** A stall worth naming: the host did not run a 5 ms timer for this long. */
const STALL_MS = 50;
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major GC',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor GC',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental GC',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callback GC',
};

/**
 * Names the host's stalls: each gap of a 5 ms timer over STALL_MS, with the garbage collections and the host's own
 * work (SourcesService.trace: messages taken and sent, store and cache calls) that overlap it. Returns the lines to
 * print once stopped.
 */
function stallCauses(api: BriefingDeskApi) {
  const t0 = performance.now();
  const gcs: Array<{ what: string; start: number; ms: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      if (e.duration >= 5) gcs.push({ what: GC_KINDS[kind] ?? `GC ${kind}`, start: e.startTime, ms: e.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const gaps: Array<{ start: number; ms: number }> = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > STALL_MS + 5) gaps.push({ start: last, ms: now - last - 5 });
    last = now;
  }, 5);
  api.sources.trace.start();
  return (): string[] => {
    clearInterval(timer);
    observer.disconnect();
    const work = [...api.sources.trace.stop(), ...gcs];
    const lines: string[] = [];
    const total = new Map<string, { n: number; ms: number; max: number }>();
    for (const w of work) {
      if (w.what.endsWith('(span)')) continue;
      const t = total.get(w.what) ?? { n: 0, ms: 0, max: 0 };
      total.set(w.what, { n: t.n + 1, ms: t.ms + w.ms, max: Math.max(t.max, w.ms) });
    }
    const sum = gaps.reduce((a, g) => a + g.ms, 0);
    lines.push(
      `stalls over ${STALL_MS} ms: ${gaps.length} (${ms(sum)} in all); the longest, with what overlapped them:`,
    );
    for (const g of [...gaps].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      const end = g.start + g.ms;
      const during = work
        .filter((w) => w.start < end && w.start + w.ms > g.start)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((w) => `${w.what} ${ms(w.ms)}`);
      lines.push(
        `  at ${((g.start - t0) / 1000).toFixed(1)} s: ${ms(g.ms)} — ${during.join('; ') || 'nothing traced'}`,
      );
    }
    const top = [...total].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
    lines.push(
      `host work (≥ 2 ms each) and GC pauses (≥ 5 ms), by total: ` +
        top.map(([what, t]) => `${what} ${t.n}× ${ms(t.ms)} (max ${ms(t.max)})`).join('; '),
    );
    return lines;
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
    const causes = stallCauses(api);
    const seen = new Set<string>();
    const progress = api.sources.onDidProgress((p) => p && seen.add(progressText(p)));
    await api.sources.ready;
    const ready = performance.now() - started;
    progress.dispose();
    await api.sources.entities();
    const entities = performance.now() - started;
    const loop = stop();
    const named = causes();
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
    for (const line of named) print(`      ${line}`);
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
    const causes = stallCauses(api);
    const started = performance.now();
    await api.sources.reload();
    const warm = performance.now() - started;
    print(`      warm reload ${ms(warm)}; ${stop()}`);
    for (const line of causes()) print(`      ${line}`);
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
