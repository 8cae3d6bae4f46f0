// The index worker's entry point under worker_threads: serves the desk protocol over the parent port. It has its own
// thread, so it indexes in large steps and pauses only so that questions (a search, a check) are answered meanwhile.
import { parentPort, workerData } from 'worker_threads';
import { serveDesk } from '../core/worker/serve';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { FsCacheStore } from './cacheStore';
import type { DeskWorkerData } from './workerHost';

/** Sources indexed between two pauses. */
const BATCH = 500;

if (parentPort) {
  const port = parentPort;
  const data = workerData as DeskWorkerData | undefined;
  serveDesk(
    { post: (m: FromWorker) => port.postMessage(m), listen: (h: (m: ToWorker) => void) => port.on('message', h) },
    {
      cache: data?.cacheFile ? new FsCacheStore(data.cacheFile) : !!data?.cache,
      pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
      batch: BATCH,
      memory: () => {
        const { heapUsed, heapTotal, external } = process.memoryUsage();
        return { heapUsed, heapTotal, external };
      },
    },
  );
}
