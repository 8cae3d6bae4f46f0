// The index worker's entry point under worker_threads: serves the desk protocol over the parent port. It has its own
// thread, so it indexes in large steps and pauses only so that questions (a search, a check) are answered meanwhile.
import * as os from 'os';
import * as v8 from 'v8';
import * as vm from 'vm';
import { parentPort, workerData } from 'worker_threads';
import { serveDesk } from '../core/worker/serve';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { FsCacheStore } from './cacheStore';
import type { DeskWorkerData } from './workerHost';
import { LocalSourceStore } from './workerStore';

/** Sources indexed between two pauses. */
const BATCH = 500;

/**
 * On Linux a thread has its own nice value, and `setPriority(pid 0)` sets the calling thread's: the index worker
 * yields the CPU to the extension host (and everything else) whenever both want it. Elsewhere the same call would
 * lower the whole extension host, so it is left alone there.
 */
function yieldTheCpu(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here: the worker runs at the host's priority.
  }
}

/**
 * A full garbage collection on request, so the worker hands memory back right after a heavy step (a cold build
 * leaves hundreds of MB of file bytes and index buffers that V8 would otherwise keep until it next needs room).
 * Node lets a running process expose `gc` to a new context; Electron (the desktop app's extension host) fixes V8's
 * flags at start, so there the worker does without.
 */
function collector(): (() => void) | undefined {
  if (process.versions.electron) return undefined;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
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
