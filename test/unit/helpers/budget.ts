// Hang detection: a case runs in a worker that is stopped when it outlives its budget, so a catastrophic pattern
// fails one test with a clear message instead of freezing the suite. Budgets are far above normal times (a
// megabyte input takes well under a second); they detect hangs and measure nothing.
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';

/** Runs `runCase(run, kind, size)` of hostile.ts in a worker; rejects when it takes longer than `ms`. */
export function withinBudget(ms: number, run: string, kind: string, size: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { run, kind, size } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`${run} on "${kind}" (${size} characters) did not finish within ${ms / 1000} s: a hang`));
    }, ms);
    w.once('message', (m: { ok: boolean; value?: unknown; error?: string }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) resolve(m.value);
      else reject(new Error(`${run} on "${kind}" threw: ${m.error}`));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

if (!isMainThread && parentPort) {
  const { runCase } = require('./hostile') as typeof import('./hostile');
  const { run, kind, size } = workerData as { run: string; kind: string; size: number };
  try {
    parentPort.postMessage({ ok: true, value: runCase(run, kind, size) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: e instanceof Error ? e.stack : String(e) });
  }
}
