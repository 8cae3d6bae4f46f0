// The index worker's entry point in the browser (a web worker started by the web extension, src/web/workerHost.ts):
// serves the same desk protocol as the worker_threads entry (src/node/deskWorker.ts) over postMessage. Extractor
// bundles for web pages, PDF and Word files are asked of the extension host, which can read the extension's files.
import { serveDesk } from '../core/worker/serve';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { useFormatSource, type FormatRequest, type FormatResponse } from './formatLoader';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', handler: (e: { data: unknown }) => void): void;
  /** Set by the host in front of this script (src/web/workerHost.ts). */
  briefingDeskWorker?: { cache: boolean };
}
/** Sources indexed between two pauses (as in the worker_threads entry). */
const BATCH = 500;

const scope = globalThis as unknown as WorkerScope;

let nextFormat = 1;
const formats = new Map<number, { resolve: (text: string) => void; reject: (e: Error) => void }>();
useFormatSource(
  (name) =>
    new Promise((resolve, reject) => {
      const id = nextFormat++;
      formats.set(id, { resolve, reject });
      scope.postMessage({ formatRequest: id, name } satisfies FormatRequest);
    }),
);

const handlers: Array<(m: ToWorker) => void> = [];
scope.addEventListener('message', (e) => {
  const m = e.data as ToWorker | FormatResponse;
  if (typeof m === 'object' && m !== null && 'formatResponse' in m) {
    const w = formats.get(m.formatResponse);
    formats.delete(m.formatResponse);
    if (m.text !== undefined) w?.resolve(m.text);
    else w?.reject(new Error(m.error ?? 'the extractor could not be read'));
    return;
  }
  for (const h of handlers) h(m);
});

serveDesk(
  { post: (m: FromWorker) => scope.postMessage(m), listen: (h: (m: ToWorker) => void) => handlers.push(h) },
  {
    cache: !!scope.briefingDeskWorker?.cache,
    // Its own thread: large steps, with a pause between them so that searches and checks are answered meanwhile.
    pause: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    batch: BATCH,
  },
);
