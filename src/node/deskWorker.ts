// The index worker's entry point under worker_threads: serves the desk protocol over the parent port.
import { parentPort, workerData } from 'worker_threads';
import { serveDesk } from '../core/worker/serve';
import type { FromWorker, ToWorker } from '../protocol/worker';

if (parentPort) {
  const port = parentPort;
  serveDesk(
    { post: (m: FromWorker) => port.postMessage(m), listen: (h: (m: ToWorker) => void) => port.on('message', h) },
    { cache: !!(workerData as { cache?: boolean } | undefined)?.cache },
  );
}
