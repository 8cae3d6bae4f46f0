// The index worker's entry point under worker_threads: serves the desk protocol over the parent port. It has its own
// thread, so it indexes in large steps and pauses only so that questions (a search, a check) are answered meanwhile.
import * as fs from 'fs';
import * as os from 'os';
import { parentPort, workerData } from 'worker_threads';
import { serveDesk } from '../core/worker/serve';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { FsCacheStore } from './cacheStore';
import { collector } from './collector';
import type { DeskWorkerData } from './workerHost';
import { LocalSourceStore } from './workerStore';

/** Sources indexed between two pauses. */
const BATCH = 500;

/**
 * On Linux a thread has its own nice value, and `setPriority(pid 0)` sets the calling thread's: the index worker
 * yields the CPU to the extension host (and everything else) whenever both want it. Elsewhere the same call would
 * lower the whole extension host, so it is left alone there. The thread is also named `briefing-index` (as `top -H`
 * shows it), so its CPU time can be told from the extension host's (the scale suite reads it).
 */
function yieldTheCpu(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here: the worker runs at the host's priority.
  }
  try {
    // The thread's name (as `top -H` and /proc show it), so its CPU time can be told from the extension host's.
    fs.writeFileSync('/proc/thread-self/comm', 'briefing-index');
  } catch {
    // No such file here: the thread keeps its name.
  }
}

if (parentPort) {
  yieldTheCpu();
  const port = parentPort;
  const data = workerData as DeskWorkerData | undefined;
  serveDesk(
    { post: (m: FromWorker) => port.postMessage(m), listen: (h: (m: ToWorker) => void) => port.on('message', h) },
    {
      cache: data?.cacheFile ? new FsCacheStore(data.cacheFile) : !!data?.cache,
      pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
      batch: BATCH,
      // The worker lists and reads the files itself where its listing is known to match the host's file search
      // (Linux: case-sensitive names, `/` paths); elsewhere the host lists and hands the files over.
      localStore: process.platform === 'linux' ? (listing) => new LocalSourceStore(listing) : undefined,
      collect: collector(),
      memory: () => {
        const { heapUsed, heapTotal, external } = process.memoryUsage();
        return { heapUsed, heapTotal, external };
      },
    },
  );
}
