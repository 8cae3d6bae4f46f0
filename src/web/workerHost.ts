// Starts the index worker in the browser: a web worker made from the bundled script dist/web/deskWorker.js. The
// extension's files have a `vscode-remote:` or `https:` address there, from which the extension host may not start a
// worker directly (VS Code refuses remote URLs; another origin is refused by the browser), so the script is read
// through workspace.fs and started from a blob: URL of the same origin. Messages that reach the worker before it has
// started are queued; the worker's requests for extractor bundles are answered here (src/web/formatLoader.ts).
import * as vscode from 'vscode';
import type { FromWorker, ToWorker, WorkerEvent } from '../protocol/worker';
import type { WorkerPort } from '../vscode/activate';
import type { FormatRequest, FormatResponse } from './formatLoader';

/** The parts of the browser's Worker used here (the project compiles without the DOM library). */
interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => BrowserWorker;

/** The Worker constructor, when this thread may start one. */
export function workerConstructor(): WorkerConstructor | undefined {
  return (globalThis as { Worker?: WorkerConstructor }).Worker;
}

/** Reads one of the extension's own files as text. */
export async function readExtensionText(extensionUri: vscode.Uri, ...path: string[]): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...path)));
}

/** Starts the web index worker; undefined when this extension host cannot start workers. */
export function startWebWorker(context: vscode.ExtensionContext): WorkerPort | undefined {
  const Ctor = workerConstructor();
  if (!Ctor) return undefined;
  const handlers: Array<(m: FromWorker) => void> = [];
  const exits: Array<() => void> = [];
  const emit = (m: FromWorker): void => handlers.forEach((h) => h(m));
  let heard = false;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    exits.forEach((h) => h());
  };
  let worker: BrowserWorker | undefined;
  let stopped = false;
  let queue: ToWorker[] | undefined = [];
  let blobUrl: string | undefined;
  const answerFormat = async (r: FormatRequest): Promise<FormatResponse> => {
    try {
      return {
        formatResponse: r.formatRequest,
        text: await readExtensionText(context.extensionUri, 'dist', 'web', 'formats', `${r.name}.js`),
      };
    } catch (e) {
      return { formatResponse: r.formatRequest, error: (e as Error).message };
    }
  };
  const failed = (message: string): void =>
    emit({ event: 'log', level: 'error', message: `index worker: ${message}` } satisfies WorkerEvent);
  // A script that cannot be loaded or run reports an error before the worker has said anything: the worker is gone
  // (later errors are the worker's own, logged, and it goes on serving).
  void (async () => {
    try {
      const script = await readExtensionText(context.extensionUri, 'dist', 'web', 'deskWorker.js');
      if (stopped) return;
      const options = JSON.stringify({ cache: true });
      const blob = new Blob([`self.briefingDeskWorker=${options};\n`, script], { type: 'text/javascript' });
      blobUrl = URL.createObjectURL(blob);
      const w = new Ctor(blobUrl, { name: 'briefing-desk-index' });
      worker = w;
      w.onmessage = (e) => {
        heard = true;
        const m = e.data as FromWorker | FormatRequest;
        if (typeof m === 'object' && m !== null && 'formatRequest' in m)
          void answerFormat(m).then((a) => w.postMessage(a));
        else emit(m);
      };
      w.onerror = (e) => {
        failed(e.message ?? 'failed');
        if (!heard) {
          w.terminate();
          end();
        }
      };
      for (const m of queue ?? []) w.postMessage(m);
      queue = undefined;
    } catch (e) {
      failed(`could not be started (${(e as Error).message})`);
      end();
    }
  })();
  return {
    onExit: (handler) => void exits.push(handler),
    channel: {
      post: (m) => (worker ? worker.postMessage(m) : queue?.push(m)),
      listen: (h) => void handlers.push(h),
    },
    terminate() {
      stopped = true;
      worker?.terminate();
      end();
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    },
  };
}
